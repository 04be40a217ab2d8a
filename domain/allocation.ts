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
