import { allHandlersFinished, condition, getExternalWorkflowHandle, patched, setHandler } from '@temporalio/workflow';
import type { CaseStatus } from '../domain/status';
import { reportWorkflowId } from '../domain/workflow-ids';
import { activities } from './activities';
import type { CaseContext } from './case-journal';
import { declineGrantUpdate, type CaseAction, type CaseState } from './messages';
import { invalidInput } from './refusals';

// After the grant the association may say no thank you to it while it is not yet paid: the payout
// is cancelled (or, once exported to finance, claimed back), the report no longer owed, the case
// closed as GRANT_DECLINED.

/** Cases decided before changes after the grant existed run to their end as they did. */
export const GRANT_CHANGES_PATCH = 'grant-changes';

/** Where a grant can still be declined: registered and not yet confirmed paid. */
const DECLINABLE: readonly CaseStatus[] = ['PAYOUT_SCHEDULED', 'REPORT_DUE'];

/** What the association may change about its grant right now. */
export function grantChangeActions({ memory }: CaseContext): CaseAction[] {
  const unpaid = memory.payoutConfirmedByFinance && memory.confirmedPayoutKeys.length === 0;
  const open = memory.grantChangesOpen && !memory.grantDeclined && !memory.reconsideration;
  return open && unpaid && DECLINABLE.includes(memory.status) ? ['declineGrant'] : [];
}

/** The Updates of changes after the grant; the validators refuse what the state does not allow. */
export function installGrantChangeHandlers(context: CaseContext, caseState: () => CaseState, requireAction: (action: CaseAction) => void): void {
  const { input, memory, journal } = context;
  const { applicationId } = input;

  setHandler(
    declineGrantUpdate,
    async ({ reasons }) => {
      // The process after the decision stops here; see untilGrantDeclined.
      memory.grantDeclined = true;
      const { exportedOre } = await journal.inOrder(() => activities.cancelDeclinedPayout({ applicationId }));
      await cancelReport(applicationId);
      const amountGrantedOre = memory.decision?.amountGrantedOre ?? 0;
      await journal.record('grant_declined', 'applicant', 'GRANT_DECLINED', { reasons, amountGrantedOre, payout: exportedOre > 0 ? 'claimed_back' : 'cancelled', exportedOre });
      await journal.email('grant_declined', { amountGrantedOre, exportedOre });
      return caseState();
    },
    {
      validator: ({ reasons }) => {
        requireAction('declineGrant');
        if (!reasons.trim()) throw invalidInput({ field: 'reasons', messageKey: 'errors.grantChanges.declineReasonsRequired' });
      },
    },
  );
}

/** The report of a declined grant is no longer owed; a report child already ended has nothing to stop. */
async function cancelReport(applicationId: string): Promise<void> {
  try {
    await getExternalWorkflowHandle(reportWorkflowId(applicationId)).cancel();
  } catch {
    // Already closed: nothing to cancel.
  }
}

/**
 * Runs the rest of a granted case (the reconsideration period, the report) unless the association
 * declines the grant first; then the case ends as the decline left it.
 */
export async function untilGrantDeclined(context: CaseContext, rest: () => Promise<CaseStatus>): Promise<CaseStatus> {
  const { memory, journal } = context;
  if (!patched(GRANT_CHANGES_PATCH)) return rest();
  memory.grantChangesOpen = true;
  const declined = condition(() => memory.grantDeclined).then(async () => {
    await condition(allHandlersFinished);
    await journal.settled();
    return memory.status;
  });
  return Promise.race([rest(), declined]);
}
