import fs from 'node:fs';
import path from 'node:path';
import { startProcess, type ManagedProcess } from '../../infra/child-process';
import { migrateDeploy } from '../../infra/migrate';
import { PROJECT_ROOT } from '../../infra/paths';
import { findFreePort, waitFor } from '../../infra/ports';
import { startPostgresProcess } from '../../infra/postgres-process';
import { adminQuery, dropDatabase, withDatabase } from '../../tests/support/database';
import { startSmtpSink, type SmtpSink } from '../../tests/support/smtp-sink';
import { log, resultsFolder } from './output';
import { startBenchTemporal } from './temporal';

// The stack a benchmark runs against, provisioned the way `npm start` does it: PostgreSQL
// (DATABASE_URL's server, else embedded PostgreSQL under .data/bench), Temporal (TEMPORAL_ADDRESS,
// else one of its own: the dev server on SQLite, or with BENCH_TOPOLOGY=cluster the Temporal server
// on the same PostgreSQL — see temporal.ts), an SMTP server
// (SMTP_URL, else an in-process sink that records when each message arrived), and grantflow's
// own processes — worker, mailer, API — started with the same entry points as `npm start`.
// Everything listens on loopback only; each benchmark gets a fresh database and Temporal file.

export type ServiceName = 'worker' | 'mailer' | 'api';

const BENCH_DATA = path.join(PROJECT_ROOT, '.data', 'bench');

export interface Service {
  name: ServiceName;
  process: ManagedProcess;
  pid: number;
}

export interface BenchStack {
  /** The environment grantflow's processes run with (DATABASE_URL, TEMPORAL_ADDRESS, SMTP_URL, PORT …). */
  env: NodeJS.ProcessEnv;
  databaseUrl: string;
  temporalAddress: string;
  /** The Temporal server's (or dev server's) process, when this stack started it. */
  temporalPid?: number;
  baseUrl: string;
  /** The in-process SMTP sink, when SMTP_URL was not given. */
  smtp?: SmtpSink;
  /** Starts one of grantflow's processes and waits until it is ready (API healthy, worker polling). */
  startService(name: ServiceName, extraEnv?: NodeJS.ProcessEnv): Promise<Service>;
  stop(): Promise<void>;
}

interface Stoppable {
  name: string;
  stop(): Promise<void>;
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export function residentBytes(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    return kib ? Number(kib) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** A fresh, migrated database named grantflow_bench_<name>. */
async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  const database = `grantflow_bench_${name}`;
  if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`Refusing an unusual database name: ${database}`);
  const url = withDatabase(serverUrl, database);
  const admin = withDatabase(serverUrl, 'postgres');
  await dropDatabase(admin, url);
  await adminQuery(admin, `CREATE DATABASE ${database}`);
  migrateDeploy(url);
  return url;
}

/**
 * Starts what the benchmark `name` needs. `database: 'keep'` reuses grantflow_bench_<name> as it
 * is (BENCH_REUSE=1 in the data benchmarks); otherwise it is dropped and migrated afresh.
 */
export async function startBenchStack(
  name: string,
  options: { temporal?: boolean; smtp?: boolean; database?: 'fresh' | 'keep' } = {},
): Promise<BenchStack> {
  const running: Stoppable[] = [];
  const stop = async () => {
    for (const part of running.reverse()) {
      await part.stop().catch((error: Error) => log(`could not stop ${part.name}: ${error.message}`));
    }
  };
  try {
    fs.mkdirSync(BENCH_DATA, { recursive: true });
    let serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) {
      const port = await findFreePort();
      // A server per benchmark: two benchmarks may run at once, and a data folder takes one server.
      log(`starting embedded PostgreSQL on 127.0.0.1:${port} (data in .data/bench/${name}/postgres)`);
      const postgres = await startPostgresProcess({ dataDir: path.join(BENCH_DATA, name, 'postgres'), port, database: 'grantflow' });
      running.push({ name: 'PostgreSQL', stop: postgres.stop });
      serverUrl = postgres.url;
    }
    const databaseUrl = options.database === 'keep' ? withDatabase(serverUrl, `grantflow_bench_${name}`) : await freshDatabase(serverUrl, name);

    let temporalAddress = process.env.TEMPORAL_ADDRESS ?? '';
    let temporalPid: number | undefined;
    if (options.temporal !== false && !temporalAddress) {
      const temporal = await startBenchTemporal(name, path.join(BENCH_DATA, name), serverUrl);
      running.push({ name: 'Temporal', stop: temporal.stop });
      temporalAddress = temporal.address;
      temporalPid = temporal.pid;
    }

    let smtpUrl = process.env.SMTP_URL;
    let smtp: SmtpSink | undefined;
    if (options.smtp !== false && !smtpUrl) {
      smtp = await startSmtpSink();
      running.push({ name: 'SMTP sink', stop: smtp.stop });
      smtpUrl = smtp.smtpUrl;
    }

    const port = await findFreePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      SEED_DEMO_DATA: 'false',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_TASK_QUEUE: `bench-${name}`,
      SMTP_URL: smtpUrl ?? 'smtp://127.0.0.1:1025',
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      WORKER_METRICS_PORT: String(await findFreePort()),
      DATA_DIR: path.join(BENCH_DATA, name, 'files'),
      // Every simulated association posts from 127.0.0.1: the per-address and global limits would
      // answer 429 after the first 30 applications and measure the limiter, not the pipeline.
      RATE_LIMIT_WRITES_PER_ADDRESS: process.env.RATE_LIMIT_WRITES_PER_ADDRESS ?? '10000000',
      RATE_LIMIT_WRITES_GLOBAL: process.env.RATE_LIMIT_WRITES_GLOBAL ?? '10000000',
      RATE_LIMIT_NEW_DRAFTS_PER_ADDRESS: process.env.RATE_LIMIT_NEW_DRAFTS_PER_ADDRESS ?? '10000000',
    };
    const baseUrl = `http://127.0.0.1:${port}`;

    const startService = async (service: ServiceName, extraEnv: NodeJS.ProcessEnv = {}): Promise<Service> => {
      let polling = false;
      let lastLines = '';
      // BENCH_CPU_PROFILE=1: each service writes a V8 CPU profile when it stops (open it in
      // Chrome DevTools or speedscope) — the first step when a goal is missed.
      const profile = process.env.BENCH_CPU_PROFILE === '1' ? ['--cpu-prof', `--cpu-prof-dir=${path.join(resultsFolder(), 'profiles', `${name}-${service}`)}`] : [];
      const child = startProcess(service, process.execPath, [...profile, '--import', 'tsx', `services/${service}/main.ts`], {
        // The worker says at info level when it polls; the API's per-request log lines would
        // measure the log pipe rather than the service.
        env: { ...env, LOG_LEVEL: process.env.LOG_LEVEL ?? (service === 'worker' ? 'info' : 'warn'), ...extraEnv },
        cwd: PROJECT_ROOT,
        output: (line) => {
          if (line.includes('"msg":"worker running"')) polling = true;
          lastLines = `${lastLines}${line}\n`.slice(-4000);
          if (/"level":(50|60)/.test(line)) process.stderr.write(`[${service}] ${line}\n`);
        },
      });
      running.push({ name: service, stop: () => child.stop(15_000) });
      const exitedEarly = child.exited.then((code): never => {
        throw new Error(`${service} exited with code ${code}:\n${lastLines}`);
      });
      if (service === 'api') {
        await Promise.race([exitedEarly, waitFor('the API to report healthy', async () => ((await fetch(`${baseUrl}/healthz`).catch(() => undefined))?.ok ? true : undefined), { timeoutMs: 120_000, intervalMs: 250 })]);
      } else if (service === 'worker') {
        await Promise.race([exitedEarly, waitFor('the worker to poll its task queue', async () => (polling ? true : undefined), { timeoutMs: 120_000, intervalMs: 100 })]);
      }
      exitedEarly.catch(() => undefined);
      return { name: service, process: child, pid: child.child.pid! };
    };

    return { env, databaseUrl, temporalAddress, temporalPid, baseUrl, smtp, startService, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
