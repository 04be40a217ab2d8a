import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { createDatabase, type Database } from '../lib/db';
import { pgRunner, rebuildStatistics } from '../services/api/stats/refresh';
import { statsSummary, type SummaryQuery } from '../services/api/stats/summary';
import { latencyColumns, log, printTable, timed, runBenchmark, writeResults } from './support/output';
import { startBenchStack } from './support/stack';
import { applicationsSql, decisionsSql, draftsSql, eventsSql, planSql, reportsSql } from './seed-sql';

// npm run bench:stats — seeds a database of its own with 1,000,000 applications and about
// 10,000,000 events (BENCH_SCALE=0.01 for a quick run), then times the statistics summary for a
// year. Prints a table and writes the figures to bench/results/. The database is
// grantflow_bench_stats, on DATABASE_URL's server or on embedded PostgreSQL as `npm start` runs it.
//
//   BENCH_SCALE         fraction of the full size (default 1)
//   BENCH_RUNS          timed runs per scenario (default 50)
//   BENCH_REUSE=1       keep an already seeded database and only time the queries

const FULL_SIZE = 1_000_000;
const CHUNK = 100_000;

/** Secondary indexes are dropped during the bulk load and built again after it (much faster). */
async function withoutSecondaryIndexes(client: Client, tables: string[], load: () => Promise<void>): Promise<void> {
  const { rows } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [tables],
  );
  for (const index of rows) await client.query(`DROP INDEX "${index.indexname}"`);
  await load();
  for (const index of rows) await client.query(index.indexdef);
}

async function seed(url: string, applications: number): Promise<Record<string, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const seconds: Record<string, number> = {};
  try {
    await client.query(`SET synchronous_commit = off`);
    for (const sql of planSql(applications)) await client.query(sql);
    const tables = ['applications', 'case_events', 'decisions', 'follow_up_reports', 'application_drafts'];
    const load = await timed('bulk load (applications, events, decisions, reports, drafts)', () =>
      withoutSecondaryIndexes(client, tables, async () => {
        for (let from = 1; from <= applications; from += CHUNK) {
          const to = Math.min(applications, from + CHUNK - 1);
          for (const sql of [applicationsSql(from, to), eventsSql(from, to), decisionsSql(from, to), reportsSql(from, to), draftsSql(from, to)]) await client.query(sql);
          log(`  ${to.toLocaleString('en')} of ${applications.toLocaleString('en')} applications`);
        }
      }),
    );
    seconds.bulkLoad = load.seconds;
    await client.query(`DROP TABLE bench_plan`);
    seconds.analyze = (await timed('VACUUM ANALYZE', () => client.query(`VACUUM ANALYZE`))).seconds;
  } finally {
    await client.end();
  }
  return seconds;
}

async function counts(db: Database): Promise<Record<string, number>> {
  const [row] = await db.$queryRawUnsafe<Record<string, bigint>[]>(
    `SELECT (SELECT count(*) FROM applications) AS applications, (SELECT count(*) FROM case_events) AS events,
            (SELECT count(*) FROM application_drafts) AS drafts, (SELECT count(*) FROM stats_rollup) AS rollup_rows,
            (SELECT count(*) FROM stats_rollup WHERE grain = 'month' AND period_start >= '2025-01-01' AND period_start < '2026-01-01') AS rollup_rows_read_for_the_year`,
  );
  return Object.fromEntries(Object.entries(row!).map(([key, value]) => [key, Number(value)]));
}

interface Scenario {
  name: string;
  query: SummaryQuery;
}

async function main(): Promise<void> {
  const scale = Number(process.env.BENCH_SCALE ?? '1');
  const runs = Number(process.env.BENCH_RUNS ?? '50');
  if (!(scale > 0 && scale <= 1) || !(runs >= 1)) throw new Error('BENCH_SCALE must be in (0, 1] and BENCH_RUNS at least 1');
  const applications = Math.round(FULL_SIZE * scale);
  const reuse = process.env.BENCH_REUSE === '1';
  const stack = await startBenchStack('stats', { temporal: false, smtp: false, database: reuse ? 'keep' : 'fresh' });
  const url = stack.databaseUrl;
  const db = createDatabase(url);
  const setup: Record<string, number> = {};
  try {
    if (!reuse) {
      log(`seeding ${applications.toLocaleString('en')} applications`);
      Object.assign(setup, await seed(url, applications));
      let lastShown = 0;
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        setup.statisticsRebuild = (
          await timed('statistics rebuilt from the events (facts per case, then rollups)', () =>
            rebuildStatistics(pgRunner(client), (done, total) => {
              if (done - lastShown >= 100_000 || done === total) {
                lastShown = done;
                log(`  facts for ${done.toLocaleString('en')} of ${total.toLocaleString('en')} cases`);
              }
            }),
          )
        ).seconds;
      } finally {
        await client.end();
      }
      await db.$executeRawUnsafe(`VACUUM ANALYZE stats_rollup`);
      await db.$executeRawUnsafe(`VACUUM ANALYZE stats_case_facts`);
    }
    const sizes = await counts(db);
    log(`database: ${JSON.stringify(sizes)}`);

    const [round] = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM funding_rounds ORDER BY slug LIMIT 1`);
    const scenarios: Scenario[] = [
      { name: 'year 2025, all rounds', query: { from: '2025-01-01', to: '2025-12-31' } },
      { name: 'year 2025, one round', query: { from: '2025-01-01', to: '2025-12-31', roundId: round!.id } },
      { name: '2025-01-15 – 2025-12-14 (edge days)', query: { from: '2025-01-15', to: '2025-12-14' } },
    ];
    const results: Record<string, string | number>[] = [];
    for (const scenario of scenarios) {
      for (let i = 0; i < 5; i++) await statsSummary(db, scenario.query);
      const durations: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await statsSummary(db, scenario.query);
        durations.push(performance.now() - started);
      }
      results.push({ scenario: scenario.name, runs, ...latencyColumns(durations) });
    }
    printTable(`statistics summary, ${sizes.applications!.toLocaleString('en')} applications, ${sizes.events!.toLocaleString('en')} events`, results);
    const yearP95 = results[0]!['p95 ms'] as number;
    writeResults(
      'stats',
      [
        { figure: `statistics summary for a year at ${sizes.applications!.toLocaleString('en')} applications, p95`, value: `${yearP95} ms`, goal: '≤ 100 ms', met: yearP95 <= 100 },
        ...(setup.statisticsRebuild ? [{ figure: 'statistics rebuilt from every event', value: `${Math.round(setup.statisticsRebuild)} s`, goal: '–', met: null }] : []),
      ],
      { scale, sizes, setupSeconds: setup, results },
    );
  } finally {
    await db.$disconnect();
    await stack.stop();
  }
}

runBenchmark(main);
