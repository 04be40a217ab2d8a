import { durationBucketSql } from '../../../domain/stats/buckets';
import { COHORT_DIMENSIONS, cohortGrantedMetric, cohortMetric, type CohortDimension } from '../../../domain/stats/analysis';

// The pre-aggregation: every fact of a case becomes (day, round, metric, key, bucket, cases, total)
// rows, counted per day; month rows are the sums of their days. The summary reads only these.

const hist = (column: string) => `${durationBucketSql(column)}`;

const DIMENSION_COLUMN: Record<CohortDimension, string> = { first_time: 'f.first_time::text', activity_term: 'f.activity_term', target_group: 'f.target_group' };

/**
 * The cases submitted on a day, by where each stands now, cut by each dimension: one cohort,
 * so a funnel read from it cannot grow from one step to the next. The total is the amount asked
 * for; the granted amounts (decisions in force) have rows of their own.
 */
const COHORT_ROWS = COHORT_DIMENSIONS.map(
  (dimension) => `
    (f.submitted_day, '${cohortMetric(dimension)}', ${DIMENSION_COLUMN[dimension]} || '|' || f.case_state, 0, f.amount_requested_ore, true),
    (f.submitted_day, '${cohortGrantedMetric(dimension)}', ${DIMENSION_COLUMN[dimension]}, 0, coalesce(f.amount_granted_ore, 0), f.case_state IN ('approved', 'partially_approved')),`,
).join('');

/** Rows of one fact each, for the cases whose metric days fall in `$1` (dates), or all cases. */
function factRowsSql(onlyDays: boolean): string {
  const dayFilter = onlyDays ? 'AND m.day = ANY($1::date[])' : '';
  return `
  SELECT m.day, f.round_id, m.metric, m.key, m.bucket, m.total
  FROM stats_case_facts f
  CROSS JOIN LATERAL (VALUES
    (f.submitted_day, 'submitted', '', 0, f.amount_requested_ore, true),
${COHORT_ROWS}
    (f.submitted_day, 'volunteers',
      CASE WHEN f.volunteers <= 5 THEN '1-5' WHEN f.volunteers <= 20 THEN '6-20' WHEN f.volunteers <= 50 THEN '21-50' ELSE '51+' END,
      0, f.volunteers::bigint, true),
    (f.decided_day, 'decided', f.outcome, 0, coalesce(f.amount_granted_ore, 0), true),
    (f.decided_day, 'decided_requested', f.outcome, 0, f.amount_requested_ore, true),
    (f.decided_day, 'complete_first', (f.information_requests = 0)::text, 0, f.information_requests::bigint, true),
    (f.decided_day, 'within_target', f.within_target::text, 0, 0::bigint, f.within_target IS NOT NULL),
    (f.decided_day, 'turnaround', '', ${hist('f.turnaround_seconds')}, f.turnaround_seconds::bigint, f.turnaround_seconds IS NOT NULL),
    (f.decided_day, 'municipality_time', '', ${hist('(f.turnaround_seconds - coalesce(f.applicant_seconds, 0))')},
      (f.turnaround_seconds - coalesce(f.applicant_seconds, 0))::bigint, f.turnaround_seconds IS NOT NULL),
    (f.decided_day, 'stage:screening', '', ${hist('f.screening_seconds')}, f.screening_seconds::bigint, f.screening_seconds IS NOT NULL),
    (f.decided_day, 'stage:queue', '', ${hist('f.queue_seconds')}, f.queue_seconds::bigint, f.queue_seconds IS NOT NULL),
    (f.decided_day, 'stage:round_wait', '', ${hist('f.round_wait_seconds')}, f.round_wait_seconds::bigint, f.round_wait_seconds IS NOT NULL),
    (f.decided_day, 'stage:review', '', ${hist('f.review_seconds')}, f.review_seconds::bigint, f.review_seconds IS NOT NULL),
    (f.decided_day, 'stage:approval', '', ${hist('f.approval_seconds')}, f.approval_seconds::bigint, f.approval_seconds IS NOT NULL),
    (f.decided_day, 'stage:applicant', '', ${hist('f.applicant_seconds')}, f.applicant_seconds::bigint, f.applicant_seconds IS NOT NULL),
    (f.report_due_day, 'report', coalesce(f.report_on_time::text, 'pending'), 0, f.report_reminders::bigint, true),
    (f.report_due_day, 'report_days', '', ${hist('f.report_seconds')}, f.report_seconds::bigint, f.report_seconds IS NOT NULL),
    (f.report_due_day, 'report_returned', '', 0, f.reports_returned::bigint, f.reports_returned > 0),
    (f.report_due_day, 'repayment', '', 0, f.repayment_ore, coalesce(f.repayment_ore, 0) > 0)
  ) AS m(day, metric, key, bucket, total, present)
  WHERE m.day IS NOT NULL AND m.present ${dayFilter}
  UNION ALL
  SELECT f.submitted_day, f.round_id, 'missing_item', item, 0, 0::bigint
  FROM stats_case_facts f CROSS JOIN LATERAL unnest(f.missing_items) AS item
  WHERE true ${onlyDays ? 'AND f.submitted_day = ANY($1::date[])' : ''}
  UNION ALL
  SELECT f.decided_day, f.round_id, 'reason', code, 0, 0::bigint
  FROM stats_case_facts f CROSS JOIN LATERAL unnest(f.reason_codes) AS code
  WHERE f.decided_day IS NOT NULL ${onlyDays ? 'AND f.decided_day = ANY($1::date[])' : ''}
  UNION ALL
  SELECT d.day, d.round_id, m.metric, m.key, m.bucket, m.total
  FROM (SELECT (created_at AT TIME ZONE '${TIME_ZONE}')::date AS day, round_id, furthest_step, submitted_at, returning_applicant,
               (SELECT coalesce(sum(value::numeric), 0)::bigint FROM jsonb_each_text(
                 CASE WHEN jsonb_typeof(step_seconds) = 'object' THEN step_seconds ELSE '{}'::jsonb END)) AS seconds
        FROM application_drafts) AS d
  CROSS JOIN LATERAL (VALUES
    ('draft', CASE WHEN d.submitted_at IS NULL THEN d.furthest_step ELSE '${SUBMITTED_DRAFT}' END, 0, d.seconds, true),
    ('draft_seconds', '', (d.seconds / 60 * 60)::int, d.seconds, d.submitted_at IS NOT NULL),
    ('${FORM_TIME_BY_APPLICANT}', CASE WHEN d.returning_applicant THEN 'returning' ELSE 'first' END, (d.seconds / 60 * 60)::int, d.seconds,
      d.submitted_at IS NOT NULL AND d.returning_applicant IS NOT NULL)
  ) AS m(metric, key, bucket, total, present)
  WHERE m.present ${onlyDays ? 'AND d.day = ANY($1::date[])' : ''}`;
}

/** Submitted drafts' active seconds by whether the association applied before (`first` / `returning`). */
export const FORM_TIME_BY_APPLICANT = 'draft_seconds_by_applicant';

/** Drafts are counted by the day they were started, in the municipality's time zone. */
export const TIME_ZONE = 'Europe/Copenhagen';
/** The key of submitted drafts in the "draft" metric (other keys are the step a draft stopped at). */
export const SUBMITTED_DRAFT = '(submitted)';

/** The round_id of rows that add up every round (most views show all rounds: one row instead of many). */
export const ALL_ROUNDS = '00000000-0000-0000-0000-000000000000';

const DAY_ROWS_SQL = (onlyDays: boolean) => `
  WITH facts AS (${factRowsSql(onlyDays)}),
  per_round AS (
    SELECT day, round_id, metric, key, bucket, count(*) AS cases, coalesce(sum(total), 0) AS total
    FROM facts GROUP BY day, round_id, metric, key, bucket)
  INSERT INTO stats_rollup (grain, period_start, round_id, metric, key, bucket, cases, total)
  SELECT 'day', day, round_id, metric, key, bucket, cases, total FROM per_round
  UNION ALL
  SELECT 'day', day, '${ALL_ROUNDS}'::uuid, metric, key, bucket, sum(cases), sum(total) FROM per_round GROUP BY day, metric, key, bucket`;

/** Re-counts the day rows of the given days ($1), then the month rows of their months. */
export const REBUILD_DAYS_SQL = [
  `DELETE FROM stats_rollup WHERE grain = 'day' AND period_start = ANY($1::date[])`,
  DAY_ROWS_SQL(true),
  `DELETE FROM stats_rollup WHERE grain = 'month' AND period_start = ANY(SELECT DISTINCT date_trunc('month', d)::date FROM unnest($1::date[]) AS d)`,
  `INSERT INTO stats_rollup (grain, period_start, round_id, metric, key, bucket, cases, total)
   SELECT 'month', date_trunc('month', period_start)::date, round_id, metric, key, bucket, sum(cases), sum(total)
   FROM stats_rollup
   WHERE grain = 'day' AND period_start >= (SELECT min(date_trunc('month', d))::date FROM unnest($1::date[]) AS d)
     AND date_trunc('month', period_start)::date = ANY(SELECT DISTINCT date_trunc('month', d)::date FROM unnest($1::date[]) AS d)
   GROUP BY 2, round_id, metric, key, bucket`,
];

/** Re-counts everything from the facts (after a bulk load). */
export const REBUILD_ALL_SQL = [
  `TRUNCATE stats_rollup`,
  DAY_ROWS_SQL(false),
  `INSERT INTO stats_rollup (grain, period_start, round_id, metric, key, bucket, cases, total)
   SELECT 'month', date_trunc('month', period_start)::date, round_id, metric, key, bucket, sum(cases), sum(total)
   FROM stats_rollup WHERE grain = 'day' GROUP BY 2, round_id, metric, key, bucket`,
];
