import crypto from 'node:crypto';
import type { RoundAlertsRunResult } from '../../workflows/round-alerts';
import { roundAlertScheduleId } from '../../domain/workflow-ids';
import { sha256Hex } from '../../lib/tokens';
import { addDays, calendarDateIn, endOfDayIn, startOfDayIn } from '../../domain/time-zone';
import { ensureRoundAlertSchedule } from '../../services/worker/retention-schedule';
import { createOpenRound, eventually, postJson } from '../support/fixtures';
import { mailPart, mailsFor, mailTo, subjectOf, type SinkMessage } from '../support/process';
import { startTestStack, type TestStack } from '../support/stack';

// The round catalogue's alerts on the real stack: a subscription through the page's form, its
// confirmation email in the SMTP sink, the confirmation, a round that opens, the alert the worker's
// workflow queues and the mailer delivers, a second run that sends nothing new, and the one-click
// unsubscribe. Every subscriber here follows a scheme of this file's own, so rounds other test
// files open meanwhile never reach them.

jest.setTimeout(120_000);

const DAY = 86_400_000;
const marker = crypto.randomUUID().slice(0, 8);
const address = (name: string) => `${name}-${marker}@alerts.example.dk`;

let stack: TestStack;
let scheme: { id: string; slug: string };

beforeAll(async () => {
  stack = await startTestStack();
  scheme = await stack.db.scheme.create({
    data: {
      slug: `alerts-${marker}`,
      name: { da: `Kulturpuljen ${marker}`, nb: `Kulturpuljen ${marker}`, en: `Culture fund ${marker}` },
      description: { da: 'Til kultur for alle.', nb: 'Til kultur for alle.', en: 'For culture for everyone.' },
    },
  });
});

afterAll(async () => {
  await stack?.stop();
});

/** Runs the alerts as the schedule would, now, and waits for the run to end. */
async function runAlerts(): Promise<RoundAlertsRunResult> {
  const handle = await stack.temporal.workflow.start('roundAlertsRun', { taskQueue: stack.config.TEMPORAL_TASK_QUEUE, workflowId: `round-alerts-test-${crypto.randomUUID()}`, args: [] });
  return (await handle.result()) as RoundAlertsRunResult;
}

/** The catalogue page's form as a browser posts it: the page's cookie and CSRF token, then the fields. */
async function postSubscriptionForm(fields: Record<string, string | string[]>, query = ''): Promise<Response> {
  const page = await fetch(`${stack.baseUrl}/puljer${query}`);
  const cookie = page.headers.getSetCookie().map((set) => set.split(';')[0]!).find((pair) => pair.startsWith('gf_puljer='))!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const body = new URLSearchParams({ _csrf: csrf });
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(name, item);
  return fetch(`${stack.baseUrl}/puljer/abonnement${query}`, {
    method: 'POST',
    headers: { cookie, origin: stack.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
    redirect: 'manual',
  });
}

/** A link from an email, pointed at this stack (the emails name the configured public address). */
function linkIn(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s]+${path.replace(/\//g, '\\/')}\\?adgang=[A-Za-z0-9_-]+`).exec(text);
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  const url = new URL(match[0]);
  return `${stack.baseUrl}${url.pathname}${url.search}`;
}

function header(message: SinkMessage, name: string): string | undefined {
  const head = message.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1]?.trim();
}

async function confirmThroughLink(confirmation: SinkMessage): Promise<void> {
  const link = linkIn(mailPart(confirmation, 'text/plain'), '/puljer/abonnement/bekraeft');
  // Opening the link confirms nothing (mail scanners open links); its page's button does.
  const opened = await fetch(link);
  expect(opened.status).toBe(200);
  expect(await opened.text()).toContain('Bekræft jeres tilmelding');
  const token = new URL(link).searchParams.get('adgang')!;
  const confirmed = await fetch(`${stack.baseUrl}/puljer/abonnement/bekraeft`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ adgang: token }).toString(),
  });
  expect(confirmed.status).toBe(200);
  expect(await confirmed.text()).toContain('I er tilmeldt');
}

/** The alerts queued about a round, whoever they went to. */
async function alertsOf(roundId: string) {
  return stack.db.outboxEmail.findMany({ where: { messageKey: { startsWith: `round-alert:${roundId}:` } }, select: { messageKey: true, recipient: true, kind: true } });
}

describe('round alerts', () => {
  const subscriber = address('kasserer');
  const unconfirmed = address('ubekraeftet');

  it('confirm a subscription by its link, send one email when a round opens, none on a second run, and stop after one unsubscribe POST', async () => {
    // Subscribe on the catalogue page, to this file's scheme only.
    const posted = await postSubscriptionForm({ email: `  ${subscriber.toUpperCase()} `, omfang: 'valgte', ordning: scheme.slug });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/puljer/abonnement/sendt');
    const stored = await stack.db.roundSubscription.findFirstOrThrow({ where: { email: subscriber } });
    expect(stored).toMatchObject({ confirmedAt: null, allSchemes: false, schemeIds: [scheme.id], language: 'da' });

    // Another address asks through the API and never confirms.
    const viaApi = await postJson(`${stack.baseUrl}/api/v1/round-subscriptions`, { email: unconfirmed, allSchemes: false, schemes: [scheme.slug] });
    expect(viaApi).toMatchObject({ status: 202, body: { status: 'confirmation_sent' } });

    const [confirmation] = await mailsFor(subscriber, 1);
    expect(subjectOf(confirmation!)).toBe('Bekræft: e-mails om puljer fra ' + stack.config.MUNICIPALITY_NAME);
    expect(mailPart(confirmation!, 'text/plain')).toContain(`- Kulturpuljen ${marker}`);
    // Only the token's hash is kept.
    const token = new URL(linkIn(mailPart(confirmation!, 'text/plain'), '/puljer/abonnement/bekraeft')).searchParams.get('adgang')!;
    expect(await stack.db.roundSubscriptionToken.findMany({ where: { subscriptionId: stored.id }, select: { tokenHash: true, purpose: true } })).toEqual([{ tokenHash: sha256Hex(token), purpose: 'confirm' }]);
    await confirmThroughLink(confirmation!);
    expect((await stack.db.roundSubscription.findFirstOrThrow({ where: { email: subscriber } })).confirmedAt).not.toBeNull();
    // The link is used up.
    expect((await fetch(linkIn(mailPart(confirmation!, 'text/plain'), '/puljer/abonnement/bekraeft'))).status).toBe(404);

    // A round of the scheme opens, with a deadline 60 days on.
    const closesOn = addDays(calendarDateIn(new Date()), 60);
    const round = await createOpenRound(stack.db, { opensAt: new Date(Date.now() - 60_000), closesAt: endOfDayIn(closesOn) });
    await stack.db.fundingRound.update({ where: { id: round.id }, data: { schemeId: scheme.id, name: `Forårspuljen ${marker}`, description: 'Til koncerter, teater og fællessang.' } });

    expect((await runAlerts()).queued).toBeGreaterThanOrEqual(1);
    const [, alert] = await mailsFor(subscriber, 2);
    expect(subjectOf(alert!)).toBe(`Ny pulje åben: Forårspuljen ${marker}`);
    const text = mailPart(alert!, 'text/plain');
    expect(text).toContain(`Puljen Forårspuljen ${marker} under Kulturpuljen ${marker} er åben for ansøgninger nu.`);
    expect(text).toContain('Til koncerter, teater og fællessang.');
    expect(text).toMatch(/Ansøgningsfristen er \d{1,2}\. [a-zæøå]+ \d{4}\./);
    expect(text).toContain(`/ansoeg/${round.slug}`);
    // RFC 8058: the mail program's own unsubscribe button posts to the same link as the email's.
    const unsubscribeLink = linkIn(text, '/puljer/afmeld');
    const listUnsubscribe = header(alert!, 'List-Unsubscribe')!;
    expect(listUnsubscribe).toMatch(/^<https?:\/\/\S+\/puljer\/afmeld\?adgang=[A-Za-z0-9_-]{43}>$/);
    expect(linkIn(listUnsubscribe, '/puljer/afmeld')).toBe(unsubscribeLink);
    expect(header(alert!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');

    // A second run queues nothing more about the round: one alert, to the confirmed subscriber only.
    await runAlerts();
    expect(await alertsOf(round.id)).toEqual([{ messageKey: expect.stringMatching(new RegExp(`^round-alert:${round.id}:opened:`)), recipient: subscriber, kind: 'round_opened' }]);
    await mailsFor(unconfirmed, 1);
    expect((await mailTo(unconfirmed)).map(subjectOf)).toEqual([`Bekræft: e-mails om puljer fra ${stack.config.MUNICIPALITY_NAME}`]);
    // Once sent, the stored copy keeps no working link.
    const sent = await eventually(() => stack.db.outboxEmail.findFirst({ where: { messageKey: { startsWith: `round-alert:${round.id}:` }, status: 'sent' } }).then((row) => row ?? undefined), 'the alert recorded as sent');
    expect(`${sent.text}${sent.html}${sent.listUnsubscribe}`).not.toContain(new URL(unsubscribeLink).searchParams.get('adgang')!);

    // One POST, as a mail program sends it: no cookie, no page, no CSRF token.
    const unsubscribed = await fetch(unsubscribeLink, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(unsubscribed.status).toBe(200);
    expect(await unsubscribed.text()).toContain('I er afmeldt');
    expect(await stack.db.roundSubscription.count({ where: { email: subscriber } })).toBe(0);

    // The next round of the scheme reaches no one.
    const next = await createOpenRound(stack.db, { opensAt: new Date(Date.now() - 60_000) });
    await stack.db.fundingRound.update({ where: { id: next.id }, data: { schemeId: scheme.id } });
    await runAlerts();
    expect(await alertsOf(next.id)).toEqual([]);
  });

  it('reminds a subscriber two weeks before a round closes', async () => {
    const email = address('paamindelse');
    // A scheme of its own: the other tests' rounds were announced after this subscription too.
    const own = await stack.db.scheme.create({ data: { slug: `reminders-${marker}`, name: { da: 'Seniorpuljen', nb: 'Seniorpuljen', en: 'Senior fund' }, description: { da: '-', nb: '-', en: '-' } } });
    // Confirmed long ago; the round was announced a month ago and closes in ten days.
    await stack.db.roundSubscription.create({ data: { email, language: 'en', allSchemes: false, schemeIds: [own.id], confirmedAt: new Date(Date.now() - 90 * DAY) } });
    const round = await createOpenRound(stack.db, { opensAt: new Date(Date.now() - 30 * DAY), closesAt: endOfDayIn(addDays(calendarDateIn(new Date()), 10)) });
    await stack.db.fundingRound.update({ where: { id: round.id }, data: { schemeId: own.id, name: `Autumn round ${marker}`, createdAt: new Date(Date.now() - 30 * DAY) } });

    await runAlerts();
    await runAlerts();
    expect((await alertsOf(round.id)).map((alert) => alert.kind).sort()).toEqual(['round_closing', 'round_opened']);
    const subjects = (await mailsFor(email, 2)).map(subjectOf).sort();
    expect(subjects).toEqual([`14 days to the deadline: Autumn round ${marker}`, `New round open: Autumn round ${marker}`]);
  });

  it('keeps one subscription for an address that subscribes again, and an older email’s unsubscribe link still ends it', async () => {
    const email = address('igen');
    const oldToken = crypto.randomBytes(32).toString('base64url');
    await stack.db.roundSubscription.create({
      data: { email, language: 'da', allSchemes: true, confirmedAt: new Date(Date.now() - 30 * DAY), tokens: { create: { tokenHash: sha256Hex(oldToken), purpose: 'unsubscribe' } } },
    });
    expect((await postJson(`${stack.baseUrl}/api/v1/round-subscriptions`, { email, allSchemes: false, schemes: [scheme.slug] })).status).toBe(202);
    const [confirmation] = await mailsFor(email, 1);
    await confirmThroughLink(confirmation!);
    expect(await stack.db.roundSubscription.findMany({ where: { email }, select: { allSchemes: true, schemeIds: true } })).toEqual([{ allSchemes: false, schemeIds: [scheme.id] }]);

    const unsubscribed = await fetch(`${stack.baseUrl}/puljer/afmeld?adgang=${oldToken}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(unsubscribed.status).toBe(200);
    expect(await stack.db.roundSubscription.count({ where: { email } })).toBe(0);
  });

  it('answers a new address and one already subscribed alike, and refuses an invalid address field by field in the reader’s language, storing nothing', async () => {
    const known = address('kendt');
    await stack.db.roundSubscription.create({ data: { email: known, language: 'da', allSchemes: true, confirmedAt: new Date() } });
    const again = await postSubscriptionForm({ email: known, omfang: 'alle' });
    const fresh = await postSubscriptionForm({ email: address('ny'), omfang: 'alle' });
    expect([again.status, again.headers.get('location')]).toEqual([fresh.status, fresh.headers.get('location')]);
    expect(await again.text()).toBe(await fresh.text());

    const refused = ['kasserer(at)forening', address('ingen'), address('ukendt')];
    const badForm = await postSubscriptionForm({ email: 'kasserer(at)forening', omfang: 'alle' });
    expect(badForm.status).toBe(400);
    const page = await badForm.text();
    expect(page).toContain('Skriv en gyldig e-mailadresse, fx navn@forening.dk.');
    expect(page).toContain('href="#f-email"');
    expect(page).toContain('value="kasserer(at)forening"');

    const noScheme = await postSubscriptionForm({ email: address('ingen'), omfang: 'valgte' }, '?lang=en');
    expect(noScheme.status).toBe(400);
    expect(await noScheme.text()).toContain('Choose at least one scheme, or choose every scheme.');

    const badApi = await postJson(`${stack.baseUrl}/api/v1/round-subscriptions?lang=nb`, { email: 'kasserer(at)forening', allSchemes: false, schemes: ['findes-ikke'] });
    expect(badApi.status).toBe(400);
    expect(badApi.body.error.issues).toEqual([{ path: 'email', message: 'Skriv en gyldig e-postadresse, f.eks. navn@forening.no.' }]);
    const unknownScheme = await postJson(`${stack.baseUrl}/api/v1/round-subscriptions?lang=en`, { email: address('ukendt'), allSchemes: false, schemes: [`findes-ikke-${marker}`] });
    expect(unknownScheme.status).toBe(400);
    expect(unknownScheme.body.error.issues).toEqual([{ path: 'schemes', message: 'There is no such scheme. Choose among the schemes on the page.' }]);
    expect(await stack.db.roundSubscription.count({ where: { email: { in: refused } } })).toBe(0);
  });
});

describe('the round catalogue and its calendar', () => {
  /** The content lines, unfolded (RFC 5545 3.1), of each VEVENT. */
  const events = (ics: string) =>
    ics
      .replace(/\r\n[ \t]/g, '')
      .split('BEGIN:VEVENT')
      .slice(1)
      .map((part) => part.split('END:VEVENT')[0]!.split('\r\n').filter(Boolean));

  it('lists an upcoming round with its opening date and calendar links, and gives its dates in the feed with stable UIDs', async () => {
    const opensOn = addDays(calendarDateIn(new Date()), 20);
    const closesOn = addDays(calendarDateIn(new Date()), 50);
    const round = await createOpenRound(stack.db, { opensAt: startOfDayIn(opensOn), closesAt: endOfDayIn(closesOn) });
    await stack.db.fundingRound.update({ where: { id: round.id }, data: { schemeId: scheme.id, name: `Vinterpuljen, ${marker}; for alle` } });
    const host = new URL(stack.config.PUBLIC_BASE_URL).hostname;

    const page = await (await fetch(`${stack.baseUrl}/puljer`)).text();
    const section = page.slice(page.indexOf(`id="ordning-${scheme.slug}"`));
    expect(section).toContain('Åbner snart');
    expect(section).toContain(`href="/puljer/${round.slug}.ics"`);

    const feed = await fetch(`${stack.baseUrl}/puljer.ics`);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const ics = await feed.text();
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    const ours = events(ics).filter((event) => event.some((line) => line.startsWith(`UID:round-${round.id}-`)));
    expect(ours.map((event) => event.find((line) => line.startsWith('UID:')))).toEqual([`UID:round-${round.id}-opens@${host}`, `UID:round-${round.id}-closes@${host}`]);
    const [opens, closes] = [ours[0]!, ours[1]!];
    expect(opens).toContain(`DTSTART;VALUE=DATE:${opensOn.replace(/-/g, '')}`);
    expect(closes).toContain(`DTSTART;VALUE=DATE:${closesOn.replace(/-/g, '')}`);
    expect(closes).toContain(`SUMMARY:Ansøgningsfrist: Vinterpuljen\\, ${marker}\\; for alle (Kulturpuljen ${marker})`);
    expect(closes.some((line) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(line))).toBe(true);

    const single = await (await fetch(`${stack.baseUrl}/puljer/${round.slug}.ics?lang=en`)).text();
    expect(events(single).map((event) => event.filter((line) => /^(UID|SUMMARY):/.test(line)))).toEqual([
      [`UID:round-${round.id}-closes@${host}`, `SUMMARY:Deadline: Vinterpuljen\\, ${marker}\\; for alle (Culture fund ${marker})`],
    ]);
    expect((await fetch(`${stack.baseUrl}/puljer/findes-ikke-${marker}.ics`)).status).toBe(404);
  });

  it('lists upcoming and recently closed rounds through the API too', async () => {
    const response = await fetch(`${stack.baseUrl}/api/v1/rounds?status=all`);
    const { rounds } = (await response.json()) as { rounds: { scheme: { slug: string }; status: string; calendarUrl: string | null }[] };
    expect(rounds.filter((round) => round.scheme.slug === scheme.slug).map((round) => round.status)).toContain('upcoming');
    expect((await fetch(`${stack.baseUrl}/api/v1/rounds?status=someday`)).status).toBe(400);
  });

  it('has the worker create the alerts’ schedule, every 15 minutes by default', async () => {
    const taskQueue = `round-alerts-schedule-${marker}`;
    const settings = { TEMPORAL_TASK_QUEUE: taskQueue, ROUND_ALERT_SCHEDULE: 'PT15M', MUNICIPALITY_TIME_ZONE: 'Europe/Copenhagen' };
    expect(await ensureRoundAlertSchedule(stack.temporal, settings)).toBe('created');
    expect(await ensureRoundAlertSchedule(stack.temporal, settings)).toBe('updated');
    const handle = stack.temporal.schedule.getHandle(roundAlertScheduleId(taskQueue));
    try {
      const described = await handle.describe();
      expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'roundAlertsRun', taskQueue });
      expect(described.spec.intervals?.map((interval) => interval.every)).toEqual([15 * 60_000]);
    } finally {
      await handle.delete();
    }
  });
});
