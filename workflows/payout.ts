import type { CaseStatus } from '../domain/status';
import type { CaseContext } from './case-journal';
import type { PayoutConfirmation } from './messages';

/**
 * Cases decided before payouts were confirmed by finance became PAID on the decision day; cases
 * decided since wait in PAYOUT_SCHEDULED until finance confirms the payout.
 */
export const PAYOUT_CONFIRMATION_PATCH = 'payout-confirmation';

/** The grant's payout is registered; the case waits for finance to say the money went out. */
export async function payoutScheduled({ journal }: CaseContext, payout: { amountOre: number; scheduledFor: string; year?: number }): Promise<void> {
  await journal.record('payout_scheduled', 'system', 'PAYOUT_SCHEDULED', payout);
}

/**
 * Where a changed decision's payout difference leaves the case: a grant with more to pay waits
 * for the payout again; a reduction leaves it paid if the first payout was confirmed.
 */
export function statusAfterPayoutAdjustment({ memory }: CaseContext, granted: boolean, differenceOre: number): CaseStatus {
  if (!memory.payoutConfirmedByFinance) return granted ? 'PAID' : 'DECIDED';
  if (!granted) return 'DECIDED';
  return differenceOre < 0 && memory.confirmedPayoutKeys.length > 0 ? 'PAID' : 'PAYOUT_SCHEDULED';
}

/**
 * Finance confirmed a payout row. A positive row is the grant paid: event 'paid', the case PAID
 * if it was waiting for the money (a case already further on, e.g. with its report due, stays
 * where it is), and an email saying amount and date. A negative row (money paid back after a
 * reduced grant) is recorded as an event only. Confirming a row twice changes nothing.
 */
export async function payoutConfirmed(context: CaseContext, confirmation: PayoutConfirmation): Promise<void> {
  const { memory, journal } = context;
  if (!memory.payoutConfirmedByFinance || memory.confirmedPayoutKeys.includes(confirmation.payoutKey)) return;
  memory.confirmedPayoutKeys.push(confirmation.payoutKey);
  const details = { payoutKey: confirmation.payoutKey, sequence: confirmation.decisionSequence, amountOre: confirmation.amountOre, paidOn: confirmation.paidOn };
  if (confirmation.amountOre < 0) {
    await journal.record('payback_confirmed', confirmation.confirmedBy, memory.status, details);
    return;
  }
  let to = memory.status;
  if (memory.status === 'PAYOUT_SCHEDULED') to = 'PAID';
  else if (memory.statusBeforeReconsideration === 'PAYOUT_SCHEDULED') memory.statusBeforeReconsideration = 'PAID';
  await journal.record('paid', confirmation.confirmedBy, to, details);
  await journal.email('paid', { payoutKey: confirmation.payoutKey, amountOre: confirmation.amountOre, paidOn: confirmation.paidOn });
}
