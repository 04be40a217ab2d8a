// A round's money side by side: its budget, what the associations asked for (the demand), and
// what was granted (the decisions in force). Asking for more than the budget is demand the round
// could not meet. Granting more than the budget is possible: a continuous round decides each case
// as it comes without a check against the budget, and a changed decision after reconsideration
// adds to a deadline round's allocation; so the figures say so instead of only showing a share.

export interface RoundMoney {
  budgetOre: number;
  /** Asked for in every application submitted to the round. */
  requestedOre: number;
  /** Granted by the decisions in force. */
  grantedOre: number;
}

export interface RoundBudgetFigures {
  budgetKroner: number;
  requestedKroner: number;
  grantedKroner: number;
  /** Requested as a share of the budget (above 1: more demand than money). */
  demandShare: number | null;
  /** Granted as a share of the budget. */
  usedShare: number | null;
  /** What was asked for beyond the budget: demand the round could not have met (0 when within it). */
  requestedOverBudgetKroner: number;
  /** Granted beyond the budget (0 when within it). */
  overBudgetKroner: number;
}

const kroner = (ore: number) => Math.round(ore / 100);
const shareOf = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

export function roundBudgetFigures({ budgetOre, requestedOre, grantedOre }: RoundMoney): RoundBudgetFigures {
  return {
    budgetKroner: kroner(budgetOre),
    requestedKroner: kroner(requestedOre),
    grantedKroner: kroner(grantedOre),
    demandShare: shareOf(requestedOre, budgetOre),
    usedShare: shareOf(grantedOre, budgetOre),
    requestedOverBudgetKroner: kroner(Math.max(0, requestedOre - budgetOre)),
    overBudgetKroner: kroner(Math.max(0, grantedOre - budgetOre)),
  };
}
