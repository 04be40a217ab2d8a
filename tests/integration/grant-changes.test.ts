import { csrfToken } from '../../services/api/http/csrf';
import { parsePdf } from '../support/pdf-text';
import { DECLINED_GRANT_PAYBACK_SEQUENCE } from '../../activities/grant-change-records';
import { reportWorkflowId } from '../../domain/workflow-ids';
import { createOpenRound, eventually, postJson } from '../support/fixtures';
import { statusQuery } from '../../workflows/messages';
import { mailPart, mailTo, subjectOf, submitCase, waitForStatus, type SubmittedCase } from '../support/process';
import { signedInStaff } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// Changes after the grant on the real stack: the association declines its grant before payout.
// Not yet exported, the payout row goes; already exported, a negative row claims it back; once
// finance has confirmed the payout, declining is refused. Each decline stops the report, sends an
// email and closes the case as GRANT_DECLINED.

let stack: TestStack;
let caseworker: Awaited<ReturnType<typeof signedInStaff>>;
let approver: Awaited<ReturnType<typeof signedInStaff>>;
let roundId: string;

beforeAll(async () => {
  stack = await startTestStack();
  caseworker = await signedInStaff(stack, ['caseworker'], 'Karen Sagsbehandler');
  approver = await signedInStaff(stack, ['approver'], 'Lene Leder');
  // The report opens a day before it is due, months away: the case stays where the payout leaves it.
  roundId = (await createOpenRound(stack.db, { process: { reportOpensBeforeDue: 'P1D', reconsiderationPeriod: '1h' } })).id;
});

afterAll(async () => {
  await stack?.stop();
});

const url = (p: string) => `${stack.baseUrl}/api/v1${p}`;
const applicant = (c: SubmittedCase) => ({ authorization: `Bearer ${c.accessToken}` });
const decline = (c: SubmittedCase, body: unknown, query = '') => postJson(url(`/applications/${c.id}/grant-decline${query}`), body, applicant(c));

async function granted(kroner: number): Promise<SubmittedCase> {
  const submitted = await submitCase(stack, roundId, { amountRequested: kroner });
  await waitForStatus(submitted.handle, 'IN_QUEUE');
  expect((await postJson(url(`/applications/${submitted.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
  const decision = await postJson(url(`/applications/${submitted.id}/decision`), { outcome: 'approved', amountGranted: kroner, reasons: { criteria: [], text: '' }, conditions: [] }, caseworker.headers);
  expect(decision.status).toBe(200);
  await waitForStatus(submitted.handle, 'PAYOUT_SCHEDULED');
  await eventually(async () => ((await submitted.handle.query('caseState' as never)) as { allowedActions: string[] }).allowedActions.includes('declineGrant') || undefined, 'the grant to be declinable');
  return submitted;
}

async function exportRun(): Promise<string> {
  const created = await postJson(url('/payout-runs'), {}, approver.headers);
  expect(created.status).toBe(201);
  return created.body.id as string;
}

const contactOf = async (c: SubmittedCase) => (await stack.db.application.findUniqueOrThrow({ where: { id: c.id } })).contactEmail;
const payoutsOf = (c: SubmittedCase) => stack.db.payout.findMany({ where: { applicationId: c.id }, orderBy: { decisionSequence: 'asc' } });
const eventTypes = async (c: SubmittedCase) => (await stack.db.caseEvent.findMany({ where: { applicationId: c.id }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] })).map((e) => e.type);

async function declinedMail(c: SubmittedCase) {
  const contact = await contactOf(c);
  return eventually(async () => (await mailTo(contact)).find((m) => subjectOf(m).startsWith('I har sagt nej tak til tilskuddet')), 'the decline email');
}

/** What a refused decline must leave alone. */
async function fingerprint(c: SubmittedCase) {
  const application = await stack.db.application.findUniqueOrThrow({ where: { id: c.id }, select: { status: true } });
  const payouts = (await payoutsOf(c)).map((row) => ({ ...row, amountOre: String(row.amountOre) }));
  return JSON.stringify({ application, payouts, events: await eventTypes(c) });
}

async function page(c: SubmittedCase, path = '', init: RequestInit = {}): Promise<{ status: number; text: string; location: string | null }> {
  const response = await fetch(`${stack.baseUrl}/sag/${c.id}${path}`, { redirect: 'manual', ...init, headers: { cookie: `gf_case=${c.accessToken}`, origin: stack.baseUrl, ...(init.headers ?? {}) } });
  return { status: response.status, text: (await response.text()).replace(/\u00a0/g, ' '), location: response.headers.get('location') };
}

function postDeclineForm(c: SubmittedCase, reasons: string) {
  const body = new URLSearchParams({ _csrf: csrfToken(stack.config.COOKIE_SECRET, c.accessToken), reasons });
  return page(c, '/sig-nej-tak', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

describe('declining a grant before payout', () => {
  it('on the case page, before export: a confirmation step, reasons required, then the payout is gone, the report stopped, an email sent and the case closed', async () => {
    const c = await granted(12_000);
    const casePage = await page(c);
    expect(casePage.text).toContain('Sig nej tak til tilskuddet');
    expect(casePage.text).toContain(`/sag/${c.id}/sig-nej-tak`);

    const confirmation = await page(c, '/sig-nej-tak');
    expect(confirmation.status).toBe(200);
    expect(confirmation.text).toContain('Vil I sige nej tak til tilskuddet?');
    expect(confirmation.text).toContain('Tilskuddet bliver ikke udbetalt, og sagen lukkes.');

    const before = await fingerprint(c);
    const empty = await postDeclineForm(c, '   ');
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Skriv, hvorfor I siger nej tak til tilskuddet.');
    expect(await fingerprint(c)).toBe(before);
    expect(await c.handle.query(statusQuery)).toBe('PAYOUT_SCHEDULED');

    const sent = await postDeclineForm(c, 'Aktiviteten kan ikke gennemføres: lokalet er lukket.');
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`/sag/${c.id}?sendt=nej-tak`);
    expect(await c.handle.result()).toBe('GRANT_DECLINED');

    expect(await payoutsOf(c)).toEqual([]);
    expect((await stack.db.application.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('GRANT_DECLINED');
    const event = await stack.db.caseEvent.findFirstOrThrow({ where: { applicationId: c.id, type: 'grant_declined' } });
    expect(event).toMatchObject({ fromStatus: 'PAYOUT_SCHEDULED', toStatus: 'GRANT_DECLINED', actor: 'applicant' });
    expect(event.details).toMatchObject({ reasons: 'Aktiviteten kan ikke gennemføres: lokalet er lukket.', payout: 'cancelled', amountGrantedOre: 1_200_000 });
    const report = await stack.temporal.workflow.getHandle(reportWorkflowId(c.id)).describe();
    expect(report.status.name).toBe('CANCELLED');

    const mail = await declinedMail(c);
    expect(subjectOf(mail)).toBe(`I har sagt nej tak til tilskuddet (${c.reference})`);
    const text = mailPart(mail, 'text/plain').replace(/\u00a0/g, ' ');
    expect(text).toContain('har sagt nej tak til tilskuddet på 12.000 kr. Sagen er nu lukket.');
    expect(text).toContain('Tilskuddet var ikke udbetalt endnu, og det bliver det heller ikke.');

    const after = await page(c, '?sendt=nej-tak');
    expect(after.text).toContain('I har sagt nej tak til tilskuddet.');
    expect(after.text).toContain('Status: Sagt nej tak');
    expect(after.text).not.toContain(`/sag/${c.id}/sig-nej-tak`);
    // The confirmation step is no longer offered.
    expect((await page(c, '/sig-nej-tak')).status).toBe(303);
  });

  it('by the API, after export: refuses empty reasons in the caller’s language, then claims the exported payout back with a negative row', async () => {
    const c = await granted(9_000);
    await exportRun();
    const [exported] = await payoutsOf(c);
    expect(exported!.payoutRunId).not.toBeNull();

    const before = await fingerprint(c);
    const empty = await decline(c, { reasons: '' }, '?lang=en');
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues).toEqual([{ path: 'reasons', message: 'Say why you are declining the grant.' }]);
    const missing = await decline(c, {}, '?lang=nb');
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues).toEqual([expect.objectContaining({ path: 'reasons' })]);
    expect(await fingerprint(c)).toBe(before);

    const accepted = await decline(c, { reasons: 'Foreningen er nedlagt.' });
    expect(accepted.status).toBe(202);
    expect(await c.handle.result()).toBe('GRANT_DECLINED');
    const rows = await payoutsOf(c);
    expect(rows.map((row) => [row.decisionSequence, Number(row.amountOre), row.payoutRunId === null])).toEqual([
      [DECLINED_GRANT_PAYBACK_SEQUENCE, -900_000, true],
      [1, 900_000, false],
    ]);
    const event = await stack.db.caseEvent.findFirstOrThrow({ where: { applicationId: c.id, type: 'grant_declined' } });
    expect(event.details).toMatchObject({ payout: 'claimed_back', exportedOre: 900_000 });
    const text = mailPart(await declinedMail(c), 'text/plain').replace(/\u00a0/g, ' ');
    expect(text).toContain('Udbetalingen af 9.000 kr. var allerede sendt til kommunens økonomiafdeling.');

    // Declined twice: the case is closed, nothing more happens.
    const again = await decline(c, { reasons: 'Igen.' });
    expect(again.status).toBe(409);
    expect(await payoutsOf(c)).toHaveLength(2);
  });

  it('after finance confirmed the payout: 409 naming the status, in the caller’s language, nothing changed', async () => {
    const c = await granted(5_000);
    const run = await exportRun();
    const [line] = await payoutsOf(c);
    expect((await postJson(url(`/payout-runs/${run}/confirmation`), { lines: [{ lineId: line!.id }] }, approver.headers)).status).toBe(200);
    await waitForStatus(c.handle, 'PAID');
    await eventually(() => stack.db.caseEvent.findFirst({ where: { applicationId: c.id, type: 'paid' } }).then((e) => e ?? undefined), 'the paid event');

    const before = await fingerprint(c);
    const refused = await decline(c, { reasons: 'Vi har ikke brug for pengene alligevel.' }, '?lang=nb');
    expect(refused.status).toBe(409);
    expect(refused.body.error.issues).toEqual([{ path: 'status', message: 'Dere kan bare takke nei til et innvilget tilskudd til det er utbetalt.' }]);
    expect(await fingerprint(c)).toBe(before);
    expect(await c.handle.query(statusQuery)).toBe('PAID');
    expect((await page(c)).text).not.toContain('Sig nej tak til tilskuddet');
  });

  it('is not offered before a decision, and refused there', async () => {
    const c = await submitCase(stack, roundId, { amountRequested: 4_000 });
    await waitForStatus(c.handle, 'IN_QUEUE');
    const refused = await decline(c, { reasons: 'For tidligt.' });
    expect(refused.status).toBe(409);
    expect(await eventTypes(c)).not.toContain('grant_declined');
  });
});

describe('asking to change the activity or the period', () => {
  const ask = (c: SubmittedCase, body: unknown, query = '') => postJson(url(`/applications/${c.id}/grant-changes${query}`), body, applicant(c));
  const decide = (c: SubmittedCase, body: unknown) => postJson(url(`/applications/${c.id}/grant-changes/decision`), body, caseworker.headers);
  const isoDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const changeFingerprint = async (c: SubmittedCase) => {
    const application = await stack.db.application.findUniqueOrThrow({ where: { id: c.id }, select: { startDate: true, endDate: true, submission: true } });
    const changes = await stack.db.grantChange.findMany({ where: { applicationId: c.id } });
    // The report starts on its own schedule after the decision, so its row and events are left out.
    const events = (await eventTypes(c)).filter((type) => type.startsWith('change_') || type.startsWith('grant_'));
    return JSON.stringify({ application, changes, events });
  };

  function postChangeForm(c: SubmittedCase, fields: Record<string, string>) {
    const body = new URLSearchParams({ _csrf: csrfToken(stack.config.COOKIE_SECRET, c.accessToken), ...fields });
    return page(c, '/aendring', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  async function staffCasePage(c: SubmittedCase): Promise<string> {
    const response = await fetch(`${stack.baseUrl}/personale/sager/${c.id}`, { headers: { cookie: `gf_staff=${caseworker.token}` } });
    expect(response.status).toBe(200);
    return (await response.text()).replace(/\u00a0/g, ' ');
  }

  it('refuses bad requests field by field in the caller’s language, storing nothing', async () => {
    const c = await granted(8_000);
    const before = await changeFingerprint(c);
    const backwards = await ask(c, { kind: 'period', startDate: isoDay(200), endDate: isoDay(150), reasons: 'Lokalet er ikke klar.' }, '?lang=en');
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.issues).toEqual([{ path: 'endDate', message: 'The end date cannot be before the start date.' }]);
    const empty = await ask(c, { kind: 'activity', activity: '', reasons: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues).toEqual([
      { path: 'activity', message: 'Beskriv aktiviteten, som den skal være efter ændringen.' },
      { path: 'reasons', message: 'Skriv, hvorfor I beder om ændringen.' },
    ]);
    const form = await postChangeForm(c, { changeKind: 'period', changeStartDate: isoDay(200), changeEndDate: isoDay(150), changeReasons: '' });
    expect(form.status).toBe(400);
    expect(form.text).toContain('Slutdatoen kan ikke ligge før startdatoen.');
    expect(form.text).toContain('Skriv, hvorfor I beder om ændringen.');
    expect(await changeFingerprint(c)).toBe(before);

    // The read model says the activity ended yesterday (an application cannot be sent with a past period).
    await stack.db.application.update({ where: { id: c.id }, data: { endDate: new Date(`${isoDay(-1)}T00:00:00Z`) } });
    const ended = await ask(c, { kind: 'period', startDate: isoDay(10), endDate: isoDay(40), reasons: 'For sent.' }, '?lang=nb');
    expect(ended.status).toBe(400);
    expect(ended.body.error.issues).toEqual([{ path: 'kind', message: 'Aktiviteten er avsluttet. Etter aktivitetens siste dag kan dere ikke endre den eller perioden; send heller rapporten.' }]);
    expect((await page(c)).text).not.toContain('Ændring af aktiviteten eller perioden');
    expect(await stack.db.grantChange.count({ where: { applicationId: c.id } })).toBe(0);
  });

  it('a new period asked for on the case page and approved on the staff page: a letter, an email, the new period and report due date', async () => {
    const c = await granted(10_000);
    const casePage = await page(c);
    expect(casePage.text).toContain('Ændring af aktiviteten eller perioden');
    const reportBefore = await eventually(() => stack.db.followUpReport.findFirst({ where: { applicationId: c.id } }).then((r) => r ?? undefined), 'the report row');

    const [newStart, newEnd] = [isoDay(60), isoDay(200)];
    // The form takes dates as its hint asks for them, day.month.year.
    const typed = (day: string) => day.split('-').reverse().join('.');
    const sent = await postChangeForm(c, { changeKind: 'period', changeStartDate: typed(newStart), changeEndDate: typed(newEnd), changeReasons: 'Lokalet bliver først klar til efteråret.' });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`/sag/${c.id}?sendt=aendring`);
    const pending = await page(c, '?sendt=aendring');
    expect(pending.text).toContain('Jeres anmodning om ændring er sendt.');
    expect(pending.text).toMatch(/I har bedt om en ændring den .*Kommunen svarer med et brev\./);
    expect(pending.text).not.toContain(`action="/sag/${c.id}/aendring"`);
    expect((await ask(c, { kind: 'activity', activity: 'Noget andet', reasons: 'Igen' })).status).toBe(409);

    const staff = await staffCasePage(c);
    expect(staff).toContain('Anmodning om ændring');
    expect(staff).toContain('Foreningen har bedt om en ændring: træf afgørelse nedenfor.');
    expect(staff).toContain('Lokalet bliver først klar til efteråret.');
    expect(staff).toContain(`action="/personale/sager/${c.id}/aendring"`);

    const noReasons = await decide(c, { approve: true, reasons: '' });
    expect(noReasons.status).toBe(400);
    expect(noReasons.body.error.issues).toEqual([{ path: 'reasons', message: 'Skriv begrundelsen for afgørelsen. Den står i brevet til foreningen.' }]);

    const response = await fetch(`${stack.baseUrl}/personale/sager/${c.id}/aendring`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: `gf_staff=${caseworker.token}`, origin: stack.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfToken(stack.config.COOKIE_SECRET, caseworker.token), approve: 'true', reasons: 'Aktiviteten er den samme; kun tidspunktet flytter.' }),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/personale/sager/${c.id}?udfoert=grantChangeDecided`);

    const change = await stack.db.grantChange.findFirstOrThrow({ where: { applicationId: c.id } });
    expect(change).toMatchObject({ kind: 'period', outcome: 'approved', decidedBy: caseworker.email });
    const application = await stack.db.application.findUniqueOrThrow({ where: { id: c.id } });
    expect(application.startDate.toISOString().slice(0, 10)).toBe(newStart);
    expect(application.endDate.toISOString().slice(0, 10)).toBe(newEnd);
    expect(change.newReportDueAt!.getTime()).toBeGreaterThan(reportBefore.dueAt.getTime());
    // The report child takes the new terms: its row carries the new due date.
    await eventually(async () => {
      const report = await stack.db.followUpReport.findFirstOrThrow({ where: { applicationId: c.id } });
      return report.dueAt.getTime() === change.newReportDueAt!.getTime() || undefined;
    }, 'the report’s new due date');
    expect(await eventTypes(c)).toEqual(expect.arrayContaining(['change_requested', 'change_decided']));

    const letter = await stack.db.document.findFirstOrThrow({ where: { applicationId: c.id, kind: 'grant_change_letter' } });
    const { text } = await parsePdf(letter.content);
    expect(text).toContain('I må flytte aktivitetens periode');
    expect(text).toContain('Kommunen godkender ændringen. Aktiviteten gennemføres i perioden');
    expect(text).toContain('Aktiviteten er den samme; kun tidspunktet flytter.');
    expect(text).toContain('I skal sende afrapporteringen senest');
    expect(text).toContain(c.reference);

    const contact = await contactOf(c);
    const mail = await eventually(async () => (await mailTo(contact)).find((m) => subjectOf(m).startsWith('Afgørelse om jeres ændring')), 'the change decision email');
    const mailText = mailPart(mail, 'text/plain').replace(/\u00a0/g, ' ');
    expect(mailText).toContain('Kommunen har godkendt ændringen.');
    expect(mailText).toContain('Den nye frist for afrapportering er');
    expect(await c.handle.query(statusQuery)).toBe('PAYOUT_SCHEDULED');
  });

  it('a refused activity change leaves the activity as granted, with its own letter', async () => {
    const c = await granted(6_000);
    expect((await ask(c, { kind: 'activity', activity: 'Vi tager på udflugter i stedet for at spise sammen.', reasons: 'Flere medlemmer ønsker det.' })).status).toBe(202);
    expect((await decide(c, { approve: false, reasons: 'Udflugter ligger uden for puljens formål.' })).status).toBe(200);
    const application = await stack.db.application.findUniqueOrThrow({ where: { id: c.id } });
    expect((application.submission as { project: { activities: string } }).project.activities).not.toContain('udflugter');
    const letter = await stack.db.document.findFirstOrThrow({ where: { applicationId: c.id, kind: 'grant_change_letter' } });
    const { text } = await parsePdf(letter.content);
    expect(text).toContain('I må ikke ændre aktiviteten');
    expect(text).toContain('Udflugter ligger uden for puljens formål.');
    expect(text).toContain('Vi tager på udflugter i stedet for at spise sammen.');
    // Nothing waits for a decision now.
    expect((await decide(c, { approve: true, reasons: 'Igen' })).status).toBe(409);
  });
});
