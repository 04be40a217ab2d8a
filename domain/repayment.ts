import type { MessageKey } from './message-key';

// A repayment claim after an accepted report (domain rules, no I/O): the process proposes the
// unspent money; a caseworker confirms it, reduces it, waives it, or, on the association's
// written request, carries it over to a new period. Every outcome gives reasons.

export const REPAYMENT_OUTCOMES = ['confirmed', 'reduced', 'waived', 'carried_over'] as const;
export type RepaymentOutcome = (typeof REPAYMENT_OUTCOMES)[number];

export const REPAYMENT_REASONS_MAX = 8000;

/** What the decision is checked against: what was proposed and granted (øre), and today (YYYY-MM-DD). */
export interface RepaymentContext {
  proposedOre: number;
  grantedOre: number;
  today: string;
}

export interface RepaymentDecisionCandidate {
  outcome: RepaymentOutcome;
  /** Øre. */
  amountOre?: number;
  reasons: string;
  newPeriodEnd?: string;
}

export interface RepaymentProblem {
  field: 'amount' | 'reasons' | 'newPeriodEnd' | 'outcome';
  messageKey: MessageKey;
}

/** The unspent part of a grant, in øre: what accepting a report proposes to claim back. */
export function proposedRepaymentOre(grantedOre: number, spentKroner: number): number {
  return Math.max(0, grantedOre - spentKroner * 100);
}

/** Every rule the decision breaks (empty when it may be made), each naming its field. */
export function repaymentDecisionProblems(decision: RepaymentDecisionCandidate, context: RepaymentContext): RepaymentProblem[] {
  const problems: RepaymentProblem[] = [];
  const { amountOre } = decision;
  if (!decision.reasons.trim()) problems.push({ field: 'reasons', messageKey: 'errors.repayment.reasonsRequired' });
  if (decision.outcome === 'confirmed' && amountOre !== undefined && amountOre !== context.proposedOre) {
    problems.push({ field: 'amount', messageKey: 'errors.repayment.confirmIsProposed' });
  }
  if (decision.outcome === 'reduced') {
    if (amountOre === undefined) problems.push({ field: 'amount', messageKey: 'errors.repayment.amountRequired' });
    else if (amountOre > context.grantedOre) problems.push({ field: 'amount', messageKey: 'errors.repayment.aboveGrant' });
    else if (amountOre > context.proposedOre) problems.push({ field: 'amount', messageKey: 'errors.repayment.aboveProposed' });
    else if (amountOre === context.proposedOre) problems.push({ field: 'amount', messageKey: 'errors.repayment.reduceBelowProposed' });
    else if (amountOre <= 0) problems.push({ field: 'amount', messageKey: 'errors.repayment.reducePositive' });
  }
  if ((decision.outcome === 'waived' || decision.outcome === 'carried_over') && amountOre !== undefined && amountOre > 0) {
    problems.push({ field: 'amount', messageKey: 'errors.repayment.noAmountClaimed' });
  }
  if (decision.outcome === 'carried_over') {
    if (!decision.newPeriodEnd) problems.push({ field: 'newPeriodEnd', messageKey: 'errors.repayment.newPeriodRequired' });
    else if (decision.newPeriodEnd <= context.today) problems.push({ field: 'newPeriodEnd', messageKey: 'errors.repayment.newPeriodInFuture' });
  } else if (decision.newPeriodEnd) {
    problems.push({ field: 'newPeriodEnd', messageKey: 'errors.repayment.newPeriodOnlyCarryOver' });
  }
  return problems;
}

/** What the decision claims, in øre: the proposal, the reduced amount, or nothing. */
export function claimedRepaymentOre(decision: Pick<RepaymentDecisionCandidate, 'outcome' | 'amountOre'>, proposedOre: number): number {
  if (decision.outcome === 'confirmed') return proposedOre;
  if (decision.outcome === 'reduced') return decision.amountOre ?? 0;
  return 0;
}
