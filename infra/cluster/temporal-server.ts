// The Temporal server on PostgreSQL: its two databases and their schemas (with the server's own
// `sql` tool), its configuration from the template in this folder, the process, and the namespace.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { Connection } from '@temporalio/client';
import { startProcess, type ManagedProcess } from '../child-process';
import { findFreePortBetween, waitFor } from '../ports';
import { ensureTemporalCli } from '../temporal-cli';
import type { TemporalServerBinaries } from './binaries';
import { fillTemplate } from './template';

const run = promisify(execFile);

/** The server keeps its members' ports in a `smallint` column: the OS's ephemeral ports (above 32767) do not fit. */
const TEMPORAL_PORT_RANGE = [20_000, 32_000] as const;

export interface PostgresServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** The server part of a connection string (which database it names does not matter here). */
export function postgresServerOf(url: string): PostgresServer {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username || 'postgres'),
    password: decodeURIComponent(parsed.password),
  };
}

function urlOf(server: PostgresServer, database: string): string {
  const auth = `${encodeURIComponent(server.user)}${server.password ? `:${encodeURIComponent(server.password)}` : ''}`;
  return `postgresql://${auth}@${server.host}:${server.port}/${encodeURIComponent(database)}`;
}

async function query<T extends object>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Creates the Temporal and visibility databases when missing and brings their schemas up to this
 * server version (`sql setup-schema` once, `sql update-schema` every time: it applies only what is new).
 */
export async function prepareTemporalDatabases(
  binaries: TemporalServerBinaries,
  server: PostgresServer,
  databases: { temporal: string; visibility: string },
  say: (line: string) => void,
): Promise<void> {
  const admin = urlOf(server, 'postgres');
  for (const [kind, name] of [['temporal', databases.temporal], ['visibility', databases.visibility]] as const) {
    const exists = await query(admin, 'SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.length === 0) {
      await query(admin, `CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      say(`created database ${name}`);
    }
    const args = ['--plugin', 'postgres12', '--ep', server.host, '-p', String(server.port), '-u', server.user, '--db', name];
    const env = { ...process.env, SQL_PASSWORD: server.password };
    // setup-schema writes version 0.0: run on a database that already has a version, it would undo it.
    const [state] = await query<{ versioned: boolean }>(urlOf(server, name), "SELECT to_regclass('public.schema_version') IS NOT NULL AS versioned");
    if (!state?.versioned) await run(binaries.sql, [...args, 'setup-schema', '-v', '0.0'], { env });
    await run(binaries.sql, [...args, 'update-schema', '-d', path.join(binaries.schemaDir, kind, 'versioned')], { env });
  }
  say(`schemas of ${databases.temporal} and ${databases.visibility} are current`);
}

export interface TemporalServerOptions {
  binaries: TemporalServerBinaries;
  postgres: PostgresServer;
  databases: { temporal: string; visibility: string };
  /** Where the filled configuration and dynamic configuration are written. */
  dataDir: string;
  /** The frontend's gRPC port (free port when not given). */
  port?: number;
  historyShards: number;
  namespace: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  output?: (line: string) => void;
  /** Called when the server ends without stop() or restart() asking it to. */
  onUnexpectedExit?: (code: number | null) => void;
}

export interface TemporalServer {
  address: string;
  /** The server's own Prometheus metrics. */
  metricsUrl: string;
  process: ManagedProcess;
  /** Starts the server again with the same configuration (after a stop or a kill). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the server, waits until its frontend answers, and registers the namespace if it is new. */
export async function startTemporalServer(options: TemporalServerOptions): Promise<TemporalServer> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const dynamicConfigFile = path.join(options.dataDir, 'dynamic-config.yaml');
  fs.copyFileSync(path.join(__dirname, 'temporal-dynamic-config.yaml'), dynamicConfigFile);
  const frontendPort = options.port ?? (await findFreePortBetween(...TEMPORAL_PORT_RANGE));
  const ports: Record<string, number> = { FRONTEND_PORT: frontendPort };
  for (const name of ['FRONTEND_HTTP_PORT', 'FRONTEND_MEMBERSHIP_PORT', 'HISTORY_PORT', 'HISTORY_MEMBERSHIP_PORT', 'MATCHING_PORT', 'MATCHING_MEMBERSHIP_PORT', 'WORKER_PORT', 'WORKER_MEMBERSHIP_PORT', 'METRICS_PORT']) {
    ports[name] = await findFreePortBetween(...TEMPORAL_PORT_RANGE);
  }
  const configFile = path.join(options.dataDir, 'config.yaml');
  fs.writeFileSync(
    configFile,
    fillTemplate(path.join(__dirname, 'temporal-server.yaml'), {
      ...ports,
      LOG_LEVEL: options.logLevel ?? 'warn',
      HISTORY_SHARDS: options.historyShards,
      DATABASE: options.databases.temporal,
      VISIBILITY_DATABASE: options.databases.visibility,
      DATABASE_ADDRESS: `${options.postgres.host}:${options.postgres.port}`,
      DATABASE_USER: JSON.stringify(options.postgres.user),
      DATABASE_PASSWORD: JSON.stringify(options.postgres.password),
      DYNAMIC_CONFIG_FILE: JSON.stringify(dynamicConfigFile),
    }),
    { mode: 0o600 },
  );
  const address = `127.0.0.1:${frontendPort}`;
  let expectingExit = false;
  const spawnServer = () => {
    expectingExit = false;
    const child = startProcess('temporal-server', options.binaries.server, ['--config-file', configFile, '--allow-no-auth', 'start'], {
      cwd: options.dataDir,
      // Its own process group: a Ctrl-C meant for the launcher must not stop it before the services.
      detached: true,
      output: options.output,
    });
    void child.exited.then((code) => {
      if (!expectingExit && server === child) options.onUnexpectedExit?.(code);
    });
    return child;
  };
  let server = spawnServer();
  const handle: TemporalServer = {
    address,
    metricsUrl: `http://127.0.0.1:${ports.METRICS_PORT}/metrics`,
    get process() {
      return server;
    },
    async restart() {
      expectingExit = true;
      await server.stop(30_000);
      server = spawnServer();
      await untilServing(server, address, options.namespace, false);
    },
    stop: () => {
      expectingExit = true;
      return server.stop(30_000);
    },
  };
  try {
    await untilServing(server, address, options.namespace, true);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return handle;
}

async function untilServing(server: ManagedProcess, address: string, namespace: string, register: boolean): Promise<void> {
  const exited = server.exited.then((code): never => {
    throw new Error(`the Temporal server exited with code ${code} while starting`);
  });
  // It also settles when the server stops long after it started: that is nobody's error.
  exited.catch(() => undefined);
  const ready = (async () => {
    const connection = await waitFor('the Temporal frontend', async () => {
      const candidate = await Connection.connect({ address, connectTimeout: 1_000 });
      await candidate.workflowService.getSystemInfo({}).catch(async (error: unknown) => {
        await candidate.close();
        throw error;
      });
      return candidate;
    }, { timeoutMs: 120_000, intervalMs: 500 });
    try {
      const known = await connection.workflowService.describeNamespace({ namespace }).then(() => true, () => false);
      if (!known && register) {
        const cli = await ensureTemporalCli();
        await run(cli, ['operator', 'namespace', 'create', '--address', address, '--namespace', namespace]);
      }
      // Until the namespace is in the services' caches, workflows cannot start in it.
      await waitFor(`namespace ${namespace}`, async () => {
        await connection.workflowService.countWorkflowExecutions({ namespace });
        return true;
      }, { timeoutMs: 60_000, intervalMs: 500 });
    } finally {
      await connection.close();
    }
  })();
  await Promise.race([ready, exited]);
}
