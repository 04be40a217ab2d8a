// Amounts are whole kroner at the edges (forms, API) and integer øre inside, so no
// arithmetic ever meets a floating-point fraction.
export const ORE_PER_KRONE = 100n;

export function kronerToOre(kroner: number): bigint {
  if (!Number.isSafeInteger(kroner)) throw new RangeError(`Not a whole number of kroner: ${kroner}`);
  return BigInt(kroner) * ORE_PER_KRONE;
}

/** Whole kroner, rounded down: øre only appear in amounts we compute, never in ones we show. */
export function oreToKroner(ore: bigint): number {
  return Number(ore / ORE_PER_KRONE);
}
