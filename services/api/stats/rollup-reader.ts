import type { Database } from '../../../lib/db';
import type { HistogramEntry } from '../../../domain/stats/percentile';
import { periodRanges, type StatsPeriod } from './period';
import { ALL_ROUNDS } from './rollup-sql';

// Reading the rollup back: the rows of a period (and optionally one round), summed over its days
// and months, and the sums the summary asks of them.

export interface RollupRow {
  metric: string;
  key: string;
  bucket: number;
  cases: bigint;
  total: bigint;
}

export class Rollup {
  private readonly byMetric = new Map<string, RollupRow[]>();
  constructor(rows: RollupRow[]) {
    for (const row of rows) {
      const list = this.byMetric.get(row.metric);
      if (list) list.push(row);
      else this.byMetric.set(row.metric, [row]);
    }
  }
  of(metric: string): RollupRow[] {
    return this.byMetric.get(metric) ?? [];
  }
  count(metric: string, key?: string): number {
    return this.of(metric).reduce((sum, row) => sum + (key === undefined || row.key === key ? Number(row.cases) : 0), 0);
  }
  total(metric: string, key?: string): number {
    return this.of(metric).reduce((sum, row) => sum + (key === undefined || row.key === key ? Number(row.total) : 0), 0);
  }
  byKey(metric: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const row of this.of(metric)) counts.set(row.key, (counts.get(row.key) ?? 0) + Number(row.cases));
    return counts;
  }
  histogram(metric: string): HistogramEntry[] {
    return this.of(metric).map((row) => ({ value: row.bucket, count: Number(row.cases) }));
  }
}

const ROUND_FILTER = `round_id = coalesce($1::uuid, '${ALL_ROUNDS}'::uuid)`;

/** The rows of one scheme's rounds (parameter `$n`), or of the round `$1` if it is in the scheme. */
function scopeFilter(schemeId: string | null, n: number): string {
  return schemeId ? `round_id IN (SELECT id FROM funding_rounds WHERE scheme_id = $${n}::uuid AND ($1::uuid IS NULL OR id = $1::uuid))` : ROUND_FILTER;
}

/**
 * The period as a WHERE clause over the rollup (month rows for whole months, day rows at the
 * edges) with its parameters numbered from `first`; only the parts the period needs, so the
 * planner gets a simple range.
 */
export function periodFilter(period: StatsPeriod, first: number): { sql: string; params: string[] } {
  const ranges = periodRanges(period);
  const parts: string[] = [];
  const params: string[] = [];
  const range = (grain: string, from: string, to: string, inclusive: boolean) => {
    params.push(from, to);
    parts.push(`(grain = '${grain}' AND period_start >= $${first + params.length - 2}::date AND period_start ${inclusive ? '<=' : '<'} $${first + params.length - 1}::date)`);
  };
  if (ranges.monthsFrom < ranges.monthsTo) {
    range('month', ranges.monthsFrom, ranges.monthsTo, false);
    if (ranges.from < ranges.monthsFrom) range('day', ranges.from, ranges.monthsFrom, false);
    if (ranges.monthsTo <= ranges.to) range('day', ranges.monthsTo, ranges.to, true);
  } else {
    range('day', ranges.from, ranges.to, true);
  }
  return { sql: parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`, params };
}

export async function rollupRows(db: Database, period: StatsPeriod, roundId: string | null, schemeId: string | null = null): Promise<RollupRow[]> {
  const filter = periodFilter(period, 2);
  return db.$queryRawUnsafe<RollupRow[]>(
    `SELECT metric, key, bucket, sum(cases)::bigint AS cases, sum(total)::bigint AS total
     FROM stats_rollup WHERE ${scopeFilter(schemeId, 2 + filter.params.length)} AND ${filter.sql}
     GROUP BY metric, key, bucket`,
    roundId,
    ...filter.params,
    ...(schemeId ? [schemeId] : []),
  );
}

/** Only the given metrics' rows of a period (the period before is compared on a few figures). */
export async function rollupRowsOf(db: Database, period: StatsPeriod, roundId: string | null, metrics: readonly string[], schemeId: string | null = null): Promise<RollupRow[]> {
  const filter = periodFilter(period, 3);
  return db.$queryRawUnsafe<RollupRow[]>(
    `SELECT metric, key, bucket, sum(cases)::bigint AS cases, sum(total)::bigint AS total
     FROM stats_rollup WHERE ${scopeFilter(schemeId, 3 + filter.params.length)} AND metric = ANY($2::text[]) AND ${filter.sql}
     GROUP BY metric, key, bucket`,
    roundId,
    metrics,
    ...filter.params,
    ...(schemeId ? [schemeId] : []),
  );
}

const MONTHLY_METRICS = ['submitted', 'decided', 'within_target', 'turnaround'];

export async function monthlyRollupRows(db: Database, period: StatsPeriod, roundId: string | null, schemeId: string | null = null): Promise<(RollupRow & { month: string })[]> {
  const filter = periodFilter(period, 3);
  return db.$queryRawUnsafe<(RollupRow & { month: string })[]>(
    `SELECT to_char(period_start, 'YYYY-MM') AS month, metric, key, bucket, sum(cases)::bigint AS cases, sum(total)::bigint AS total
     FROM stats_rollup WHERE ${scopeFilter(schemeId, 3 + filter.params.length)} AND metric = ANY($2::text[]) AND ${filter.sql}
     GROUP BY 1, metric, key, bucket`,
    roundId,
    MONTHLY_METRICS,
    ...filter.params,
    ...(schemeId ? [schemeId] : []),
  );
}
