import { claimedRepaymentOre, proposedRepaymentOre, repaymentDecisionProblems, type RepaymentDecisionCandidate } from '../../domain/repayment';

const context = { proposedOre: 300_000, grantedOre: 1_200_000, today: '2027-06-01' };
const reasons = 'Foreningen har dokumenteret udgifter til leje af køkken.';
const problems = (decision: Partial<RepaymentDecisionCandidate> & Pick<RepaymentDecisionCandidate, 'outcome'>) => repaymentDecisionProblems({ reasons, ...decision }, context);

describe('the repayment proposed on accepting a report', () => {
  it('is the unspent part of the grant, never below nothing', () => {
    expect(proposedRepaymentOre(1_200_000, 9_000)).toBe(300_000);
    expect(proposedRepaymentOre(1_200_000, 12_000)).toBe(0);
    expect(proposedRepaymentOre(1_200_000, 15_000)).toBe(0);
  });
});

describe('the caseworker’s decision on a repayment claim', () => {
  it('is allowed when it confirms, reduces to a lower amount above 0, waives or carries over with reasons', () => {
    expect(problems({ outcome: 'confirmed' })).toEqual([]);
    expect(problems({ outcome: 'confirmed', amountOre: 300_000 })).toEqual([]);
    expect(problems({ outcome: 'reduced', amountOre: 200_000 })).toEqual([]);
    expect(problems({ outcome: 'reduced', amountOre: 100 })).toEqual([]);
    expect(problems({ outcome: 'waived' })).toEqual([]);
    expect(problems({ outcome: 'carried_over', newPeriodEnd: '2027-12-31' })).toEqual([]);
  });

  it('always needs reasons', () => {
    for (const outcome of ['confirmed', 'reduced', 'waived', 'carried_over'] as const) {
      const decision = { outcome, reasons: ' \n ', amountOre: outcome === 'reduced' ? 200_000 : undefined, newPeriodEnd: outcome === 'carried_over' ? '2027-12-31' : undefined };
      expect(repaymentDecisionProblems(decision, context)).toEqual([{ field: 'reasons', messageKey: 'errors.repayment.reasonsRequired' }]);
    }
  });

  it('never claims more than the grant or the proposal, nor reduces to the proposal or to nothing', () => {
    expect(problems({ outcome: 'reduced', amountOre: 1_300_000 })).toEqual([{ field: 'amount', messageKey: 'errors.repayment.aboveGrant' }]);
    expect(problems({ outcome: 'reduced', amountOre: 400_000 })).toEqual([{ field: 'amount', messageKey: 'errors.repayment.aboveProposed' }]);
    expect(problems({ outcome: 'reduced', amountOre: 300_000 })).toEqual([{ field: 'amount', messageKey: 'errors.repayment.reduceBelowProposed' }]);
    expect(problems({ outcome: 'reduced', amountOre: 0 })).toEqual([{ field: 'amount', messageKey: 'errors.repayment.reducePositive' }]);
    expect(problems({ outcome: 'reduced' })).toEqual([{ field: 'amount', messageKey: 'errors.repayment.amountRequired' }]);
    expect(problems({ outcome: 'confirmed', amountOre: 250_000 })).toEqual([{ field: 'amount', messageKey: 'errors.repayment.confirmIsProposed' }]);
    expect(problems({ outcome: 'waived', amountOre: 100_000 })).toEqual([{ field: 'amount', messageKey: 'errors.repayment.noAmountClaimed' }]);
  });

  it('carries over only to a new period that ends after today, and names a period only for a carry-over', () => {
    expect(problems({ outcome: 'carried_over' })).toEqual([{ field: 'newPeriodEnd', messageKey: 'errors.repayment.newPeriodRequired' }]);
    expect(problems({ outcome: 'carried_over', newPeriodEnd: '2027-06-01' })).toEqual([{ field: 'newPeriodEnd', messageKey: 'errors.repayment.newPeriodInFuture' }]);
    expect(problems({ outcome: 'waived', newPeriodEnd: '2027-12-31' })).toEqual([{ field: 'newPeriodEnd', messageKey: 'errors.repayment.newPeriodOnlyCarryOver' }]);
  });

  it('claims the proposal, the reduced amount, or nothing', () => {
    expect(claimedRepaymentOre({ outcome: 'confirmed' }, 300_000)).toBe(300_000);
    expect(claimedRepaymentOre({ outcome: 'reduced', amountOre: 200_000 }, 300_000)).toBe(200_000);
    expect(claimedRepaymentOre({ outcome: 'waived' }, 300_000)).toBe(0);
    expect(claimedRepaymentOre({ outcome: 'carried_over' }, 300_000)).toBe(0);
  });
});
