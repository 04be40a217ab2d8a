import type { Metric, Registry } from 'prom-client';
import type { Database } from '../../../lib/db';
import { CASE_STATUSES } from '../../../domain/status';
import { STAGES } from '../../../domain/stats/case-timeline';
import { ALIGNED_BOUNDS } from '../../../domain/stats/buckets';
import { refreshStatistics } from './refresh';
import { ALL_ROUNDS } from './rollup-sql';
import { RETENTION_RULES } from '../../../domain/retention';

// Process metrics read from the database at scrape time. The worker and the API can restart and
// run as several replicas; counting in the database means every replica reports the same totals
// and nothing is lost or counted twice across restarts.

type MetricType = 'counter' | 'gauge' | 'histogram';
interface Sample {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

/** A metric whose whole value set is computed on every scrape. */
function scrapeTimeMetric(name: string, help: string, type: MetricType, collect: () => Promise<Sample[]>): Metric {
  return {
    name,
    help,
    type,
    async get() {
      return { name, help, type, values: await collect(), aggregator: 'sum' };
    },
  } as unknown as Metric;
}

/** Stage histogram bounds: two and twelve hours, a day, two days, a week, two weeks, 30, 60, 90 days. */
export const STAGE_BUCKETS = ALIGNED_BOUNDS;

const OPEN_STATUSES = CASE_STATUSES.filter((status) => !['DECIDED', 'CLOSED', 'WITHDRAWN', 'LAPSED', 'GRANT_DECLINED', 'GRANT_LAPSED'].includes(status));

export function registerCaseMetrics(registry: Registry, db: Database): void {
  registry.registerMetric(
    scrapeTimeMetric('grantflow_applications_submitted_total', 'Applications submitted since the service started keeping cases', 'counter', async () => {
      const [row] = await db.$queryRawUnsafe<{ count: bigint }[]>(`SELECT count(*)::bigint AS count FROM applications WHERE submitted_at IS NOT NULL`);
      return [{ labels: {}, value: Number(row?.count ?? 0n) }];
    }),
  );

  registry.registerMetric(
    scrapeTimeMetric('grantflow_decisions_total', 'Decisions that took effect, by outcome', 'counter', async () => {
      const rows = await db.$queryRawUnsafe<{ outcome: string | null; count: bigint }[]>(
        `SELECT details->>'outcome' AS outcome, count(*)::bigint AS count FROM case_events
         WHERE type IN ('decided', 'decision_approved') GROUP BY 1`,
      );
      const counts = new Map<string, number>([['approved', 0], ['partially_approved', 0], ['rejected', 0]]);
      for (const row of rows) counts.set(row.outcome ?? 'unknown', (counts.get(row.outcome ?? 'unknown') ?? 0) + Number(row.count));
      return [...counts].map(([outcome, value]) => ({ labels: { outcome }, value }));
    }),
  );

  registry.registerMetric(
    scrapeTimeMetric('grantflow_cases_open', 'Cases not yet decided or still running after the decision, by status', 'gauge', async () => {
      const rows = await db.$queryRawUnsafe<{ status: string; count: bigint }[]>(
        `SELECT status::text AS status, count(*)::bigint AS count FROM applications WHERE status::text = ANY($1::text[]) GROUP BY 1`,
        OPEN_STATUSES,
      );
      const counts = new Map(rows.map((row) => [row.status, Number(row.count)]));
      return OPEN_STATUSES.map((status) => ({ labels: { status }, value: counts.get(status) ?? 0 }));
    }),
  );

  /** A gauge of the outbox's emails in the given statuses. */
  const outboxGauge = (name: string, help: string, statuses: string[]) =>
    registry.registerMetric(
      scrapeTimeMetric(name, help, 'gauge', async () => {
        const [row] = await db.$queryRawUnsafe<{ count: bigint }[]>(`SELECT count(*)::bigint AS count FROM outbox_emails WHERE status::text = ANY($1::text[])`, statuses);
        return [{ labels: {}, value: Number(row?.count ?? 0n) }];
      }),
    );
  outboxGauge('grantflow_email_outbox_pending', 'Emails waiting in the outbox to be sent, or being sent now', ['pending', 'sending']);
  outboxGauge(
    'grantflow_email_outbox_dead_letters',
    'Emails the outbox gave up on (status dead): retried OUTBOX_MAX_ATTEMPTS times, or refused for good by the SMTP server',
    ['dead'],
  );
  outboxGauge(
    'grantflow_email_outbox_uncertain',
    'Emails whose mailer stopped, or lost the connection, after the SMTP server may have taken them (status uncertain): never sent again until an admin resolves them',
    ['uncertain'],
  );

  registry.registerMetric(
    scrapeTimeMetric('grantflow_email_outbox_oldest_pending_seconds', 'Age of the oldest email still waiting in the outbox (0 when none)', 'gauge', async () => {
      const [row] = await db.$queryRawUnsafe<{ age: number | null }[]>(
        `SELECT extract(epoch FROM now() - min(created_at))::float8 AS age FROM outbox_emails WHERE status IN ('pending', 'sending')`,
      );
      return [{ labels: {}, value: Math.max(0, Number(row?.age ?? 0)) }];
    }),
  );

  // Buckets are read from the statistics rollup, whose durations are rounded down to buckets that
  // line up with every bound above, so "below the bound" is exact.
  registry.registerMetric(
    scrapeTimeMetric('grantflow_stage_duration_seconds', 'Time decided cases spent in each stage before the decision', 'histogram', async () => {
      await refreshStatistics(db);
      const rows = await db.$queryRawUnsafe<{ metric: string; bucket: number; cases: bigint; total: bigint }[]>(
        `SELECT metric, bucket, sum(cases)::bigint AS cases, sum(total)::bigint AS total FROM stats_rollup
         WHERE grain = 'month' AND round_id = $1::uuid AND metric LIKE 'stage:%' GROUP BY metric, bucket`,
        ALL_ROUNDS,
      );
      const samples: Sample[] = [];
      for (const stage of STAGES) {
        const of = rows.filter((row) => row.metric === `stage:${stage}`);
        for (const bound of STAGE_BUCKETS) {
          const value = of.reduce((sum, row) => sum + (row.bucket < bound ? Number(row.cases) : 0), 0);
          samples.push({ metricName: 'grantflow_stage_duration_seconds_bucket', labels: { stage, le: bound }, value });
        }
        const count = of.reduce((sum, row) => sum + Number(row.cases), 0);
        samples.push({ metricName: 'grantflow_stage_duration_seconds_bucket', labels: { stage, le: '+Inf' }, value: count });
        samples.push({ metricName: 'grantflow_stage_duration_seconds_sum', labels: { stage }, value: of.reduce((sum, row) => sum + Number(row.total), 0) });
        samples.push({ metricName: 'grantflow_stage_duration_seconds_count', labels: { stage }, value: count });
      }
      return samples;
    }),
  );
}

/** What the retention runs deleted or anonymised, read from the log each step writes with its change. */
export function registerRetentionMetrics(registry: Registry, db: Database): void {
  registry.registerMetric(
    scrapeTimeMetric('grantflow_retention_rows_total', 'Rows the retention runs deleted or anonymised, by kind of data and action (README "Retention")', 'counter', async () => {
      const rows = await db.$queryRawUnsafe<{ kind: string; action: string; count: bigint }[]>(
        `SELECT kind, action, sum(count)::bigint AS count FROM retention_log GROUP BY kind, action`,
      );
      const counts = new Map(rows.map((row) => [`${row.kind}:${row.action}`, Number(row.count)]));
      return RETENTION_RULES.map(({ kind, action }) => ({ labels: { kind, action }, value: counts.get(`${kind}:${action}`) ?? 0 }));
    }),
  );
  registry.registerMetric(
    scrapeTimeMetric('grantflow_retention_last_step_timestamp_seconds', 'When a retention run last finished a step (0 before the first run): alert when it is more than a couple of days old', 'gauge', async () => {
      const [row] = await db.$queryRawUnsafe<{ at: number | null }[]>(`SELECT extract(epoch FROM max(at))::float8 AS at FROM retention_log`);
      return [{ labels: {}, value: Number(row?.at ?? 0) }];
    }),
  );
}
