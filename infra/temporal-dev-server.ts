import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { startProcess, type ManagedProcess } from './child-process';
import { ensureTemporalCli } from './temporal-cli';
import { findFreePort, waitFor } from './ports';
import { msToTs } from '@temporalio/common/lib/time';
import { parseDuration } from '../lib/durations';

export interface TemporalDevServer {
  address: string;
  uiUrl?: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  dbFile: string;
  port?: number;
  uiPort?: number;
  headless?: boolean;
  namespace?: string;
  /** How long the namespace keeps closed workflows' histories (a duration, e.g. P30D); the server's default when unset. */
  retention?: string;
  /** The codec server the Web UI decodes payloads with (grantflow's API: <PUBLIC_BASE_URL>/codec). */
  uiCodecEndpoint?: string;
  output?: (line: string) => void;
}

/** A real single-process Temporal server with SQLite persistence (`temporal server start-dev`). */
export async function startTemporalDevServer(options: DevServerOptions): Promise<TemporalDevServer> {
  const binary = await ensureTemporalCli();
  const port = options.port ?? (await findFreePort());
  const uiPort = options.headless ? undefined : options.uiPort ?? port + 1000;
  fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(port),
    '--db-filename', options.dbFile,
    // WAL lets the server's many readers proceed while one writer commits.
    '--sqlite-pragma', 'journal_mode=wal',
    '--sqlite-pragma', 'synchronous=normal',
    // An activity scheduled by a workflow task goes back to the worker in the task's answer, not
    // through another poll: a case's arrival costs the server one dispatch less.
    '--dynamic-config-value', 'system.enableActivityEagerExecution=true',
    '--log-level', 'warn',
    ...(options.namespace && options.namespace !== 'default' ? ['--namespace', options.namespace] : []),
    ...(uiPort ? ['--ui-port', String(uiPort)] : ['--headless']),
    ...(uiPort && options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : []),
  ];
  const server = startProcess('temporal', binary, args, { output: options.output });
  const address = `127.0.0.1:${port}`;
  try {
    await Promise.race([
      waitUntilServing(address, options.namespace ?? 'default'),
      server.exited.then((code) => {
        throw new Error(`temporal server exited early with code ${code}`);
      }),
    ]);
    if (options.retention) await setNamespaceRetention(address, options.namespace ?? 'default', parseDuration(options.retention));
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    address,
    uiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : undefined,
    process: server,
    stop: () => server.stop(),
  };
}

/** Sets how long the namespace keeps the histories of closed workflows. */
export async function setNamespaceRetention(address: string, namespace: string, retentionMs: number): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    await connection.workflowService.updateNamespace({
      namespace,
      config: { workflowExecutionRetentionTtl: msToTs(retentionMs) },
    });
  } finally {
    await connection.close();
  }
}

/** Ready means the frontend answers and the namespace can be described, not just a listening port. */
export async function waitUntilServing(address: string, namespace: string, timeoutMs = 60_000): Promise<void> {
  await waitFor(
    `Temporal at ${address}`,
    async () => {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return true;
      } finally {
        await connection.close();
      }
    },
    { timeoutMs, intervalMs: 250 },
  );
}
