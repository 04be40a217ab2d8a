import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { createDatabase, type Database } from '../lib/db';
import { migrateDeploy } from '../infra/migrate';
import { PROJECT_ROOT } from '../infra/paths';
import { percentile } from '../domain/stats/percentile';
import { pgRunner, rebuildStatistics } from '../services/api/stats/refresh';
import { statsSummary, type SummaryQuery } from '../services/api/stats/summary';
import { applicationsSql, decisionsSql, draftsSql, eventsSql, planSql, reportsSql } from './seed-sql';

// npm run bench:stats — seeds a database of its own with 1,000,000 applications and about
// 10,000,000 events (BENCH_SCALE=0.01 for a quick run), then times the statistics summary for a
// year. Prints a table and writes the figures to bench/results/.
//
//   BENCH_DATABASE_URL  the database to (re)create; default: grantflow_bench on the server of
//                       DATABASE_URL, or postgresql://postgres@127.0.0.1:5432
//   BENCH_SCALE         fraction of the full size (default 1)
//   BENCH_RUNS          timed runs per scenario (default 50)
//   BENCH_REUSE=1       keep an already seeded database and only time the queries

const FULL_SIZE = 1_000_000;
const CHUNK = 100_000;

function benchDatabaseUrl(): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const url = new URL(process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres');
  url.pathname = '/grantflow_bench';
  return url.toString();
}

function log(message: string): void {
  process.stdout.write(`[bench] ${message}\n`);
}

async function timed<T>(what: string, work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  const seconds = (performance.now() - started) / 1000;
  log(`${what}: ${seconds.toFixed(1)} s`);
  return { value, seconds };
}

async function recreate(url: string): Promise<void> {
  const target = new URL(url);
  const database = target.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`Refusing an unusual database name: ${database}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
}

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
  const url = benchDatabaseUrl();
  const db = createDatabase(url);
  const setup: Record<string, number> = {};
  try {
    if (process.env.BENCH_REUSE !== '1') {
      log(`seeding ${applications.toLocaleString('en')} applications into ${new URL(url).pathname.slice(1)}`);
      await recreate(url);
      setup.migrate = (await timed('migrations', async () => migrateDeploy(url))).seconds;
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
    const results = [];
    for (const scenario of scenarios) {
      for (let i = 0; i < 5; i++) await statsSummary(db, scenario.query);
      const durations: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await statsSummary(db, scenario.query);
        durations.push(performance.now() - started);
      }
      results.push({
        scenario: scenario.name,
        runs,
        p50Ms: round2(percentile(durations, 0.5)!),
        p95Ms: round2(percentile(durations, 0.95)!),
        maxMs: round2(Math.max(...durations)),
      });
    }

    const lines = [
      '',
      `statistics summary, ${sizes.applications!.toLocaleString('en')} applications, ${sizes.events!.toLocaleString('en')} events, ${runs} runs each`,
      `machine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (1 / 5 / 15 min) at the end`,
      '',
      '| scenario | p50 ms | p95 ms | max ms |',
      '|---|---:|---:|---:|',
      ...results.map((r) => `| ${r.scenario} | ${r.p50Ms} | ${r.p95Ms} | ${r.maxMs} |`),
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');

    const folder = path.join(PROJECT_ROOT, 'bench', 'results');
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `stats-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, JSON.stringify({ measuredAt: new Date().toISOString(), scale, sizes, setupSeconds: setup, results, node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg() }, null, 2) + '\n');
    log(`results written to ${path.relative(PROJECT_ROOT, file)}`);
  } finally {
    await db.$disconnect();
  }
}

const round2 = (value: number) => Math.round(value * 100) / 100;

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
