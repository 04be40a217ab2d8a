import { newCaseMemory, type CaseContext, type CaseJournal } from '../../workflows/case-journal';
import { payoutConfirmed, statusAfterPayoutAdjustment } from '../../workflows/payout';
import type { CaseStatus } from '../../domain/status';
import type { PayoutConfirmation } from '../../workflows/messages';

// The workflow's rules for a confirmed payout, with a journal that only writes down what the
// workflow would record and send.

function caseAt(status: CaseStatus, confirmedByFinance = true) {
  const memory = { ...newCaseMemory(), status, payoutConfirmedByFinance: confirmedByFinance };
  const recorded: { type: string; actor: string; to: CaseStatus | undefined; details: Record<string, unknown> | undefined }[] = [];
  const emails: { kind: string; extra: Record<string, unknown> | undefined }[] = [];
  const journal: CaseJournal = {
    timeline: [],
    async record(type, actor, to, details) {
      recorded.push({ type, actor, to, details });
      if (to) memory.status = to;
    },
    async email(kind, extra) {
      emails.push({ kind, extra });
    },
    inOrder: (write) => write(),
    settled: async () => undefined,
    reserveEventKeys: (count) => Array.from({ length: count }, (_, index) => `event:${index}`),
    reserveMessageKey: (kind) => `message:${kind}`,
    adopt: () => undefined,
  };
  const context = { input: {} as CaseContext['input'], memory, journal } satisfies CaseContext;
  return { context, memory, recorded, emails };
}

const confirmation = (overrides: Partial<PayoutConfirmation> = {}): PayoutConfirmation => ({
  payoutKey: 'payout:a',
  decisionSequence: 1,
  amountOre: 1_200_000,
  paidOn: '2027-03-15',
  confirmedBy: 'leder@eksempel.dk',
  confirmedAt: '2027-03-16T09:00:00.000Z',
  ...overrides,
});

describe('a payout finance confirmed', () => {
  it('makes a case waiting for its money PAID and tells the association amount and date', async () => {
    const { context, memory, recorded, emails } = caseAt('PAYOUT_SCHEDULED');
    await payoutConfirmed(context, confirmation());
    expect(memory.status).toBe('PAID');
    expect(recorded).toEqual([{ type: 'paid', actor: 'leder@eksempel.dk', to: 'PAID', details: { payoutKey: 'payout:a', sequence: 1, amountOre: 1_200_000, paidOn: '2027-03-15' } }]);
    expect(emails).toEqual([{ kind: 'paid', extra: { payoutKey: 'payout:a', amountOre: 1_200_000, paidOn: '2027-03-15' } }]);
  });

  it('is recorded once however often it is confirmed', async () => {
    const { context, recorded, emails } = caseAt('PAYOUT_SCHEDULED');
    await payoutConfirmed(context, confirmation());
    await payoutConfirmed(context, confirmation({ confirmedAt: '2027-03-17T09:00:00.000Z' }));
    expect(recorded.map((event) => event.type)).toEqual(['paid']);
    expect(emails).toHaveLength(1);
  });

  it('leaves a case already further on where it is (its report due), and one under reconsideration returns to PAID', async () => {
    const due = caseAt('REPORT_DUE');
    await payoutConfirmed(due.context, confirmation());
    expect(due.memory.status).toBe('REPORT_DUE');
    expect(due.recorded[0]).toMatchObject({ type: 'paid', to: 'REPORT_DUE' });

    const reconsidered = caseAt('RECONSIDERATION_REQUESTED');
    reconsidered.memory.statusBeforeReconsideration = 'PAYOUT_SCHEDULED';
    await payoutConfirmed(reconsidered.context, confirmation());
    expect(reconsidered.memory.status).toBe('RECONSIDERATION_REQUESTED');
    expect(reconsidered.memory.statusBeforeReconsideration).toBe('PAID');
  });

  it('a negative row (money paid back after a reduced grant) is an event only: no PAID, no email', async () => {
    const { context, memory, recorded, emails } = caseAt('REPORT_DUE');
    await payoutConfirmed(context, confirmation({ payoutKey: 'payout:a:2', decisionSequence: 2, amountOre: -400_000 }));
    expect(memory.status).toBe('REPORT_DUE');
    expect(recorded).toEqual([expect.objectContaining({ type: 'payback_confirmed', to: 'REPORT_DUE' })]);
    expect(emails).toEqual([]);
  });

  it('changes nothing in a case decided before payouts were confirmed (it became PAID on its decision day)', async () => {
    const { context, recorded, emails } = caseAt('REPORT_DUE', false);
    await payoutConfirmed(context, confirmation());
    expect(recorded).toEqual([]);
    expect(emails).toEqual([]);
  });
});

describe('a changed decision’s payout difference', () => {
  it('waits for the payout again when there is more to pay, and stays paid after a reduction of a paid grant', () => {
    const scheduled = caseAt('DECIDED');
    expect(statusAfterPayoutAdjustment(scheduled.context, true, 400_000)).toBe('PAYOUT_SCHEDULED');
    expect(statusAfterPayoutAdjustment(scheduled.context, true, -400_000)).toBe('PAYOUT_SCHEDULED');
    expect(statusAfterPayoutAdjustment(scheduled.context, false, -1_200_000)).toBe('DECIDED');
    scheduled.memory.confirmedPayoutKeys.push('payout:a');
    expect(statusAfterPayoutAdjustment(scheduled.context, true, -400_000)).toBe('PAID');
    expect(statusAfterPayoutAdjustment(scheduled.context, true, 400_000)).toBe('PAYOUT_SCHEDULED');
  });

  it('is PAID at once for a case decided before payouts were confirmed, as it was', () => {
    const old = caseAt('DECIDED', false);
    expect(statusAfterPayoutAdjustment(old.context, true, 400_000)).toBe('PAID');
    expect(statusAfterPayoutAdjustment(old.context, false, -400_000)).toBe('DECIDED');
  });
});
