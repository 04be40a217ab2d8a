import { ParentClosePolicy, executeChild, workflowInfo } from '@temporalio/workflow';
import type { CaseStatus } from '../domain/status';
import { reportWorkflowId } from '../domain/workflow-ids';
import { reportDueDate, reportRequirementFor } from '../domain/tiers';
import { activities } from './activities';
import type { CaseContext } from './case-journal';
import { followUpReport } from './follow-up-report';

/** Decided: the letter, the payout, and for a grant the follow-up report. */
export async function afterDecision({ input, memory, journal }: CaseContext): Promise<CaseStatus> {
  const { applicationId, round } = input;
  const final = memory.decision!;
  const granted = final.outcome !== 'rejected';
  const payoutDate = new Date(Date.now() + round.timings.payoutAfterMs).toISOString().slice(0, 10);
  const requirement = reportRequirementFor(BigInt(final.amountGrantedOre), round.reportingTiers);
  const dueAt = reportDueDate(round.timings.reportDue, {
    decidedAt: new Date(final.decidedAt),
    activityEnd: new Date(`${input.activityEndDate}T23:59:59Z`),
  }).toISOString();

  const letter = await journal.inOrder(() =>
    activities.storeDecisionLetter({
      applicationId,
      decisionSequence: final.sequence,
      ...(granted ? { payoutDate, reporting: { requirement, dueAt } } : {}),
    }),
  );
  if (granted) await journal.inOrder(() => activities.registerPayout({ applicationId, amountOre: final.amountGrantedOre, scheduledFor: payoutDate }));
  // After the payout is registered, so the email can tell when the money arrives.
  await journal.email('decision', { outcome: final.outcome, amountGrantedOre: final.amountGrantedOre }, [letter.documentId]);
  if (!granted) return memory.status;
  await journal.record('paid', 'system', 'PAID', { amountOre: final.amountGrantedOre, scheduledFor: payoutDate });

  await executeChild(followUpReport, {
    workflowId: reportWorkflowId(applicationId),
    args: [
      {
        applicationId,
        parentWorkflowId: workflowInfo().workflowId,
        requirement,
        dueAt,
        amountGrantedOre: final.amountGrantedOre,
        assignee: memory.assignee,
        timings: round.timings,
      },
    ],
    parentClosePolicy: ParentClosePolicy.ABANDON,
  });
  memory.status = 'CLOSED';
  return memory.status;
}
