import crypto from 'node:crypto';
import { upsertStaffUser } from '../../lib/staff-auth';
import { createOpenRound, eventually, postJson } from '../support/fixtures';
import { submitCase, waitForStatus } from '../support/process';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
const password = crypto.randomBytes(12).toString('base64url');
const caseworker = `sag-${crypto.randomUUID().slice(0, 8)}@eksempel.dk`;
let staffAuth: { authorization: string };

beforeAll(async () => {
  stack = await startTestStack();
  await upsertStaffUser(stack.db, { email: caseworker, name: 'Karen Sagsbehandler', password, roles: ['caseworker'] });
  const login = await postJson(`${stack.baseUrl}/api/v1/auth/login`, { email: caseworker, password });
  expect(login.status).toBe(200);
  staffAuth = { authorization: `Bearer ${login.body.token}` };
});

afterAll(async () => {
  await stack?.stop();
});

const url = (path: string) => `${stack.baseUrl}/api/v1${path}`;

async function actorOf(applicationId: string, type: string): Promise<string> {
  return eventually(async () => (await stack.db.caseEvent.findFirst({ where: { applicationId, type } }))?.actor, `the ${type} event`);
}

describe('the association’s actions entered by staff', () => {
  it('name the staff member who entered them; the association’s own name the applicant', async () => {
    const round = await createOpenRound(stack.db, { process: { answerDeadline: '1h', answerReminders: ['30m'] } });
    const submitted = await submitCase(stack, round.id);
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    await postJson(url(`/applications/${submitted.id}/assignment`), {}, staffAuth);
    const asked = await postJson(url(`/applications/${submitted.id}/information-requests`), { items: ['Budget med underskrift'], message: 'Send budgettet.' }, staffAuth);
    expect(asked.status).toBe(201);

    // The association answered by letter; the caseworker enters the answer.
    const answered = await postJson(url(`/applications/${submitted.id}/supplements`), { text: 'Budgettet kom med posten.' }, staffAuth);
    expect(answered.status).toBe(202);
    await waitForStatus(submitted.handle, 'IN_REVIEW');
    expect(await actorOf(submitted.id, 'information_received')).toBe(caseworker);

    const withdrawn = await postJson(url(`/applications/${submitted.id}/withdrawal`), { reason: 'Aktiviteten er aflyst.' }, { authorization: `Bearer ${submitted.accessToken}` });
    expect(withdrawn.status).toBe(202);
    expect(await submitted.handle.result()).toBe('WITHDRAWN');
    expect(await actorOf(submitted.id, 'withdrawn')).toBe('applicant');
  });
});
