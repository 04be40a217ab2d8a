// A long-term grant: a round may grant for up to three years, one payment a year. The amount
// granted is the whole grant; each year pays its share, the first year any kroner left over.

export const MAX_GRANT_YEARS = 3;

/** The grant's amount per year, in øre: whole kroner, evenly shared, the remainder in year 1. */
export function yearlyAmountsOre(totalOre: number, years: number): number[] {
  if (years <= 1) return [totalOre];
  const totalKroner = Math.floor(totalOre / 100);
  const share = Math.floor(totalKroner / years);
  const rest = totalOre - share * 100 * years;
  return Array.from({ length: years }, (_, index) => (index === 0 ? share * 100 + rest : share * 100));
}

/** The same moment `years` calendar years later (29 February becomes 1 March). */
export function yearsLater(iso: string, years: number): string {
  const at = new Date(iso);
  at.setUTCFullYear(at.getUTCFullYear() + years);
  return at.toISOString();
}

/** A year of a long-term grant as the case pages show it: its payout once registered, else what is to come. */
export interface PlannedGrantYear<Payout> {
  year: number;
  amountOre: bigint;
  payout: Payout | null;
}

/**
 * The year plan of a multi-year grant: each year with its registered payout row, or with the
 * amount still to come (registered when the previous year's report is accepted).
 */
export function plannedGrantYears<Payout extends { year: number; amountOre: bigint }>(grantYears: number, amountGrantedOre: bigint, payouts: Payout[]): PlannedGrantYear<Payout>[] {
  const shares = yearlyAmountsOre(Number(amountGrantedOre), grantYears);
  return shares.map((share, index) => {
    const payout = payouts.find((row) => row.year === index + 1 && row.amountOre > 0n) ?? null;
    return { year: index + 1, amountOre: payout?.amountOre ?? BigInt(share), payout };
  });
}
