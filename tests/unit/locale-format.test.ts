import { configureLocale, DEFAULT_LOCALE_SETTINGS, formatBytes, formatDate, formatDateTime, formatMoney, statusLabel, t } from '../../locale';

afterEach(() => configureLocale(DEFAULT_LOCALE_SETTINGS));

describe('money', () => {
  it.each([
    ['da', 1_200_000n, '12.000 kr.'],
    ['nb', 1_200_000n, '12 000 DKK'],
    ['en', 1_200_000n, 'DKK 12,000'],
    ['da', 123_450n, '1.234,50 kr.'],
    ['en', 5n, 'DKK 0.05'],
  ] as const)('%s writes %s øre as %s', (language, ore, expected) => {
    expect(formatMoney(language, ore)).toBe(expected);
  });
});

describe('dates and times', () => {
  const lateEvening = new Date('2027-01-31T22:59:00Z');
  it('show a moment in the municipality’s time zone', () => {
    expect(formatDate('da', lateEvening)).toBe('31. januar 2027');
    expect(formatDateTime('da', lateEvening)).toBe('31. jan. 2027, 23.59');
    configureLocale({ timeZone: 'America/New_York' });
    expect(formatDateTime('en', lateEvening)).toBe('31 Jan 2027, 17:59');
  });
  it('show a calendar date as the day it names, whatever the time zone', () => {
    configureLocale({ timeZone: 'Pacific/Kiritimati' });
    expect(formatDate('nb', '2027-03-01')).toBe('1. mars 2027');
    expect(formatDate('en', '2027-03-01', 'medium')).toBe('1 Mar 2027');
  });
  it('refuse an unknown time zone', () => {
    expect(() => configureLocale({ timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('messages', () => {
  it('fill placeholders, and name statuses in plain words', () => {
    expect(t('en', 'errors.upload.count', { filename: 'a.pdf', max: 10 })).toContain('at most 10 files');
    expect(statusLabel('da', 'IN_QUEUE')).toBe('Venter på en sagsbehandler');
    expect(statusLabel('nb', 'NOT_A_STATUS')).toBe('NOT_A_STATUS');
  });
  it('end a sentence that ends in an abbreviation with one period', () => {
    expect(t('da', 'casework.amountGrantedHint', { requested: formatMoney('da', 1_200_000n) })).toBe('Ansøgt: 12.000 kr. Ved afslag: 0.');
    expect(t('en', 'casework.amountGrantedHint', { requested: formatMoney('en', 1_200_000n) })).toBe('Requested: DKK 12,000. For a rejection: 0.');
  });
  it('count with the language’s plurals', () => {
    expect(t('da', 'casework.resultCount', { total: 1, from: 1, to: 1 })).toBe('1 sag matcher. Viser 1–1.');
    expect(t('da', 'casework.resultCount', { total: 2, from: 1, to: 2 })).toBe('2 sager matcher. Viser 1–2.');
    expect(t('nb', 'casework.resultCount', { total: 1, from: 1, to: 1 })).toMatch(/^1 sak /);
    expect(t('en', 'casework.resultCount', { total: 1, from: 1, to: 1 })).toMatch(/^1 case /);
    expect(t('da', 'errors.upload.count', { filename: 'a.pdf', max: 1 })).toContain('højst sende 1 fil.');
    expect(t('da', 'errors.upload.count', { filename: 'a.pdf', max: 10 })).toContain('højst sende 10 filer.');
    expect(t('en', 'errors.upload.ownerFull', { existing: 1, max: 1 })).toMatch(/^There is already 1 file /);
    expect(t('da', 'apply.landing.timeEstimateMeasured', { minutes: 1, count: 12 })).toMatch(/^Det tager typisk 1 minut at udfylde skemaet \(målt på de seneste 12 ansøgninger\)/);
    expect(t('da', 'errors.draft.tooManyResumeEmails', { max: 1 })).toContain('sendt linket 1 gang.');
  });
  it('write file sizes with the language’s decimal mark and one unit', () => {
    expect(formatBytes('da', 1_640)).toBe('1,6 kB');
    expect(formatBytes('nb', 1_640)).toBe('1,6 kB');
    expect(formatBytes('en', 1_640)).toBe('1.6 kB');
    expect(formatBytes('da', 64 * 1024)).toBe('64 kB');
    expect(formatBytes('da', 10 * 1024 * 1024)).toBe('10 MB');
    expect(formatBytes('en', 2.5 * 1024 * 1024)).toBe('2.5 MB');
    expect(formatBytes('da', 12)).toBe('0,1 kB');
  });
});
