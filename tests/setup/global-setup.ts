import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateDeploy } from '../../infra/migrate';
import { generatePayloadKeyEntry } from '../../lib/payload-codec';
import { findFreePort } from '../../infra/ports';
import { startPostgresProcess } from '../../infra/postgres-process';
import { startTemporalDevServer, waitUntilServing } from '../../infra/temporal-dev-server';
import { bundleWorkflows } from '../../services/worker/bundle';
import { canConnect, createFreshDatabase } from '../support/database';
import { startSmtpSink } from '../support/smtp-sink';
import { keepDatabaseCopiesReady } from './database-copies';
import type { TestResources } from './resources';

const DEFAULT_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

function step(message: string): void {
  process.stderr.write(`[test setup] ${message}\n`);
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'grantflow-test-'));
  const resources: TestResources = { tmpDir, cleanups: [] };
  (globalThis as { __grantflow?: TestResources }).__grantflow = resources;

  // Each test file connects with these; jest's workers inherit this process's environment.
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'silent';
  // Every test file posts from 127.0.0.1 into one database: the rate limits' tests set low limits
  // of their own (and their own client addresses); the others must not meet the defaults.
  // The same for failed staff sign-ins per address (the per-account pause stays at its default).
  for (const limit of ['RATE_LIMIT_WRITES_PER_ADDRESS', 'RATE_LIMIT_WRITES_GLOBAL', 'RATE_LIMIT_NEW_DRAFTS_PER_ADDRESS', 'RATE_LIMIT_EMAILS_PER_RECIPIENT', 'SIGN_IN_FAILURES_PER_ADDRESS']) {
    process.env[limit] = process.env[limit] ?? '1000000';
  }

  // PostgreSQL: a fresh database for this run on the server we are given, else an embedded one.
  let adminUrl = process.env.DATABASE_URL || DEFAULT_ADMIN_URL;
  if (!(await canConnect(adminUrl))) {
    if (process.env.DATABASE_URL) throw new Error(`DATABASE_URL=${adminUrl} does not answer`);
    step('no PostgreSQL at 127.0.0.1:5432; starting embedded PostgreSQL');
    const postgres = await startPostgresProcess({ dataDir: path.join(tmpDir, 'postgres'), port: await findFreePort(), database: 'postgres' });
    resources.cleanups.push(postgres.stop);
    adminUrl = postgres.url;
  }
  const databaseUrl = await createFreshDatabase(adminUrl, 'grantflow_test');
  resources.adminDatabaseUrl = adminUrl;
  resources.databaseUrl = databaseUrl;
  migrateDeploy(databaseUrl);
  process.env.DATABASE_URL = databaseUrl;
  process.env.GRANTFLOW_TEST_ADMIN_DATABASE_URL = adminUrl;
  // Each test file copies it (tests/setup/own-database.ts); nothing else connects to it.
  process.env.GRANTFLOW_TEST_TEMPLATE_DATABASE_URL = databaseUrl;
  step(`database ${new URL(databaseUrl).pathname.slice(1)} migrated`);
  // …or rather takes a copy made ahead, while other files run.
  resources.databaseCopies = await keepDatabaseCopiesReady({ adminUrl, templateUrl: databaseUrl, folder: path.join(tmpDir, 'database-copies') });
  process.env.GRANTFLOW_TEST_DATABASE_COPIES = resources.databaseCopies.folder;

  // Temporal: the server we are pointed at, or a dev server of our own with SQLite in WAL mode.
  if (process.env.TEMPORAL_ADDRESS) {
    await waitUntilServing(process.env.TEMPORAL_ADDRESS, process.env.TEMPORAL_NAMESPACE ?? 'default', 30_000);
  } else {
    const temporal = await startTemporalDevServer({ dbFile: path.join(tmpDir, 'temporal.sqlite'), headless: true });
    resources.cleanups.push(temporal.stop);
    process.env.TEMPORAL_ADDRESS = temporal.address;
    step(`Temporal dev server at ${temporal.address}`);
  }

  // Workflow payloads are encrypted as in production, under a key of this run's own.
  process.env.TEMPORAL_PAYLOAD_KEYS ||= generatePayloadKeyEntry('test');

  const sink = await startSmtpSink();
  resources.cleanups.push(sink.stop);
  process.env.SMTP_URL = sink.smtpUrl;
  process.env.SMTP_SINK_URL = sink.inspectUrl;

  // Bundled once for the whole run; every test worker loads this file.
  const bundle = await bundleWorkflows();
  const bundlePath = path.join(tmpDir, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, bundle.code);
  process.env.GRANTFLOW_TEST_WORKFLOW_BUNDLE = bundlePath;
  step(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
