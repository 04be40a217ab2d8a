import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { loadConfig, type Config } from '../../lib/config';
import { createDatabase, createSqlPool, type Database } from '../../lib/db';
import { createLogger, type Logger } from '../../lib/logger';
import { createSmtpMailer } from '../../lib/mailer';
import { createOutboxDispatcher } from '../../services/mailer/dispatcher';
import { temporalConnectionOptions, temporalDataConverter } from '../../lib/temporal';
import { createApp } from '../../services/api/app';
import { createLocalStaffAuthenticator, sessionPolicyFrom } from '../../lib/staff-auth';
import { connectWorker } from '../../services/worker/worker';
import type { VirusScanner } from '../../lib/virus-scanner';

let runtimeInstalled = false;

/** Temporal's native runtime is one per process; keep its logs to warnings and errors. */
export function installQuietTemporalRuntime(): void {
  if (runtimeInstalled) return;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  } catch {
    // Another test file in this jest worker process installed it already.
  }
  runtimeInstalled = true;
}

/** The configuration the global setup prepared, with a task queue of this test file's own. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    ...process.env,
    TEMPORAL_TASK_QUEUE: `test-${crypto.randomUUID()}`,
    ...overrides,
  });
}

export interface RunningWorker {
  worker: Worker;
  stop(): Promise<void>;
}

export async function startTestWorker(config: Config, db: Database): Promise<RunningWorker> {
  installQuietTemporalRuntime();
  const bundlePath = process.env.GRANTFLOW_TEST_WORKFLOW_BUNDLE;
  if (!bundlePath) throw new Error('GRANTFLOW_TEST_WORKFLOW_BUNDLE is not set: run the tests through jest (global setup)');
  // The worker's real dependencies: SMTP to the test sink, the local register of fictional associations.
  const { worker, connection } = await connectWorker(config, db, { workflowBundle: { codePath: bundlePath } });
  const running = worker.run();
  let stopped: Promise<void> | undefined;
  return {
    worker,
    // Once: a test that stops the stack's worker early leaves the stack's own stop to do nothing more.
    stop() {
      stopped ??= (async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
        await connection.close();
      })();
      return stopped;
    },
  };
}

export async function connectClient(config: Config): Promise<Client> {
  const connection = await Connection.connect(temporalConnectionOptions(config));
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: temporalDataConverter(config) });
}

export interface TestStack {
  config: Config;
  db: Database;
  temporal: Client;
  baseUrl: string;
  worker?: RunningWorker;
  stop(): Promise<void>;
}

/** The API app (not listening) on the given configuration, database and Temporal client. */
export function createTestApp(config: Config, db: Database, temporal: Client, options: { log?: Logger; virusScanner?: VirusScanner } = {}) {
  return createApp({
    config,
    db,
    authenticator: createLocalStaffAuthenticator(db, sessionPolicyFrom(config)),
    temporal,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    log: options.log ?? createLogger('api-test', process.env.LOG_LEVEL ?? 'silent'),
    virusScanner: options.virusScanner,
  });
}

/**
 * The API over real HTTP with a real database and Temporal, the outbox dispatcher delivering to
 * the SMTP sink, and (unless told not to) a worker.
 */
export async function startTestStack(
  options: { worker?: boolean; config?: Config; db?: Database; temporal?: Client; /** The API's and the outbox's logger (default: LOG_LEVEL, silent). */ log?: Logger; virusScanner?: VirusScanner } = {},
): Promise<TestStack> {
  const config = options.config ?? testConfig();
  const db = options.db ?? createDatabase(config.DATABASE_URL);
  const temporal = options.temporal ?? (await connectClient(config));
  // A client the caller passed in is the caller's to close. (Closing a client to an unreachable
  // server while its gRPC retries are pending makes those retries throw later, in another test.)
  const ownsTemporal = options.temporal === undefined;
  const worker = options.worker === false ? undefined : await startTestWorker(config, db);
  const mailer = createSmtpMailer(config.SMTP_URL, config.MAIL_FROM);
  const dispatcher = createOutboxDispatcher({ db, sql: createSqlPool(config.DATABASE_URL), mailer, log: options.log ?? createLogger('outbox-test', process.env.LOG_LEVEL ?? 'silent'), intervalMs: 100 });
  dispatcher.start();
  const { app } = createTestApp(config, db, temporal, { log: options.log, virusScanner: options.virusScanner });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    config,
    db,
    temporal,
    baseUrl,
    worker,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await worker?.stop();
      await dispatcher.stop();
      mailer.close();
      if (ownsTemporal) await temporal.connection.close();
      await db.$disconnect();
    },
  };
}
