// Statistics about few cases can point at one association or one person. A group of fewer than
// five is shown as "<5", and a figure computed from fewer than five cases is not shown.

export const MIN_GROUP_SIZE = 5;
export const SUPPRESSED = '<5' as const;

export type Count = number | typeof SUPPRESSED;

/** A count as it may be shown: 0 and 5 or more as they are, 1–4 as "<5". */
export function shownCount(count: number): Count {
  return count > 0 && count < MIN_GROUP_SIZE ? SUPPRESSED : count;
}

/** A figure computed from `basis` cases, or null when that basis is too small to show. */
export function shownFigure<T>(basis: number, figure: T): T | null {
  return basis >= MIN_GROUP_SIZE ? figure : null;
}

/** A share (0–1, three decimals) of a group of at least five, unless the part itself is a small group. */
export function shownShare(part: number, whole: number): number | null {
  if (whole < MIN_GROUP_SIZE) return null;
  if (part > 0 && part < MIN_GROUP_SIZE) return null;
  return Math.round((part / whole) * 1000) / 1000;
}
