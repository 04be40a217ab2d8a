import {
  FIRST_RETENTION_KINDS,
  ORGANISATION_DOCUMENT_RETENTION_KINDS,
  ORGANISATION_PROFILE_RETENTION_KINDS,
  ORGANISATION_RETENTION_KINDS,
  RETENTION_KINDS,
  RETENTION_RULES,
  hasExpired,
  organisationNoLongerApplies,
  redactPersonalData,
  retentionCutoff,
  retentionRule,
  type RetentionSettings,
} from '../../domain/retention';
import { parseRetentionSchedule, retentionSettingsSchema } from '../../lib/retention-settings';
import { wholeYears } from '../../lib/durations';
import { loadConfig } from '../../lib/config';

const ZONE = 'Europe/Copenhagen';
const DAY = 24 * 3600 * 1000;
const defaults: RetentionSettings = retentionSettingsSchema.parse({});

describe('retention rules', () => {
  test('every kind has exactly one rule', () => {
    expect(RETENTION_RULES.map((rule) => rule.kind).sort()).toEqual([...RETENTION_KINDS].sort());
  });

  test("the associations' kinds come after the first ones, as runs started before them replay", () => {
    expect(RETENTION_KINDS.slice(0, FIRST_RETENTION_KINDS.length)).toEqual([...FIRST_RETENTION_KINDS]);
    expect(RETENTION_KINDS.slice(FIRST_RETENTION_KINDS.length)).toEqual([...ORGANISATION_RETENTION_KINDS, ...ORGANISATION_DOCUMENT_RETENTION_KINDS, ...ORGANISATION_PROFILE_RETENTION_KINDS]);
    expect(retentionRule('organisation_document')).toMatchObject({ action: 'delete', setting: 'RETENTION_ORGANISATION_DOCUMENTS' });
    // The profile goes when the documents do: one line for an organisation that no longer applies.
    expect(retentionRule('organisation_profile')).toMatchObject({ action: 'delete', countsFrom: 'event', setting: retentionRule('organisation_document').setting });
    expect(retentionRule('organisation_sign_in_link')).toMatchObject({ action: 'delete', setting: 'RETENTION_EXPIRED_GRACE' });
    expect(retentionRule('organisation_session')).toMatchObject({ action: 'delete', setting: 'RETENTION_EXPIRED_GRACE' });
    expect(retentionRule('organisation_log')).toMatchObject({ action: 'delete', setting: 'RETENTION_STAFF_LOGS' });
  });

  test('the defaults: 90 days for drafts, 3 years for refused cases, 5 financial years for granted cases and payout runs', () => {
    expect(defaults).toMatchObject({
      RETENTION_DRAFTS: 'P90D',
      RETENTION_REFUSED_CASES: 'P3Y',
      RETENTION_GRANTED_CASES: 'P5Y',
      RETENTION_PAYOUT_RUNS: 'P5Y',
      RETENTION_EMAIL_BODIES: 'P30D',
      RETENTION_LOGIN_ATTEMPTS: 'P90D',
      RETENTION_EXPIRED_GRACE: 'P1D',
      RETENTION_STAFF_LOGS: 'P5Y',
      RETENTION_ORGANISATION_DOCUMENTS: 'P1Y',
    });
  });

  test.each([
    ['a draft changed 89 days ago is kept', 'draft', 89, false],
    ['a draft changed 91 days ago has expired', 'draft', 91, true],
    ['a sent email body of 29 days is kept', 'email_body', 29, false],
    ['a sent email body of 31 days has expired', 'email_body', 31, true],
    ['a login attempt of 91 days has expired', 'login_attempt', 91, true],
    ['a refused case closed 2 years ago is kept', 'case_refused', 2 * 365, false],
    ['a refused case closed 3 years and a day ago has expired', 'case_refused', 3 * 365 + 1, true],
    ['a session ended 2 days ago has expired', 'staff_session', 2, true],
    ["an association's sign-in link that ended 2 days ago has expired", 'organisation_sign_in_link', 2, true],
    ['a member session that ended 12 hours ago is kept for the grace day', 'organisation_session', 0.5, false],
    ['a member session that ended 2 days ago has expired', 'organisation_session', 2, true],
    ['a membership change of 4 years is kept', 'organisation_log', 4 * 365, false],
    ['a membership change of 6 years has expired', 'organisation_log', 6 * 365, true],
  ] as const)('%s', (_name, kind, daysAgo, expired) => {
    const now = new Date('2031-06-15T12:00:00Z');
    expect(hasExpired(retentionRule(kind), defaults, new Date(now.getTime() - daysAgo * DAY), now, ZONE)).toBe(expired);
  });

  test('an organisation no longer applies once it has no members and nothing applied for since the cutoff', () => {
    const now = new Date('2027-06-15T12:00:00Z');
    const cutoff = retentionCutoff(retentionRule('organisation_profile'), defaults, now, ZONE);
    const at = (iso: string) => new Date(iso);
    expect(organisationNoLongerApplies({ members: 0, lastApplicationAt: null }, cutoff)).toBe(true);
    expect(organisationNoLongerApplies({ members: 0, lastApplicationAt: at('2026-06-14T12:00:00Z') }, cutoff)).toBe(true);
    expect(organisationNoLongerApplies({ members: 0, lastApplicationAt: at('2026-06-16T12:00:00Z') }, cutoff)).toBe(false);
    expect(organisationNoLongerApplies({ members: 1, lastApplicationAt: null }, cutoff)).toBe(false);
    expect(organisationNoLongerApplies({ members: 2, lastApplicationAt: at('2020-01-01T00:00:00Z') }, cutoff)).toBe(false);
  });

  test('a granted case is kept through the five financial years after the year it closed (bogføringsloven § 10)', () => {
    const rule = retentionRule('case_granted');
    const closed = new Date('2026-03-01T10:00:00Z');
    // Kept through 31 December 2031, Copenhagen time; gone from 1 January 2032.
    expect(hasExpired(rule, defaults, closed, new Date('2031-12-31T22:59:59Z'), ZONE)).toBe(false);
    expect(hasExpired(rule, defaults, closed, new Date('2031-12-31T23:00:00Z'), ZONE)).toBe(true);
    // A case closed on New Year's Eve late in the evening (Copenhagen) counts in that year.
    expect(hasExpired(rule, defaults, new Date('2026-12-31T22:30:00Z'), new Date('2031-12-31T23:00:00Z'), ZONE)).toBe(true);
    expect(hasExpired(rule, defaults, new Date('2026-12-31T23:30:00Z'), new Date('2031-12-31T23:00:00Z'), ZONE)).toBe(false);
    expect(retentionCutoff(rule, defaults, new Date('2032-06-01T00:00:00Z'), ZONE).toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });

  test('periods come from the configuration; a financial-year period is whole years', () => {
    const short = { ...defaults, RETENTION_DRAFTS: 'PT2S', RETENTION_GRANTED_CASES: 'P0Y' };
    const now = new Date('2030-05-05T05:05:05Z');
    expect(hasExpired(retentionRule('draft'), short, new Date(now.getTime() - 3_000), now, ZONE)).toBe(true);
    expect(hasExpired(retentionRule('draft'), short, new Date(now.getTime() - 1_000), now, ZONE)).toBe(false);
    expect(hasExpired(retentionRule('case_granted'), short, new Date('2029-12-31T12:00:00Z'), now, ZONE)).toBe(true);
    expect(wholeYears('P5Y')).toBe(5);
    expect(() => wholeYears('P1825D')).toThrow(/whole years/);
    expect(() => loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgresql://x@127.0.0.1/db', RETENTION_GRANTED_CASES: 'P60M' })).toThrow(/RETENTION_GRANTED_CASES/);
    expect(() => loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgresql://x@127.0.0.1/db', RETENTION_DRAFTS: 'soon' })).toThrow(/RETENTION_DRAFTS/);
  });

  test('the schedule is a cron expression or an interval of at least a minute', () => {
    expect(parseRetentionSchedule('0 3 * * *')).toEqual({ cron: '0 3 * * *' });
    expect(parseRetentionSchedule('PT12H')).toEqual({ everyMs: 12 * 3600 * 1000 });
    expect(() => parseRetentionSchedule('5s')).toThrow(/at least a minute/);
    expect(() => loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgresql://x@127.0.0.1/db', RETENTION_SCHEDULE: 'daily' })).toThrow(/RETENTION_SCHEDULE/);
  });
});

describe('redactPersonalData', () => {
  test('removes names, emails, phones, addresses and written answers; keeps codes, numbers, dates and flags', () => {
    const submission = {
      roundId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
      organization: { cvr: '12345674', name: 'Foreningen Grøn Gård', email: 'kasserer@groen.dk', address: 'Vej 1, 9999 By' },
      contact: { name: 'anna', email: 'anna@example.dk', phone: '+45 12 34 56 78' },
      project: { title: 'Have for alle', purpose: 'Vi vil …', targetGroup: 'loneliness', startDate: '2027-01-01', volunteers: 12, isNew: true },
      budget: { lines: [{ category: 'materials', description: 'Frø og jord', amount: 4000 }] },
      answeredAt: '2027-02-03T10:11:12.000Z',
    };
    expect(redactPersonalData(submission)).toEqual({
      roundId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
      organization: { cvr: '', name: '', email: '', address: '' },
      contact: { name: '', email: '', phone: '' },
      project: { title: '', purpose: '', targetGroup: 'loneliness', startDate: '2027-01-01', volunteers: 12, isNew: true },
      budget: { lines: [{ category: 'materials', description: '', amount: 4000 }] },
      answeredAt: '2027-02-03T10:11:12.000Z',
    });
  });

  test('keeps what the statistics read from event details', () => {
    const details = { outcome: 'partially_approved', items: ['statutes', 'budget'], dueAt: '2028-03-01T11:00:00.000Z', sequence: 2, onTime: true, reason: 'Vi har ikke tid' };
    expect(redactPersonalData(details)).toEqual({ ...details, reason: '' });
  });
});
