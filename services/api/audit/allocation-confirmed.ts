import type { Database } from '../../../lib/db';
import type { StaffIdentity } from '../../../lib/staff-auth';
import { recordAudit } from './log';

/** The audit row of a confirmed allocation, the same whether confirmed on the page or through the API. */
export async function recordAllocationConfirmed(
  db: Database,
  staff: StaffIdentity,
  roundId: string,
  decisions: readonly { amountGranted: number }[],
  status: string,
): Promise<void> {
  const totalKroner = decisions.reduce((sum, decision) => sum + decision.amountGranted, 0);
  // Confirmation is refused to an approver with a declared tie to any association in the round
  // (casework/conflicts.ts and the round's workflow), so reaching this row says none was conflicted.
  await recordAudit(db, staff, 'allocation.confirm', { details: { roundId, applications: decisions.length, totalKroner, status, conflictOfInterestChecked: true, conflictedApprovers: [] } });
}
