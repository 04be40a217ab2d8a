import { ParentClosePolicy, executeChild, patched, workflowInfo } from '@temporalio/workflow';
import type { CaseStatus } from '../domain/status';
import { reportWorkflowId } from '../domain/workflow-ids';
import { activities } from './activities';
import type { CaseContext } from './case-journal';
import { followUpReport } from './follow-up-report';
import { untilGrantDeclined } from './grant-changes';
import { PAYOUT_CONFIRMATION_PATCH, payoutScheduled } from './payout';
import { acceptanceStep } from './acceptance';
import { reconsiderationPeriod } from './reconsideration';
import { reportChild, reportTermsFor } from './report-child';
import { grantYearPlan, laterGrantYears, letterYears, startFirstGrantYear } from './grant-years';

/**
 * Cases decided before reconsideration existed ended after the decision (a refusal) or ran the
 * report child to its end (a grant); cases decided since stay open for the round's
 * reconsideration period, alongside the report.
 */
export const RECONSIDERATION_PATCH = 'reconsideration';

/** Decided: the letter, the payout (PAID once finance confirms it), for a grant the follow-up report, and the reconsideration period. */
export async function afterDecision(context: CaseContext): Promise<CaseStatus> {
  const { input, memory, journal } = context;
  const { applicationId, round } = input;
  const final = memory.decision!;
  const granted = final.outcome !== 'rejected';
  let payoutDate = new Date(Date.now() + round.timings.payoutAfterMs).toISOString().slice(0, 10);
  const { requirement, dueAt } = reportTermsFor(context, final);
  memory.payoutConfirmedByFinance = patched(PAYOUT_CONFIRMATION_PATCH);
  // ── long-term grants: one payout and one report a year ──
  const years = granted ? grantYearPlan(context, final.amountGrantedOre, { requirement, dueAt }) : null;
  memory.grantYearPlan = years;
  const firstPayoutOre = years ? years[0]!.amountOre : final.amountGrantedOre;
  // A round with an acceptance period pays a grant only once the association's signatory accepts it.
  const acceptance = granted ? acceptanceStep(context) : null;

  const letter = await journal.inOrder(() =>
    activities.storeDecisionLetter({
      applicationId,
      decisionSequence: final.sequence,
      ...(granted ? { payoutDate, reporting: years ? years[0]!.terms : { requirement, dueAt } } : {}),
      ...(years ? { grantYears: letterYears(years) } : {}),
      ...(acceptance ? { acceptBy: acceptance.acceptBy } : {}),
    }),
  );
  if (acceptance) await acceptance.open(final, years ? years[0]!.terms : { requirement, dueAt });
  else if (granted) await journal.inOrder(() => activities.registerPayout({ applicationId, amountOre: firstPayoutOre, scheduledFor: payoutDate }));
  // After the payout is registered, so the email can tell when the money arrives (or that it waits for the acceptance).
  await journal.email('decision', { outcome: final.outcome, amountGrantedOre: final.amountGrantedOre, ...(acceptance ? { acceptBy: acceptance.acceptBy } : {}) }, [letter.documentId]);
  if (acceptance) {
    if ((await acceptance.outcome()) === 'lapsed') return memory.status;
    payoutDate = new Date(Date.now() + round.timings.payoutAfterMs).toISOString().slice(0, 10);
    await journal.inOrder(() => activities.registerPayout({ applicationId, amountOre: firstPayoutOre, scheduledFor: payoutDate }));
  }
  if (!granted) {
    if (!patched(RECONSIDERATION_PATCH)) return memory.status;
    const report = reportChild(context);
    // A refusal changed into a grant on reconsideration starts the report.
    await reconsiderationPeriod(context, report);
    return report.started ? closeWithReport(context, report) : memory.status;
  }
  if (memory.payoutConfirmedByFinance) await payoutScheduled(context, { amountOre: firstPayoutOre, scheduledFor: payoutDate, ...(years ? { year: 1 } : {}) });
  else await journal.record('paid', 'system', 'PAID', { amountOre: final.amountGrantedOre, scheduledFor: payoutDate });
  acceptance?.settled();

  if (patched(RECONSIDERATION_PATCH)) {
    const report = reportChild(context);
    if (years) {
      await startFirstGrantYear(context, report, years);
      // The next year is released when this year's report is accepted, whether or not the
      // decision may still be reconsidered; a changed decision changes the years still to come.
      await Promise.all([reconsiderationPeriod(context, report), laterGrantYears(context, report)]);
      return closeWithReport(context, report);
    }
    await report.start({ requirement, dueAt }, final.amountGrantedOre);
    return untilGrantDeclined(context, async () => {
      await reconsiderationPeriod(context, report);
      return closeWithReport(context, report);
    });
  }

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

async function closeWithReport({ memory }: CaseContext, report: { result(): Promise<unknown> }): Promise<CaseStatus> {
  await report.result();
  memory.status = 'CLOSED';
  return memory.status;
}
