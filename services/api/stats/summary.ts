import type { Database } from '../../../lib/db';
import type { Language } from '../../../lib/languages';
import { histogramPercentile } from '../../../domain/stats/percentile';
import { secondsToDays } from '../../../domain/stats/buckets';
import { STAGES, type Stage } from '../../../domain/stats/case-timeline';
import { caseFunnel, formFunnel } from '../../../domain/stats/funnel';
import { roundBudgetFigures } from '../../../domain/stats/round-budget';
import { ACTIVITY_TERMS, LONG_TERM_MONTHS } from '../../../domain/stats/activity-term';
import { cohortCounts, cohortGroups, cohortStates, groupFigures, KEY_FIGURE_METRICS, keyFigures, previousPeriod, shownKeyFigures, type GroupFigures, type ShownKeyFigures } from '../../../domain/stats/analysis';
import { MIN_GROUP_SIZE, shownCount, shownFigure, shownShare, type Count } from '../../../domain/stats/suppression';
import { DRAFT_POSITIONS } from '../../../domain/draft-steps';
import { t } from '../../../locale';
import { nameOf } from './labels';
import { formTimeByApplicant, type FormTimeGroup } from './form-time';
import { monthsOf, type StatsPeriod } from './period';
import { refreshStatistics, decisionTargetMs } from './refresh';
import { approvedStories, type Story } from './stories';
import { ALL_ROUNDS, SUBMITTED_DRAFT } from './rollup-sql';
import { monthlyRollupRows, periodFilter, Rollup, rollupRows, rollupRowsOf, type RollupRow } from './rollup-reader';

// The summary of a period (and optionally one round), read from the rollup. Every count of a
// group is shown as "<5" below five; every figure computed from fewer than five cases is null.
// Nothing here names a person or an association: stories are published anonymised, after review.
//
// Which cases each figure counts: durations, outcomes and reasons count the cases whose first
// decision fell in the period (when the association got its answer), with the outcome and amount
// of the decision in force now (after any reconsideration); the funnel, reach and the analysis
// count the cases submitted in the period, each where it stands now; the form counts the drafts
// started in the period; reports count by their due date.

export interface DurationFigures {
  cases: Count;
  medianDays: number | null;
  p90Days: number | null;
  meanDays: number | null;
}

export interface Breakdown {
  code: string;
  label: string;
  count: Count;
  share: number | null;
}

export interface StatsSummary {
  period: StatsPeriod;
  roundId: string | null;
  // The scheme the figures are cut to (its id), or null for every scheme.
  schemeId: string | null;
  minimumGroupSize: number;
  turnaround: {
    decided: Count;
    targetDays: number | null;
    withinTargetShare: number | null;
    total: DurationFigures;
    municipality: DurationFigures;
    /**
     * The cases that waited for the association (an information request or partshøring) and how
     * long: the same figures as the stage "applicant".
     */
    applicant: DurationFigures;
    /** Of all the days from submission to decision, the share the association had the case. */
    applicantShareOfTime: number | null;
  };
  /** The cases submitted in the period, where each stands now; and the drafts started in it. */
  funnel: {
    form: { started: Count; submitted: Count; stopped: Count };
    cases: { received: Count; decided: Count; granted: Count; rejected: Count; lapsed: Count; withdrawn: Count; open: Count };
  };
  stages: (DurationFigures & { stage: Stage; label: string })[];
  completeness: {
    decided: Count;
    completeFirstShare: number | null;
    requestsPerApplication: number | null;
    missingItems: Breakdown[];
    /** Items named fewer than five times, counted together (their wording is not shown). */
    otherMissingItems: Count;
  };
  dropOff: {
    draftsStarted: Count;
    draftsSubmitted: Count;
    draftsStopped: Count;
    stoppedAt: Breakdown[];
    medianFormMinutes: number | null;
    formTimeByApplicant: FormTimeGroup[];
    lapsed: Count;
    withdrawn: Count;
  };
  outcomes: {
    decided: Count;
    approvalRate: number | null;
    byOutcome: Breakdown[];
    reasons: Breakdown[];
    requestedKroner: number | null;
    grantedKroner: number | null;
    grantedShareOfRequested: number | null;
  };
  /**
   * Each round's budget beside what was asked for in all its applications and what its decisions
   * in force granted (since it opened; "in period": decided in the period).
   */
  budget: {
    roundId: string;
    roundName: string;
    budgetKroner: number;
    requestedKroner: number;
    grantedKroner: number;
    grantedInPeriodKroner: number;
    demandShare: number | null;
    usedShare: number | null;
    requestedOverBudgetKroner: number;
    overBudgetKroner: number;
  }[];
  reach: {
    submitted: Count;
    firstTime: Count;
    returning: Count;
    firstTimeShare: number | null;
    volunteers: Breakdown[];
    targetGroups: Breakdown[];
  };
  reporting: {
    due: Count;
    onTime: Count;
    late: Count;
    notYetSubmitted: Count;
    onTimeShare: number | null;
    remindersPerReport: number | null;
    medianDaysToSubmit: number | null;
    sentBack: Count;
    repayments: Count;
    repaidKroner: number | null;
  };
  monthly: {
    month: string;
    submitted: Count;
    decided: Count;
    medianTurnaroundDays: number | null;
    withinTargetShare: number | null;
    approvalRate: number | null;
  }[];
  /** The cases submitted in the period cut by association, activity period and target group, and the period before. */
  analysis: {
    associations: GroupFigures[];
    activityTerms: GroupFigures[];
    targetGroups: GroupFigures[];
    trend: { previousPeriod: StatsPeriod; current: ShownKeyFigures; previous: ShownKeyFigures };
  };
  stories: Story[];
}

function durationFigures(rollup: Rollup, metric: string): DurationFigures {
  const cases = rollup.count(metric);
  const histogram = rollup.histogram(metric);
  return {
    cases: shownCount(cases),
    medianDays: shownFigure(cases, secondsToDays(histogramPercentile(histogram, 0.5))),
    p90Days: shownFigure(cases, secondsToDays(histogramPercentile(histogram, 0.9))),
    meanDays: shownFigure(cases, cases ? secondsToDays(rollup.total(metric) / cases) : null),
  };
}

function breakdown(counts: Map<string, number>, whole: number, label: (code: string) => string, order?: readonly string[]): Breakdown[] {
  const entries = [...counts].filter(([, count]) => count > 0);
  if (order) entries.sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
  else entries.sort(([, a], [, b]) => b - a);
  return entries.map(([code, count]) => ({ code, label: label(code), count: shownCount(count), share: shownShare(count, whole) }));
}

const kroner = (ore: number) => Math.round(ore / 100);
const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

export interface SummaryQuery extends StatsPeriod {
  roundId?: string;
  /** Only the rounds of one scheme (its id). */
  schemeId?: string;
}

export async function statsSummary(db: Database, query: SummaryQuery, language: Language = 'da'): Promise<StatsSummary> {
  await refreshStatistics(db);
  const period = { from: query.from, to: query.to };
  const roundId = query.roundId ?? null;
  const schemeId = query.schemeId ?? null;
  const before = previousPeriod(period);
  const [rows, previousRows, monthlyRows, rounds, stories] = await Promise.all([
    rollupRows(db, period, roundId, schemeId),
    rollupRowsOf(db, before, roundId, KEY_FIGURE_METRICS, schemeId),
    monthlyRollupRows(db, period, roundId, schemeId),
    roundFigures(db, period, roundId, schemeId),
    approvedStories(db, period, roundId, 3, schemeId),
  ]);
  const rollup = new Rollup(rows);
  const drafts = draftFigures(rollup);
  const rowsByMonth = new Map<string, RollupRow[]>();
  for (const row of monthlyRows) {
    const list = rowsByMonth.get(row.month);
    if (list) list.push(row);
    else rowsByMonth.set(row.month, [row]);
  }

  const decided = rollup.count('decided');
  const withinTarget = rollup.count('within_target', 'true');
  const granted = (outcome: string) => rollup.count('decided', outcome);
  const approvals = granted('approved') + granted('partially_approved');
  const turnaroundTotal = rollup.total('turnaround');
  const selectedRound = roundId ? rounds.find((round) => round.id === roundId) : undefined;

  const missing = rollup.byKey('missing_item');
  const frequentItems = new Map([...missing].filter(([, count]) => count >= MIN_GROUP_SIZE));
  const rareItems = [...missing].reduce((sum, [, count]) => sum + (count < MIN_GROUP_SIZE ? count : 0), 0);
  const missingTotal = [...missing.values()].reduce((sum, count) => sum + count, 0);

  const submitted = rollup.count('submitted');
  const firstTime = cohortCounts(rollup, 'first_time').get('true') ?? 0;
  const cases = caseFunnel(cohortStates(rollup));
  const form = formFunnel(drafts.started, drafts.submitted);
  const reportsDue = rollup.count('report');
  const onTime = rollup.count('report', 'true');
  const late = rollup.count('report', 'false');
  const requestedDecided = rollup.total('decided_requested', 'approved') + rollup.total('decided_requested', 'partially_approved');
  const grantedDecided = rollup.total('decided');

  const criteriaLabels = new Map(rounds.flatMap((round) => round.criteria.map((c) => [c.code, c.label[language] ?? c.label.da ?? c.code] as const)));

  return {
    period,
    roundId,
    schemeId,
    minimumGroupSize: MIN_GROUP_SIZE,
    turnaround: {
      decided: shownCount(decided),
      targetDays: selectedRound ? secondsToDays(selectedRound.decisionTargetMs / 1000) : null,
      withinTargetShare: shownFigure(decided, ratio(withinTarget, decided)),
      total: durationFigures(rollup, 'turnaround'),
      municipality: durationFigures(rollup, 'municipality_time'),
      applicant: durationFigures(rollup, 'stage:applicant'),
      applicantShareOfTime: shownFigure(decided, ratio(rollup.total('stage:applicant'), turnaroundTotal)),
    },
    funnel: {
      form: { started: shownCount(form.started), submitted: shownCount(form.submitted), stopped: shownCount(form.stopped) },
      cases: {
        received: shownCount(cases.received),
        decided: shownCount(cases.decided),
        granted: shownCount(cases.granted),
        rejected: shownCount(cases.rejected),
        lapsed: shownCount(cases.lapsed),
        withdrawn: shownCount(cases.withdrawn),
        open: shownCount(cases.open),
      },
    },
    stages: STAGES.map((stage) => ({ stage, label: t(language, `common.stage.${stage}`), ...durationFigures(rollup, `stage:${stage}`) })),
    completeness: {
      decided: shownCount(decided),
      completeFirstShare: shownFigure(decided, ratio(rollup.count('complete_first', 'true'), decided)),
      requestsPerApplication: shownFigure(decided, ratio(rollup.total('complete_first'), decided)),
      missingItems: breakdown(frequentItems, missingTotal, (item) => item),
      otherMissingItems: shownCount(rareItems),
    },
    dropOff: {
      draftsStarted: shownCount(form.started),
      draftsSubmitted: shownCount(form.submitted),
      draftsStopped: shownCount(form.stopped),
      stoppedAt: breakdown(drafts.stoppedAt, form.stopped, (step) => nameOf(language, `common.formStep.${step}`, step), DRAFT_POSITIONS),
      medianFormMinutes: shownFigure(drafts.submitted, drafts.medianActiveSeconds === null ? null : Math.round(drafts.medianActiveSeconds / 6) / 10),
      formTimeByApplicant: formTimeByApplicant(rollup, language),
      lapsed: shownCount(cases.lapsed),
      withdrawn: shownCount(cases.withdrawn),
    },
    outcomes: {
      decided: shownCount(decided),
      approvalRate: shownFigure(decided, ratio(approvals, decided)),
      byOutcome: breakdown(rollup.byKey('decided'), decided, (outcome) => nameOf(language, `common.outcome.${outcome}`, outcome), ['approved', 'partially_approved', 'rejected']),
      reasons: breakdown(rollup.byKey('reason'), granted('rejected') + granted('partially_approved'), (code) => nameOf(language, `common.reason.${code}`, criteriaLabels.get(code) ?? code)),
      requestedKroner: shownFigure(decided, kroner(requestedDecided)),
      grantedKroner: shownFigure(decided, kroner(grantedDecided)),
      grantedShareOfRequested: shownFigure(decided, ratio(grantedDecided, requestedDecided)),
    },
    budget: rounds
      .filter((round) => round.id === roundId || (!roundId && round.inPeriod))
      .map((round) => ({
        roundId: round.id,
        roundName: round.name,
        ...roundBudgetFigures(round),
        grantedInPeriodKroner: kroner(round.grantedInPeriodOre),
      })),
    reach: {
      submitted: shownCount(submitted),
      firstTime: shownCount(firstTime),
      returning: shownCount(submitted - firstTime),
      firstTimeShare: shownFigure(submitted, ratio(firstTime, submitted)),
      volunteers: breakdown(rollup.byKey('volunteers'), submitted, (band) => band, ['1-5', '6-20', '21-50', '51+']),
      targetGroups: breakdown(cohortCounts(rollup, 'target_group'), submitted, (group) => nameOf(language, `common.targetGroup.${group}`, group)),
    },
    reporting: {
      due: shownCount(reportsDue),
      onTime: shownCount(onTime),
      late: shownCount(late),
      notYetSubmitted: shownCount(rollup.count('report', 'pending')),
      onTimeShare: shownFigure(onTime + late, ratio(onTime, onTime + late)),
      remindersPerReport: shownFigure(reportsDue, ratio(rollup.total('report'), reportsDue)),
      medianDaysToSubmit: durationFigures(rollup, 'report_days').medianDays,
      sentBack: shownCount(rollup.count('report_returned')),
      repayments: shownCount(rollup.count('repayment')),
      repaidKroner: shownFigure(rollup.count('repayment'), kroner(rollup.total('repayment'))),
    },
    monthly: monthsOf(period).map((month) => {
      const inMonth = new Rollup(rowsByMonth.get(month) ?? []);
      const decidedInMonth = inMonth.count('decided');
      const approved = inMonth.count('decided', 'approved') + inMonth.count('decided', 'partially_approved');
      return {
        month,
        submitted: shownCount(inMonth.count('submitted')),
        decided: shownCount(decidedInMonth),
        medianTurnaroundDays: shownFigure(decidedInMonth, secondsToDays(histogramPercentile(inMonth.histogram('turnaround'), 0.5))),
        withinTargetShare: shownFigure(decidedInMonth, ratio(inMonth.count('within_target', 'true'), decidedInMonth)),
        approvalRate: shownFigure(decidedInMonth, ratio(approved, decidedInMonth)),
      };
    }),
    analysis: analysisOf(rollup, new Rollup(previousRows), before, language),
    stories,
  };
}

function analysisOf(rollup: Rollup, previous: Rollup, before: StatsPeriod, language: Language): StatsSummary['analysis'] {
  const associations = cohortGroups(rollup, 'first_time');
  const terms = cohortGroups(rollup, 'activity_term');
  const groups = cohortGroups(rollup, 'target_group');
  return {
    associations: [
      groupFigures('new', t(language, 'stats.analysis.newAssociations'), associations.get('true')),
      groupFigures('returning', t(language, 'stats.analysis.returningAssociations'), associations.get('false')),
    ],
    activityTerms: ACTIVITY_TERMS.map((term) => groupFigures(term, t(language, `stats.analysis.term.${term}`, { months: LONG_TERM_MONTHS }), terms.get(term))),
    targetGroups: [...groups]
      .map(([group, figures]) => ({ group, figures, submitted: [...figures.byState.values()].reduce((sum, count) => sum + count, 0) }))
      .sort((a, b) => b.submitted - a.submitted || a.group.localeCompare(b.group))
      .map(({ group, figures }) => groupFigures(group, nameOf(language, `common.targetGroup.${group}`, group), figures)),
    trend: { previousPeriod: before, current: shownKeyFigures(keyFigures(rollup)), previous: shownKeyFigures(keyFigures(previous)) },
  };
}

interface DraftFigures { started: number; submitted: number; stoppedAt: Map<string, number>; medianActiveSeconds: number | null }

/** Drafts by the day they were started: submitted ones, the step the others stopped at, form time. */
function draftFigures(rollup: Rollup): DraftFigures {
  const byKey = rollup.byKey('draft');
  const submitted = byKey.get(SUBMITTED_DRAFT) ?? 0;
  byKey.delete(SUBMITTED_DRAFT);
  const stopped = [...byKey.values()].reduce((sum, count) => sum + count, 0);
  return { started: submitted + stopped, submitted, stoppedAt: byKey, medianActiveSeconds: histogramPercentile(rollup.histogram('draft_seconds'), 0.5) };
}

interface RoundFigures {
  id: string;
  name: string;
  budgetOre: number;
  requestedOre: number;
  grantedOre: number;
  grantedInPeriodOre: number;
  inPeriod: boolean;
  decisionTargetMs: number;
  criteria: { code: string; label: Partial<Record<Language, string>> }[];
}

/** Every round with its budget, what was asked for and granted in all, and what it granted in the period. */
async function roundFigures(db: Database, period: StatsPeriod, roundId: string | null, schemeId: string | null): Promise<RoundFigures[]> {
  const filter = periodFilter(period, 5);
  const rows = await db.$queryRawUnsafe<
    { id: string; name: string; budget_ore: bigint; process_settings: unknown; decision_criteria: unknown; requested: bigint | null; granted: bigint | null; granted_in_period: bigint | null; active: boolean }[]
  >(
    `SELECT r.id, r.name, r.budget_ore, r.process_settings, r.decision_criteria, g.requested, g.granted, p.granted_in_period,
            (p.granted_in_period IS NOT NULL OR (r.opens_at::date <= $3::date AND (r.closes_at IS NULL OR r.closes_at::date >= $2::date))) AS active
     FROM funding_rounds r
     LEFT JOIN (SELECT round_id, sum(total) FILTER (WHERE metric = 'submitted')::bigint AS requested, sum(total) FILTER (WHERE metric = 'decided')::bigint AS granted
                FROM stats_rollup
                WHERE grain = 'month' AND metric IN ('submitted', 'decided') AND round_id <> '${ALL_ROUNDS}'::uuid GROUP BY round_id) g ON g.round_id = r.id
     LEFT JOIN (SELECT round_id, sum(total)::bigint AS granted_in_period FROM stats_rollup
                WHERE metric = 'decided' AND round_id <> '${ALL_ROUNDS}'::uuid AND ${filter.sql} GROUP BY round_id) p ON p.round_id = r.id
     WHERE ($1::uuid IS NULL OR r.id = $1::uuid) AND ($4::uuid IS NULL OR r.scheme_id = $4::uuid)
     ORDER BY r.opens_at DESC, r.name`,
    roundId,
    period.from,
    period.to,
    schemeId,
    ...filter.params,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    budgetOre: Number(row.budget_ore),
    requestedOre: Number(row.requested ?? 0n),
    grantedOre: Number(row.granted ?? 0n),
    grantedInPeriodOre: Number(row.granted_in_period ?? 0n),
    inPeriod: row.active,
    decisionTargetMs: decisionTargetMs(row.process_settings),
    criteria: Array.isArray(row.decision_criteria) ? (row.decision_criteria as RoundFigures['criteria']) : [],
  }));
}
