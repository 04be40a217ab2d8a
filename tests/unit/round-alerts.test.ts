import { announcedAt, closingReminderAt, dueAlerts, followsScheme, roundAlertMessageKey, roundPhase, type AlertRound } from '../../domain/round-alerts';
import { roundSubscriptionInputSchema, subscriptionFormInput } from '../../domain/round-subscription-input';
import { endOfDayIn, startOfDayIn } from '../../domain/time-zone';
import { renderRoundAlertEmail, renderRoundSubscriptionConfirmEmail } from '../../documents/email';
import { oneClickUnsubscribeHeaders } from '../../lib/mailer';
import { redactAccessLinks } from '../../lib/outbox';
import { zodErrorMap } from '../../locale';
import { zodIssues } from '../../services/api/http/errors';
import { roundCalendarFile, roundEventUid, roundsFeed } from '../../services/api/pages/rounds/calendar';
import type { CatalogueRound } from '../../services/api/round-catalogue/catalogue';

const ZONE = 'Europe/Copenhagen';

function round(overrides: Partial<AlertRound> = {}): AlertRound {
  return {
    id: '6f1c0d1e-0000-4000-8000-000000000001',
    schemeId: '00000000-0000-4000-8000-000000000018',
    opensAt: startOfDayIn('2027-02-01', ZONE),
    closesAt: endOfDayIn('2027-03-15', ZONE),
    createdAt: new Date('2027-01-10T09:00:00Z'),
    demo: false,
    ...overrides,
  };
}

describe('where a round stands', () => {
  it('is upcoming before it opens, open until its deadline, closed after it', () => {
    const r = round();
    expect(roundPhase(r, new Date('2027-01-31T12:00:00Z'))).toBe('upcoming');
    expect(roundPhase(r, new Date('2027-02-10T12:00:00Z'))).toBe('open');
    expect(roundPhase(r, endOfDayIn('2027-03-15', ZONE))).toBe('closed');
    expect(roundPhase(round({ closesAt: null }), new Date('2030-01-01T00:00:00Z'))).toBe('open');
  });

  it('was announced when it opened, or when it was created with an opening date already past', () => {
    expect(announcedAt(round())).toEqual(startOfDayIn('2027-02-01', ZONE));
    const late = new Date('2027-02-05T10:00:00Z');
    expect(announcedAt(round({ createdAt: late }))).toEqual(late);
  });
});

describe('the closing reminder', () => {
  it('is due at the start of the day two weeks before the deadline’s day, on Danish clocks', () => {
    // 1 March 2027 00:00 in Copenhagen (winter time) is 28 February 23:00 UTC.
    expect(closingReminderAt(endOfDayIn('2027-03-15', ZONE), ZONE).toISOString()).toBe('2027-02-28T23:00:00.000Z');
  });

  it('counts calendar days across the change to summer time', () => {
    // Summer time starts 28 March 2027; 27 March is still winter time (UTC+1).
    expect(closingReminderAt(endOfDayIn('2027-04-10', ZONE), ZONE).toISOString()).toBe('2027-03-26T23:00:00.000Z');
  });
});

describe('the alerts due about a round', () => {
  it('are none before it opens, after it closes, or for demo data', () => {
    expect(dueAlerts(round(), new Date('2027-01-20T12:00:00Z'), ZONE)).toEqual([]);
    expect(dueAlerts(round(), new Date('2027-03-20T12:00:00Z'), ZONE)).toEqual([]);
    expect(dueAlerts(round({ demo: true }), new Date('2027-02-10T12:00:00Z'), ZONE)).toEqual([]);
  });

  it('is the opening alert while it is open, for subscriptions confirmed before it was announced', () => {
    expect(dueAlerts(round(), new Date('2027-02-10T12:00:00Z'), ZONE)).toEqual([{ kind: 'opened', confirmedBefore: startOfDayIn('2027-02-01', ZONE) }]);
  });

  it('adds the closing reminder from its day on', () => {
    const reminderAt = new Date('2027-02-28T23:00:00.000Z');
    expect(dueAlerts(round(), new Date(reminderAt.getTime() - 1), ZONE).map((due) => due.kind)).toEqual(['opened']);
    expect(dueAlerts(round(), reminderAt, ZONE)).toEqual([
      { kind: 'opened', confirmedBefore: startOfDayIn('2027-02-01', ZONE) },
      { kind: 'closing', confirmedBefore: reminderAt },
    ]);
  });

  it('has no closing reminder for a round announced less than two weeks before its deadline (the opening alert says it)', () => {
    const short = round({ opensAt: startOfDayIn('2027-03-05', ZONE), createdAt: new Date('2027-03-01T10:00:00Z') });
    expect(dueAlerts(short, new Date('2027-03-10T12:00:00Z'), ZONE).map((due) => due.kind)).toEqual(['opened']);
  });

  it('has no closing reminder for a round without a deadline', () => {
    expect(dueAlerts(round({ closesAt: null }), new Date('2029-01-01T00:00:00Z'), ZONE).map((due) => due.kind)).toEqual(['opened']);
  });

  it('goes once per round, kind and subscription, to those who follow the scheme', () => {
    expect(roundAlertMessageKey('r1', 'closing', 's1')).toBe('round-alert:r1:closing:s1');
    expect(followsScheme({ allSchemes: true, schemeIds: [] }, 'x')).toBe(true);
    expect(followsScheme({ allSchemes: false, schemeIds: ['x'] }, 'x')).toBe(true);
    expect(followsScheme({ allSchemes: false, schemeIds: ['y'] }, 'x')).toBe(false);
  });
});

describe('a subscription request', () => {
  const parse = (input: unknown, language: 'da' | 'en' = 'da') => roundSubscriptionInputSchema.safeParse(input, { error: zodErrorMap(language) });
  /** The field messages as the form and the API show them. */
  const issues = (input: unknown, language: 'da' | 'en' = 'da') => {
    const result = parse(input, language);
    return result.success ? [] : zodIssues(result.error, language).map((issue) => [issue.path, issue.message]);
  };

  it('takes a lower-cased address and every scheme by default', () => {
    expect(parse({ email: '  Kasserer@Forening.DK ' }).data).toEqual({ email: 'kasserer@forening.dk', allSchemes: true, schemes: [] });
  });

  it('refuses an address that is not one, in the reader’s language', () => {
    expect(issues({ email: 'kasserer(at)forening' }, 'en')).toEqual([['email', 'Enter a valid email address, such as name@association.org.']]);
    expect(issues({ email: 'kasserer(at)forening' })).toEqual([['email', 'Skriv en gyldig e-mailadresse, fx navn@forening.dk.']]);
    expect(issues({})).toEqual([['email', 'Skriv en gyldig e-mailadresse, fx navn@forening.dk.']]);
  });

  it('needs a scheme when not every scheme is wanted', () => {
    expect(issues({ email: 'a@b.dk', allSchemes: false, schemes: [] })).toEqual([
      ['schemes', 'Vælg mindst én ordning, eller vælg alle ordninger.'],
    ]);
  });

  it('reads the form: one ticked box, several, or every scheme', () => {
    expect(subscriptionFormInput({ email: 'a@b.dk', omfang: 'valgte', ordning: 'kultur' })).toEqual({ email: 'a@b.dk', allSchemes: false, schemes: ['kultur'] });
    expect(subscriptionFormInput({ email: 'a@b.dk', omfang: 'valgte', ordning: ['kultur', 'paragraf-18'] })).toEqual({ email: 'a@b.dk', allSchemes: false, schemes: ['kultur', 'paragraf-18'] });
    expect(subscriptionFormInput({ email: 'a@b.dk', omfang: 'alle', ordning: 'kultur' })).toEqual({ email: 'a@b.dk', allSchemes: true, schemes: ['kultur'] });
  });
});

describe('the subscription emails', () => {
  const contact = { name: 'Frivillighed', phone: '99 99 99 99', email: 'frivillighed@eksempel.dk' };

  it('asks for confirmation, naming the schemes chosen', () => {
    const email = renderRoundSubscriptionConfirmEmail(
      { municipalityName: 'Eksempel Kommune', confirmUrl: 'https://tilskud.eksempel.dk/puljer/abonnement/bekraeft?adgang=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', schemeNames: ['Kulturpuljen'], validDays: 7, contact },
      'da',
    );
    expect(email.subject).toBe('Bekræft: e-mails om puljer fra Eksempel Kommune');
    expect(email.text).toContain('- Kulturpuljen');
    expect(email.text).toContain('Linket virker i 7 dage.');
    expect(redactAccessLinks(email.text)).not.toContain('abcdefghijklmnop');
  });

  it('tells that a round opened, its deadline in words, and how to stop the emails', () => {
    const unsubscribeUrl = 'https://tilskud.eksempel.dk/puljer/afmeld?adgang=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    const email = renderRoundAlertEmail(
      {
        kind: 'opened',
        municipalityName: 'Eksempel Kommune',
        roundName: 'Forårspuljen 2027',
        schemeName: 'Kulturpuljen',
        description: 'Til kulturelle aktiviteter for alle aldre.',
        closesAt: endOfDayIn('2027-03-15', ZONE),
        applyUrl: 'https://tilskud.eksempel.dk/ansoeg/foraar-2027',
        catalogueUrl: 'https://tilskud.eksempel.dk/puljer',
        unsubscribeUrl,
        contact,
      },
      'da',
    );
    expect(email.subject).toBe('Ny pulje åben: Forårspuljen 2027');
    expect(email.text).toContain('Ansøgningsfristen er 15. marts 2027.');
    expect(email.text).toContain(`Afmeld disse e-mails med ét klik:\n${unsubscribeUrl}`);
    expect(email.html).toContain(`href="${unsubscribeUrl}"`);
    expect(oneClickUnsubscribeHeaders(unsubscribeUrl)).toEqual({ 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });
});

describe('the calendar', () => {
  const base = 'https://tilskud.eksempel.dk';
  const calendarRound = (overrides: Partial<CatalogueRound> = {}) =>
    ({
      ...round(),
      slug: 'foraar-2027',
      name: 'Forårspuljen; kultur, idræt og fællesskab for børn, unge og ældre i hele kommunen 2027',
      updatedAt: new Date('2027-01-10T09:00:00Z'),
      scheme: { id: round().schemeId, slug: 'kultur', name: { da: 'Kulturpuljen', nb: 'Kulturpuljen', en: 'Culture fund' } },
      ...overrides,
    }) as unknown as CatalogueRound;
  const options = { language: 'da' as const, publicBaseUrl: base, municipalityName: 'Eksempel Kommune' };

  /** The content lines, unfolded (RFC 5545 3.1). */
  const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
  const events = (ics: string) =>
    ics
      .split('BEGIN:VEVENT')
      .slice(1)
      .map((part) => unfold('BEGIN:VEVENT' + part.split('END:VEVENT')[0]));

  it('is RFC 5545: CRLF lines of at most 75 octets, one calendar, escaped text', () => {
    const ics = roundsFeed([calendarRound()], options);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const [opens, closes] = events(ics);
    expect(closes).toContain('SUMMARY:Ansøgningsfrist: Forårspuljen\\; kultur\\, idræt og fællesskab for børn\\, unge og ældre i hele kommunen 2027 (Kulturpuljen)');
    expect(opens!.find((line) => line.startsWith('DESCRIPTION:'))).toBe(`DESCRIPTION:Søg her: ${base}/ansoeg/foraar-2027\\nAlle puljer og frister: ${base}/puljer`);
  });

  it('gives each of a round’s dates a UID that does not change, stamped with the round’s last change', () => {
    const [opens, closes] = events(roundsFeed([calendarRound()], options));
    expect(opens).toContain(`UID:${roundEventUid(round().id, 'opens', base)}`);
    expect(closes).toContain(`UID:round-${round().id}-closes@tilskud.eksempel.dk`);
    expect(closes).toContain('DTSTAMP:20270110T090000Z');
  });

  it('writes a deadline at the end of its day, and an opening at the start of its day, as whole days', () => {
    const [opens, closes] = events(roundsFeed([calendarRound()], options));
    expect(opens).toEqual(expect.arrayContaining(['DTSTART;VALUE=DATE:20270201', 'DTEND;VALUE=DATE:20270202']));
    expect(closes).toEqual(expect.arrayContaining(['DTSTART;VALUE=DATE:20270315', 'DTEND;VALUE=DATE:20270316']));
  });

  it('writes a deadline at another time of day as that moment', () => {
    const [, closes] = events(roundsFeed([calendarRound({ closesAt: new Date('2027-03-15T11:00:00Z') })], options));
    expect(closes).toContain('DTSTART:20270315T110000Z');
  });

  it('gives a single round’s file its deadline only, or its opening when it has none', () => {
    expect(events(roundCalendarFile(calendarRound(), options)).map((event) => event.find((line) => line.startsWith('UID:')))).toEqual([`UID:round-${round().id}-closes@tilskud.eksempel.dk`]);
    expect(events(roundCalendarFile(calendarRound({ closesAt: null }), options)).map((event) => event.find((line) => line.startsWith('UID:')))).toEqual([`UID:round-${round().id}-opens@tilskud.eksempel.dk`]);
  });

  it('names the round’s dates in the reader’s language', () => {
    const [, closes] = events(roundsFeed([calendarRound({ name: 'Spring round' })], { ...options, language: 'en' }));
    expect(closes).toContain('SUMMARY:Deadline: Spring round (Culture fund)');
  });
});
