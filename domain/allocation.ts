import type { MessageKey } from '../locale/catalogue';
import { decisionProblems, type DecisionOutcome, type DecisionReasons } from './decision-rules';

/**
 * Shares a deadline round's budget among its applications: everyone gets what they asked for
 * when it fits; otherwise each request is scaled by the same factor, rounded down to whole
 * hundreds of kroner, so the total never exceeds the budget. Amounts are integer øre.
 */
export function proposeAllocation(requests: { id: string; requestedOre: number }[], budgetOre: number): Map<string, number> {
  const total = requests.reduce((sum, r) => sum + r.requestedOre, 0);
  const proposal = new Map<string, number>();
  if (total <= budgetOre) {
    for (const r of requests) proposal.set(r.id, r.requestedOre);
    return proposal;
  }
  const HUNDRED_KRONER = 10_000;
  for (const r of requests) {
    const scaled = Math.floor((r.requestedOre * budgetOre) / total / HUNDRED_KRONER) * HUNDRED_KRONER;
    proposal.set(r.id, Math.min(r.requestedOre, scaled));
  }
  return proposal;
}

export interface AllocatedDecision {
  applicationId: string;
  outcome: DecisionOutcome;
  /** Integer øre. */
  amountGrantedOre: number;
  reasons: DecisionReasons;
}

export interface AllocationProblem {
  field: 'decisions' | 'reasons';
  messageKey: MessageKey;
}

/**
 * What is wrong with an approver's allocation: more than the budget, not exactly the proposed
 * applications, or a decision that breaks the decision rule. The first problem found, or none.
 */
export function allocationProblem(
  decisions: AllocatedDecision[],
  proposal: { applicationId: string; requestedOre: number }[],
  budgetOre: number,
): AllocationProblem | null {
  const total = decisions.reduce((sum, d) => sum + (d.outcome === 'rejected' ? 0 : d.amountGrantedOre), 0);
  if (total > budgetOre) return { field: 'decisions', messageKey: 'errors.decision.allocationOverBudget' };
  const requested = new Map(proposal.map((line) => [line.applicationId, line.requestedOre]));
  if (decisions.length !== requested.size || decisions.some((d) => !requested.has(d.applicationId))) {
    return { field: 'decisions', messageKey: 'errors.decision.allocationIncomplete' };
  }
  for (const d of decisions) {
    const [problem] = decisionProblems({ ...d, amountRequestedOre: requested.get(d.applicationId)! }, 'codes');
    if (problem) return { field: problem.field === 'reasons' ? 'reasons' : 'decisions', messageKey: problem.messageKey };
  }
  return null;
}

/** Rounds started before they carried their threshold use the default one (50,000 kr.). */
export const DEFAULT_FOUR_EYES_THRESHOLD_ORE = 5_000_000;

/** An allocation granting any one case more than the threshold needs a second, different approver. */
export function needsSecondSignature(decisions: AllocatedDecision[], thresholdOre: number): boolean {
  return decisions.some((d) => d.outcome !== 'rejected' && d.amountGrantedOre > thresholdOre);
}
