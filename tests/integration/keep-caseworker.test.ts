import { createOpenRound, eventually, getJson, postJson } from '../support/fixtures';
import { mailPart, mailsFor, mailTo, subjectOf, submitCase, waitForStatus, type SubmittedCase } from '../support/process';
import { signedInStaff } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// The case keeps its caseworker: when the association answers an information request or a
// partshøring (or its deadline passes), the case is hers again, in her own list, and she is told
// by email in the municipality's language. Someone who has left sends it to the shared queue.

let stack: TestStack;
const api = (p: string) => `${stack.baseUrl}/api/v1${p}`;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

async function claimedBy(caseworker: { headers: Record<string, string> }, process: Record<string, unknown> = {}): Promise<SubmittedCase> {
  const round = await createOpenRound(stack.db, { process: { answerDeadline: '1h', answerReminders: ['50m'], ...process } });
  // An English-speaking association: the caseworker is still written to in Danish.
  const submitted = await submitCase(stack, round.id, { amountRequested: 12_000, language: 'en' });
  await waitForStatus(submitted.handle, 'IN_QUEUE');
  expect((await postJson(api(`/applications/${submitted.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
  return submitted;
}

/** The read model follows the workflow a moment later. */
function storedApplication(id: string, status: string) {
  return eventually(async () => {
    const application = await stack.db.application.findUniqueOrThrow({ where: { id } });
    return application.status === status ? application : undefined;
  }, `the application to be ${status}`);
}

describe('after the association answers', () => {
  it('an information request: the case is back with its caseworker, in her own list, and she gets an email', async () => {
    const caseworker = await signedInStaff(stack, ['caseworker'], 'Karen Sagsbehandler');
    const submitted = await claimedBy(caseworker);
    const asked = await postJson(api(`/applications/${submitted.id}/information-requests`), { items: ['Foreningens vedtægter'], message: '' }, caseworker.headers);
    expect(asked.status).toBe(201);
    const answered = await postJson(api(`/applications/${submitted.id}/supplements`), { text: 'Vedtægterne er vedhæftet.' }, { authorization: `Bearer ${submitted.accessToken}` });
    expect(answered.status).toBe(202);

    const state = await waitForStatus(submitted.handle, 'IN_REVIEW');
    expect(state.assignee).toBe(caseworker.email);
    expect(state.allowedActions).toEqual(expect.arrayContaining(['decide', 'requestInformation', 'consult']));
    const application = await storedApplication(submitted.id, 'IN_REVIEW');
    expect(application.assignee).toBe(caseworker.email);
    const event = await stack.db.caseEvent.findFirstOrThrow({ where: { applicationId: submitted.id, type: 'information_received' } });
    expect(event).toMatchObject({ fromStatus: 'AWAITING_APPLICANT', toStatus: 'IN_REVIEW', actor: 'applicant' });

    const mine = await getJson(api(`/queue?assignee=me&roundId=${application.roundId}`), caseworker.headers);
    expect(mine.body.items.map((item: { id: string; status: string }) => [item.id, item.status])).toEqual([[submitted.id, 'IN_REVIEW']]);
    const unclaimed = await getJson(api(`/queue?assignee=none&roundId=${application.roundId}`), caseworker.headers);
    expect(unclaimed.body.items).toEqual([]);

    const [mail] = await mailsFor(caseworker.email, 1);
    expect(subjectOf(mail!)).toMatch(/^.+ har svaret på din anmodning \(GF-\d{4}-\d+\)$/);
    const text = mailPart(mail!, 'text/plain');
    expect(text).toContain('Hej Karen Sagsbehandler');
    expect(text).toContain('Mine sager');
    expect(text).toContain(`/personale/sager/${submitted.id}`);
    expect(text).not.toContain('adgang=');
  });

  it('a partshøring whose deadline passes: back with its caseworker, who is told the deadline passed', async () => {
    const caseworker = await signedInStaff(stack, ['caseworker'], 'Karen Sagsbehandler');
    const submitted = await claimedBy(caseworker, { answerDeadline: '3s', answerReminders: [] });
    const sent = await postJson(api(`/applications/${submitted.id}/consultations`), { facts: [{ text: 'Rapporten for 2025 viste 4 deltagere, ikke 40.', source: 'earlier_report' }], message: '' }, caseworker.headers);
    expect(sent.status).toBe(201);
    const state = await waitForStatus(submitted.handle, 'IN_REVIEW');
    expect(state.assignee).toBe(caseworker.email);
    expect((await storedApplication(submitted.id, 'IN_REVIEW')).assignee).toBe(caseworker.email);
    const [mail] = await mailsFor(caseworker.email, 1);
    expect(subjectOf(mail!)).toMatch(/^Fristen i partshøringen er udløbet/);
  });

  it('when the caseworker has left, the case goes to the shared queue, unassigned, and no one is emailed', async () => {
    const caseworker = await signedInStaff(stack, ['caseworker'], 'Kim Fratrådt');
    const submitted = await claimedBy(caseworker);
    const sent = await postJson(api(`/applications/${submitted.id}/consultations`), { facts: [{ text: 'Foreningen er opløst ifølge CVR.', source: 'register' }], message: '' }, caseworker.headers);
    expect(sent.status).toBe(201);
    await waitForStatus(submitted.handle, 'AWAITING_COMMENTS');
    await stack.db.staffUser.update({ where: { email: caseworker.email }, data: { active: false } });

    const commented = await postJson(api(`/applications/${submitted.id}/consultation-comments`), { text: 'Foreningen er ikke opløst; vi har fået nyt CVR-nummer.' }, { authorization: `Bearer ${submitted.accessToken}` });
    expect(commented.status).toBe(202);
    const state = await waitForStatus(submitted.handle, 'IN_QUEUE');
    expect(state.assignee).toBeNull();
    const application = await storedApplication(submitted.id, 'IN_QUEUE');
    expect(application.assignee).toBeNull();
    const event = await stack.db.caseEvent.findFirstOrThrow({ where: { applicationId: submitted.id, type: 'consultation_answered' } });
    expect(event.toStatus).toBe('IN_QUEUE');
    expect(await mailTo(caseworker.email)).toEqual([]);
  });
});
