/**
 * Percentiles as PostgreSQL's percentile_cont computes them: linear interpolation between the
 * two nearest ranks, so a median of an even count is the mean of the middle two.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (p < 0 || p > 1) throw new RangeError(`A percentile is between 0 and 1, not ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (rank - lower);
}

export function median(values: readonly number[]): number | null {
  return percentile(values, 0.5);
}

/** One value of a histogram and how many times it occurs. */
export interface HistogramEntry {
  value: number;
  count: number;
}

/** The same percentile over a histogram: as if every value were listed `count` times. */
export function histogramPercentile(entries: readonly HistogramEntry[], p: number): number | null {
  if (p < 0 || p > 1) throw new RangeError(`A percentile is between 0 and 1, not ${p}`);
  const sorted = entries.filter((entry) => entry.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, entry) => sum + entry.count, 0);
  if (total === 0) return null;
  const rank = p * (total - 1);
  const valueAtRank = (index: number): number => {
    let seen = 0;
    for (const entry of sorted) {
      seen += entry.count;
      if (index < seen) return entry.value;
    }
    return sorted[sorted.length - 1]!.value;
  };
  const lower = Math.floor(rank);
  const low = valueAtRank(lower);
  const high = valueAtRank(Math.ceil(rank));
  return low + (high - low) * (rank - lower);
}

/** Adds histograms together (the same value in several periods counts once per occurrence). */
export function mergeHistograms(...histograms: readonly (readonly HistogramEntry[])[]): HistogramEntry[] {
  const counts = new Map<number, number>();
  for (const histogram of histograms) for (const { value, count } of histogram) counts.set(value, (counts.get(value) ?? 0) + count);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => a.value - b.value);
}
