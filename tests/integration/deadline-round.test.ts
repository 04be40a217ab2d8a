import { fundingRoundWorkflowId } from '../../domain/workflow-ids';
import { createOpenRound, eventually, getJson, postJson } from '../support/fixtures';
import { submitCase, waitForStatus, type SubmittedCase } from '../support/process';
import { signedInStaff } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';
import { recordHistory } from '../support/histories';
import { t } from '../../locale';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

describe('a deadline round', () => {
  it('holds 5 applications until the deadline, then allocates them within the budget once an approver confirms', async () => {
    const caseworker = await signedInStaff(stack, ['caseworker']);
    const approver = await signedInStaff(stack, ['caseworker', 'approver']);
    const round = await createOpenRound(stack.db, { mode: 'deadline', budget: 50_000, closesAt: new Date(Date.now() + 10_000) });

    const cases: SubmittedCase[] = [];
    for (let i = 0; i < 5; i++) cases.push(await submitCase(stack, round.id, { amountRequested: 12_000 }));
    for (const submitted of cases) await waitForStatus(submitted.handle, 'IN_QUEUE');

    // Cases can be reviewed, but in a deadline round nobody decides one case on its own.
    await postJson(`${stack.baseUrl}/api/v1/applications/${cases[0]!.id}/assignment`, {}, caseworker.headers);
    const early = await postJson(
      `${stack.baseUrl}/api/v1/applications/${cases[0]!.id}/decision`,
      { outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: '' } },
      caseworker.headers,
    );
    expect(early.status).toBe(409);

    const allocationUrl = `${stack.baseUrl}/api/v1/rounds/${round.id}/allocation`;
    expect((await getJson(allocationUrl, approver.headers)).body.status).toBe('OPEN');
    const notYet = await postJson(allocationUrl, { decisions: [{ applicationId: cases[0]!.id, outcome: 'approved', amountGranted: 12_000, reasons: {} }] }, approver.headers);
    expect(notYet.status).toBe(409);

    // Ten seconds after its creation, plus a timer, a workflow task and an activity: on the suite's
    // shared machine, under another file's load, these may take many seconds each.
    const closed = await eventually(async () => {
      const state = await getJson(allocationUrl, approver.headers);
      return state.body.status === 'CLOSED' ? state.body : undefined;
    }, 'the round to close', 60_000);
    expect(closed.proposal).toHaveLength(5);
    expect(closed.proposal.every((line: { requested: number; proposed: number }) => line.requested === 12_000 && line.proposed === 10_000)).toBe(true);
    expect(closed.proposedTotal).toBeLessThanOrEqual(50_000);

    const overBudget = closed.proposal.map((line: { applicationId: string }) => ({ applicationId: line.applicationId, outcome: 'approved', amountGranted: 12_000, reasons: {} }));
    const refused = await postJson(allocationUrl, { decisions: overBudget }, approver.headers);
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues).toEqual([{ path: 'decisions', message: t('da', 'errors.decision.allocationOverBudget') }]);
    expect((await postJson(allocationUrl, { decisions: overBudget }, caseworker.headers)).status).toBe(403);

    const decisions = closed.proposal.map((line: { applicationId: string; proposed: number }) => ({
      applicationId: line.applicationId,
      outcome: 'partially_approved',
      amountGranted: line.proposed,
      reasons: { criteria: ['budget_share'], text: 'Puljen fik ansøgninger for 60.000 kr. til et budget på 50.000 kr.; alle fem aktiviteter lever op til kriterierne, så beløbene er nedsat ligeligt.' },
    }));
    const confirmed = await postJson(allocationUrl, { decisions }, approver.headers);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'ALLOCATED', confirmedBy: approver.email });

    for (const submitted of cases) await waitForStatus(submitted.handle, 'REPORT_DUE');
    const payouts = await stack.db.payout.findMany({ where: { application: { roundId: round.id } } });
    expect(payouts).toHaveLength(5);
    expect(payouts.reduce((sum, p) => sum + p.amountOre, 0n)).toBe(5_000_000n);
    const letters = await stack.db.document.count({ where: { kind: 'decision_letter', application: { roundId: round.id } } });
    expect(letters).toBe(5);
    const decided = await stack.db.caseEvent.findMany({ where: { type: 'decided', application: { roundId: round.id } } });
    expect(decided.map((e) => e.actor)).toEqual(Array(5).fill(approver.email));
    expect(await stack.temporal.workflow.getHandle(fundingRoundWorkflowId(round.id)).result()).toMatchObject({ status: 'ALLOCATED' });

    await recordHistory(stack.temporal.workflow.getHandle(fundingRoundWorkflowId(round.id)), 'deadline-round-allocated');
    for (const submitted of cases) {
      await stack.temporal.workflow.getHandle(`grant-report-${submitted.id}`).terminate('test finished');
      await submitted.handle.terminate('test finished');
    }
    await recordHistory(cases[0]!.handle, 'deadline-round-application-allocated');
  }, 150_000);
});
