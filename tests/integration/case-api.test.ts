import crypto from 'node:crypto';
import { upsertStaffUser } from '../../lib/staff-auth';
import { createOpenRound, eventually, getJson, postJson } from '../support/fixtures';
import { submitCase, waitForStatus } from '../support/process';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
const password = crypto.randomBytes(12).toString('base64url');
const staff = {
  caseworker: `sag-${crypto.randomUUID().slice(0, 8)}@eksempel.dk`,
  approver: `leder-${crypto.randomUUID().slice(0, 8)}@eksempel.dk`,
  politician: `politiker-${crypto.randomUUID().slice(0, 8)}@eksempel.dk`,
};
const tokens: Record<keyof typeof staff, string> = { caseworker: '', approver: '', politician: '' };

beforeAll(async () => {
  stack = await startTestStack();
  await upsertStaffUser(stack.db, { email: staff.caseworker, name: 'Karen Sagsbehandler', password, roles: ['caseworker'] });
  await upsertStaffUser(stack.db, { email: staff.approver, name: 'Lene Leder', password, roles: ['caseworker', 'approver'] });
  await upsertStaffUser(stack.db, { email: staff.politician, name: 'Per Politiker', password, roles: ['politician'] });
  for (const role of Object.keys(staff) as (keyof typeof staff)[]) {
    const login = await postJson(`${stack.baseUrl}/api/v1/auth/login`, { email: staff[role], password });
    expect(login.status).toBe(200);
    tokens[role] = login.body.token;
  }
});

afterAll(async () => {
  await stack?.stop();
});

const as = (role: keyof typeof staff) => ({ authorization: `Bearer ${tokens[role]}` });
const url = (path: string) => `${stack.baseUrl}/api/v1${path}`;

describe('staff sign-in', () => {
  it('refuses a wrong password with 401 and no token', async () => {
    const response = await postJson(url('/auth/login'), { email: staff.caseworker, password: 'wrong-password' });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('login_failed');
    expect(response.body).not.toHaveProperty('token');
  });

  it('pauses sign-in to an account after 5 failed attempts, and records every attempt', async () => {
    const email = `laast-${crypto.randomUUID().slice(0, 8)}@eksempel.dk`;
    await upsertStaffUser(stack.db, { email, name: 'Låst Bruger', password, roles: ['caseworker'] });
    for (let i = 0; i < 5; i++) expect((await postJson(url('/auth/login'), { email, password: `wrong-${i}` })).status).toBe(401);
    const throttled = await postJson(url('/auth/login'), { email, password });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('900');
    expect(throttled.body.error.code).toBe('too_many_attempts');
    expect(await stack.db.staffLoginAttempt.count({ where: { email, success: false } })).toBe(5);
    expect((await postJson(url('/auth/login'), { email: staff.caseworker, password })).status).toBe(200);
  });

  it('logout ends the session on the server', async () => {
    const login = await postJson(url('/auth/login'), { email: staff.caseworker, password });
    const auth = { authorization: `Bearer ${login.body.token}` };
    expect((await getJson(url('/auth/me'), auth)).status).toBe(200);
    expect((await fetch(url('/auth/logout'), { method: 'POST', headers: auth })).status).toBe(204);
    expect((await getJson(url('/auth/me'), auth)).status).toBe(401);
  });
});

describe('a case driven through the JSON API', () => {
  it('queue → claim → 409 on a wrong action → decide → approve → letter → report → review', async () => {
    const round = await createOpenRound(stack.db, { maxAmount: 100_000, fourEyesThreshold: 10_000 });
    const submitted = await submitCase(stack, round.id, { amountRequested: 12_000 });
    const applicant = { authorization: `Bearer ${submitted.accessToken}` };
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    await eventually(async () => ((await getJson(url(`/queue?roundId=${round.id}`), as('caseworker'))).body.total === 1 ? true : undefined), 'queue');

    const queue = await getJson(url(`/queue?roundId=${round.id}`), as('caseworker'));
    expect(queue.body.items[0]).toMatchObject({ id: submitted.id, status: 'IN_QUEUE', amountRequested: 12_000 });
    expect((await getJson(url('/queue'), as('politician'))).status).toBe(403);
    expect((await getJson(url('/queue'))).status).toBe(401);

    const tooEarly = await postJson(url(`/applications/${submitted.id}/decision`), { outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: '' } }, as('caseworker'));
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error).toMatchObject({ code: 'action_not_allowed' });
    expect(tooEarly.body.error.message).toContain('Venter på en sagsbehandler');

    const claimed = await postJson(url(`/applications/${submitted.id}/assignment`), {}, { ...as('caseworker'), 'idempotency-key': `claim-${submitted.id}` });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ status: 'IN_REVIEW', assignee: staff.caseworker });
    const mine = await eventually(async () => {
      const list = await getJson(url(`/queue?assignee=me&roundId=${round.id}`), as('caseworker'));
      return list.body.total === 1 ? list.body : undefined;
    }, 'my cases');
    expect(mine.items[0]).toMatchObject({ id: submitted.id, assignee: staff.caseworker, status: 'IN_REVIEW' });
    const repeated = await postJson(url(`/applications/${submitted.id}/assignment`), {}, { ...as('caseworker'), 'idempotency-key': `claim-${submitted.id}` });
    expect(repeated.status).toBe(200);
    expect(await stack.db.caseEvent.count({ where: { applicationId: submitted.id, type: 'claimed' } })).toBe(1);

    const unexplained = await postJson(url(`/applications/${submitted.id}/decision`), { outcome: 'partially_approved', amountGranted: 11_000, reasons: { criteria: [], text: 'Prioriteret inden for de tilgængelige midler.' } }, as('caseworker'));
    expect(unexplained.status).toBe(400);
    expect(unexplained.body.error.issues[0].path).toBe('reasons');
    expect((await postJson(url(`/applications/${submitted.id}/decision`), { outcome: 'approved', amountGranted: 12_000, reasons: {} }, as('politician'))).status).toBe(403);

    const proposed = await postJson(
      url(`/applications/${submitted.id}/decision`),
      { outcome: 'partially_approved', amountGranted: 11_000, reasons: { criteria: ['budget_share'], text: '' }, conditions: [] },
      as('caseworker'),
    );
    expect(proposed.status).toBe(200);
    expect(proposed.body.status).toBe('AWAITING_APPROVAL');
    const ownApproval = await postJson(url(`/applications/${submitted.id}/approval`), { approve: true }, as('approver'));
    expect(ownApproval.status).toBe(200);
    await waitForStatus(submitted.handle, 'REPORT_DUE');

    const letter = await fetch(url(`/applications/${submitted.id}/letter.pdf`), { headers: applicant });
    expect(letter.status).toBe(200);
    expect(letter.headers.get('content-disposition')).toMatch(/^attachment; filename="afgoerelse-GF-/);
    expect(Buffer.from(await letter.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

    const view = await getJson(url(`/applications/${submitted.id}`), applicant);
    expect(view.body).toMatchObject({ status: 'REPORT_DUE', amountGranted: 11_000, decision: { outcome: 'partially_approved' }, report: { requirement: 'declaration' } });
    expect(view.body).not.toHaveProperty('submission');
    const staffView = await getJson(url(`/applications/${submitted.id}`), as('caseworker'));
    expect(staffView.body.screening.results.rules.map((r: { rule: string }) => r.rule)).toEqual(expect.arrayContaining(['E1', 'E11']));
    expect(staffView.body.decisions).toHaveLength(1);

    const withdrawTooLate = await postJson(url(`/applications/${submitted.id}/withdrawal`), { reason: 'for sent' }, applicant);
    expect(withdrawTooLate.status).toBe(409);

    const report = { narrative: 'Vi gennemførte alle 12 aftener.', spentKroner: 11_000, participants: 300, volunteers: 8, story: 'Mange nye venskaber.', storyConsent: true };
    expect((await postJson(url(`/applications/${submitted.id}/reports`), { ...report, spentKroner: -1 }, applicant)).status).toBe(400);
    expect((await postJson(url(`/applications/${submitted.id}/reports`), report, applicant)).status).toBe(202);
    await waitForStatus(submitted.handle, 'REPORT_SUBMITTED');
    const review = await postJson(url(`/reports/${submitted.id}/review`), { accept: true }, as('caseworker'));
    expect(review.status).toBe(200);
    expect(review.body.status).toBe('CLOSED');
    expect(await submitted.handle.result()).toBe('CLOSED');
  });

  it('the association answers an information request and can withdraw before a decision', async () => {
    const round = await createOpenRound(stack.db, { process: { answerDeadline: '1h', answerReminders: ['30m'] } });
    const submitted = await submitCase(stack, round.id);
    const applicant = { authorization: `Bearer ${submitted.accessToken}` };
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    expect((await postJson(url(`/applications/${submitted.id}/supplements`), { text: 'svar' }, applicant)).status).toBe(409);

    await postJson(url(`/applications/${submitted.id}/assignment`), {}, as('caseworker'));
    const emptyRequest = await postJson(url(`/applications/${submitted.id}/information-requests`), { items: [], message: '' }, as('caseworker'));
    expect(emptyRequest.status).toBe(400);
    const asked = await postJson(url(`/applications/${submitted.id}/information-requests`), { items: ['Budget med underskrift'], message: 'Send budgettet.' }, as('caseworker'));
    expect(asked.status).toBe(201);

    const view = await getJson(url(`/applications/${submitted.id}`), applicant);
    expect(view.body.openInformationRequest).toMatchObject({ sequence: 1, items: ['Budget med underskrift'] });
    const answered = await postJson(url(`/applications/${submitted.id}/supplements`), { text: 'Budgettet er vedhæftet.' }, applicant);
    expect(answered.status).toBe(202);
    // Back with the caseworker who asked, not in the shared queue.
    expect((await waitForStatus(submitted.handle, 'IN_REVIEW')).assignee).toBe(staff.caseworker);

    const otherCase = await submitCase(stack, round.id);
    const wrongToken = await postJson(url(`/applications/${submitted.id}/withdrawal`), { reason: 'x' }, { authorization: `Bearer ${otherCase.accessToken}` });
    expect(wrongToken.status).toBe(403);
    const withdrawn = await postJson(url(`/applications/${submitted.id}/withdrawal`), { reason: 'Aktiviteten er aflyst.' }, applicant);
    expect(withdrawn.status).toBe(202);
    expect(await submitted.handle.result()).toBe('WITHDRAWN');
    await otherCase.handle.terminate('test finished');
  });
});
