import { csrfToken } from '../../services/api/http/csrf';
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
