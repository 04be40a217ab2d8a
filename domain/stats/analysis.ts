import { CASE_STATES, type CaseState } from './case-timeline';
import { histogramPercentile, type HistogramEntry } from './percentile';
import { secondsToDays } from './buckets';
import { shownCount, shownFigure, shownShare, type Count } from './suppression';

// The answers to the questions the guidance for politicians asks, from the cases submitted in a
// period: who applies (new or returning associations, by CVR number), for what (long-term or
// shorter activities; target groups), how much is asked and granted, and how the period compares
// with the one before it. Every figure is read from the same statistics rollup as the dashboard.

/** What the analysis reads from the rollup (services/api/stats/rollup-reader.ts). */
export interface RollupCounts {
  count(metric: string, key?: string): number;
  total(metric: string, key?: string): number;
  byKey(metric: string): Map<string, number>;
  histogram(metric: string): HistogramEntry[];
}

/** The ways the cohort is cut: each a rollup metric `cohort:<dimension>` keyed `<value>|<state>`. */
export const COHORT_DIMENSIONS = ['first_time', 'activity_term', 'target_group'] as const;
export type CohortDimension = (typeof COHORT_DIMENSIONS)[number];

export const cohortMetric = (dimension: CohortDimension) => `cohort:${dimension}`;
export const cohortGrantedMetric = (dimension: CohortDimension) => `cohort_granted:${dimension}`;
export const cohortKey = (value: string, state: CaseState) => `${value}|${state}`;

interface CohortGroup {
  byState: Map<CaseState, number>;
  requestedOre: number;
  grantedOre: number;
}

/** The cohort's cases per value of a dimension, by where each stands now, with the money asked and granted. */
export function cohortGroups(rollup: RollupCounts, dimension: CohortDimension): Map<string, CohortGroup> {
  const groups = new Map<string, CohortGroup>();
  const group = (value: string) => {
    let found = groups.get(value);
    if (!found) groups.set(value, (found = { byState: new Map(), requestedOre: 0, grantedOre: 0 }));
    return found;
  };
  for (const [key, count] of rollup.byKey(cohortMetric(dimension))) {
    const cut = key.lastIndexOf('|');
    const state = key.slice(cut + 1) as CaseState;
    if (!CASE_STATES.includes(state)) continue;
    const entry = group(key.slice(0, cut));
    entry.byState.set(state, (entry.byState.get(state) ?? 0) + count);
    entry.requestedOre += rollup.total(cohortMetric(dimension), key);
  }
  for (const value of rollup.byKey(cohortGrantedMetric(dimension)).keys()) group(value).grantedOre += rollup.total(cohortGrantedMetric(dimension), value);
  return groups;
}

/** The cohort's cases per value of a dimension (every state together). */
export function cohortCounts(rollup: RollupCounts, dimension: CohortDimension): Map<string, number> {
  return new Map([...cohortGroups(rollup, dimension)].map(([value, group]) => [value, [...group.byState.values()].reduce((sum, count) => sum + count, 0)]));
}

/** The cohort's cases by where each stands now (every value of a dimension together). */
export function cohortStates(rollup: RollupCounts): Map<CaseState, number> {
  const states = new Map<CaseState, number>();
  for (const group of cohortGroups(rollup, 'target_group').values()) for (const [state, count] of group.byState) states.set(state, (states.get(state) ?? 0) + count);
  return states;
}

/** One group of the cohort as it may be shown. */
export interface GroupFigures {
  code: string;
  label: string;
  submitted: Count;
  decided: Count;
  granted: Count;
  /** Granted of decided (decisions in force). */
  approvalRate: number | null;
  requestedKroner: number | null;
  grantedKroner: number | null;
}

const kroner = (ore: number) => Math.round(ore / 100);

export function groupFigures(code: string, label: string, group: CohortGroup | undefined): GroupFigures {
  const of = (state: CaseState) => group?.byState.get(state) ?? 0;
  const granted = of('approved') + of('partially_approved');
  const decided = granted + of('rejected');
  const submitted = [...(group?.byState.values() ?? [])].reduce((sum, count) => sum + count, 0);
  return {
    code,
    label,
    submitted: shownCount(submitted),
    decided: shownCount(decided),
    granted: shownCount(granted),
    approvalRate: shownShare(granted, decided),
    requestedKroner: shownFigure(submitted, kroner(group?.requestedOre ?? 0)),
    grantedKroner: shownFigure(granted, kroner(group?.grantedOre ?? 0)),
  };
}

/** The figures a period is compared on, as raw numbers (shown with suppression by `shownKeyFigures`). */
export interface KeyFigures {
  submitted: number;
  /** Cases whose first decision fell in the period. */
  decided: number;
  granted: number;
  medianTurnaroundSeconds: number | null;
  /** Asked for in the applications submitted in the period. */
  requestedOre: number;
  /** Granted (decisions in force) in the cases decided in the period. */
  grantedOre: number;
  firstTime: number;
}

/** The rollup metrics `keyFigures` reads. */
export const KEY_FIGURE_METRICS = ['submitted', 'decided', 'turnaround', cohortMetric('first_time')] as const;

export function keyFigures(rollup: RollupCounts): KeyFigures {
  return {
    submitted: rollup.count('submitted'),
    decided: rollup.count('decided'),
    granted: rollup.count('decided', 'approved') + rollup.count('decided', 'partially_approved'),
    medianTurnaroundSeconds: histogramPercentile(rollup.histogram('turnaround'), 0.5),
    requestedOre: rollup.total('submitted'),
    grantedOre: rollup.total('decided'),
    firstTime: cohortCounts(rollup, 'first_time').get('true') ?? 0,
  };
}

export interface ShownKeyFigures {
  submitted: Count;
  decided: Count;
  approvalRate: number | null;
  medianTurnaroundDays: number | null;
  requestedKroner: number | null;
  grantedKroner: number | null;
  firstTimeShare: number | null;
}

export function shownKeyFigures(figures: KeyFigures): ShownKeyFigures {
  const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);
  return {
    submitted: shownCount(figures.submitted),
    decided: shownCount(figures.decided),
    approvalRate: shownFigure(figures.decided, ratio(figures.granted, figures.decided)),
    medianTurnaroundDays: shownFigure(figures.decided, secondsToDays(figures.medianTurnaroundSeconds)),
    requestedKroner: shownFigure(figures.submitted, kroner(figures.requestedOre)),
    grantedKroner: shownFigure(figures.decided, kroner(figures.grantedOre)),
    firstTimeShare: shownFigure(figures.submitted, ratio(figures.firstTime, figures.submitted)),
  };
}

/**
 * The period just before, of the same length: whole months shift by their number of months (a
 * year against the year before, a quarter against the quarter before), other periods by days.
 */
export function previousPeriod(period: { from: string; to: string }): { from: string; to: string } {
  const DAY = 86_400_000;
  const from = new Date(`${period.from}T00:00:00Z`);
  const afterTo = new Date(Date.parse(`${period.to}T00:00:00Z`) + DAY);
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  if (from.getUTCDate() === 1 && afterTo.getUTCDate() === 1) {
    const months = (afterTo.getUTCFullYear() - from.getUTCFullYear()) * 12 + afterTo.getUTCMonth() - from.getUTCMonth();
    return { from: iso(new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() - months, 1))), to: iso(new Date(from.getTime() - DAY)) };
  }
  const length = Math.round((afterTo.getTime() - from.getTime()) / DAY);
  return { from: iso(new Date(from.getTime() - length * DAY)), to: iso(new Date(from.getTime() - DAY)) };
}
