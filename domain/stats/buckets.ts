// Durations are kept in the pre-aggregated statistics rounded down to a bucket: two hours below
// two days, twelve hours below fourteen days, a day below ninety days, and a week (counted from
// day ninety) above. The figures are shown in days with one decimal, so the rounding stays below
// what is shown for short waits and within a day for all but the longest, while a year of
// statistics stays a few thousand rows whatever the number of cases.

export const HOUR = 3_600;
export const DAY = 86_400;

const ZONES = [
  { below: 2 * DAY, width: 2 * HOUR },
  { below: 14 * DAY, width: 12 * HOUR },
  { below: 90 * DAY, width: DAY },
] as const;
const LONG_FROM = 90 * DAY;
const LONG_WIDTH = 7 * DAY;

export function durationBucket(seconds: number): number {
  const s = Math.max(0, Math.floor(seconds));
  for (const zone of ZONES) if (s < zone.below) return s - (s % zone.width);
  return s - ((s - LONG_FROM) % LONG_WIDTH);
}

/** The same rule in SQL over an integer expression (kept next to the rule it mirrors). */
export function durationBucketSql(expression: string): string {
  const e = `(${expression})`;
  return `(CASE ${ZONES.map((zone) => `WHEN ${e} < ${zone.below} THEN (${e} / ${zone.width}) * ${zone.width}`).join(' ')}
    ELSE ${e} - ((${e} - ${LONG_FROM}) % ${LONG_WIDTH}) END)`;
}

/** Bounds every bucket above lines up with (for Prometheus histograms read from the buckets). */
export const ALIGNED_BOUNDS = [2 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 60 * DAY, 90 * DAY];

export function secondsToDays(seconds: number | null): number | null {
  return seconds === null ? null : Math.round((seconds / DAY) * 10) / 10;
}
