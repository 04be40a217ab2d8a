import fs from 'node:fs';
import path from 'node:path';
import { ensureTemporalServer } from '../../infra/cluster/binaries';
import { postgresServerOf, prepareTemporalDatabases, startTemporalServer } from '../../infra/cluster/temporal-server';
import { startTemporalDevServer } from '../../infra/temporal-dev-server';
import { adminQuery, dropDatabase, withDatabase } from '../../tests/support/database';
import { log } from './output';

// The Temporal a benchmark runs against. BENCH_TOPOLOGY=dev (the default) starts the CLI's dev
// server on SQLite, as `npm start` does; BENCH_TOPOLOGY=cluster starts the Temporal server on the
// benchmark's PostgreSQL, as `npm run start:cluster` and production do, so the per-case CPU
// breakdown shows what the real server and its database cost.

export type BenchTopology = 'dev' | 'cluster';

export function benchTopology(): BenchTopology {
  const value = process.env.BENCH_TOPOLOGY ?? 'dev';
  if (value !== 'dev' && value !== 'cluster') throw new Error(`BENCH_TOPOLOGY must be "dev" or "cluster", not "${value}"`);
  return value;
}

export interface BenchTemporal {
  address: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * BENCH_TEMPORAL_SYNCHRONOUS_COMMIT=off measures how much of the cluster's latency is the wait for
 * the disk to flush each of the Temporal server's commits. Not a setting for production: a
 * database crash would lose the last moments of acknowledged workflow history.
 */
function temporalSynchronousCommit(): string | undefined {
  const value = process.env.BENCH_TEMPORAL_SYNCHRONOUS_COMMIT;
  if (value === undefined || value === '') return undefined;
  if (!['on', 'off', 'local'].includes(value)) throw new Error(`BENCH_TEMPORAL_SYNCHRONOUS_COMMIT must be on, off or local, not "${value}"`);
  return value;
}

/** Starts the Temporal of the chosen topology for benchmark `name`, with nothing left from an earlier run. */
export async function startBenchTemporal(name: string, dataFolder: string, postgresUrl: string): Promise<BenchTemporal> {
  if (benchTopology() === 'dev') {
    const dbFile = path.join(dataFolder, 'temporal.sqlite');
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${dbFile}${suffix}`, { force: true });
    log('starting a Temporal dev server (SQLite under .data/bench)');
    const server = await startTemporalDevServer({
      dbFile,
      headless: true,
      output: (line) => /level=(ERROR|FATAL)/.test(line) && process.stderr.write(`[temporal] ${line}\n`),
    });
    return { address: server.address, pid: server.process.child.pid, stop: server.stop };
  }

  const binaries = await ensureTemporalServer((line) => log(`[temporal-server] ${line}`));
  const databases = { temporal: `grantflow_bench_${name}_temporal`, visibility: `grantflow_bench_${name}_temporal_visibility` };
  const admin = withDatabase(postgresUrl, 'postgres');
  for (const database of Object.values(databases)) await dropDatabase(admin, withDatabase(postgresUrl, database));
  await prepareTemporalDatabases(binaries, postgresServerOf(postgresUrl), databases, log);
  const synchronousCommit = temporalSynchronousCommit();
  if (synchronousCommit) {
    for (const database of Object.values(databases)) await adminQuery(admin, `ALTER DATABASE ${database} SET synchronous_commit = ${synchronousCommit}`);
    log(`the Temporal databases commit with synchronous_commit = ${synchronousCommit}`);
  }
  const historyShards = Number(process.env.TEMPORAL_HISTORY_SHARDS ?? '4');
  fs.rmSync(path.join(dataFolder, 'temporal-server.log'), { force: true });
  log(`starting the Temporal server on PostgreSQL (${historyShards} history shards; its log in ${path.relative(process.cwd(), dataFolder)}/temporal-server.log)`);
  const server = await startTemporalServer({
    binaries,
    postgres: postgresServerOf(postgresUrl),
    databases,
    dataDir: path.join(dataFolder, 'temporal-server'),
    historyShards,
    namespace: 'default',
    // Its log goes to a file: while it stops, it logs errors about its own departing members.
    output: (line) => fs.appendFileSync(path.join(dataFolder, 'temporal-server.log'), `${line}\n`),
  });
  return { address: server.address, pid: server.process.child.pid, stop: server.stop };
}
