import { Client, Connection } from '@temporalio/client';
import { loadConfigOrExit, loadDotEnvIfPresent } from '../../lib/config';
import { createDatabase } from '../../lib/db';
import { createLogger } from '../../lib/logger';
import { prepareAssets } from './pages/assets';
import { temporalConnectionOptions, temporalDataConverter } from '../../lib/temporal';
import { createVirusScanner } from '../../lib/virus-scanner';
import { createApp } from './app';
import { DEMO_STAFF, seedDemoRounds, seedDemoStaff } from './seed';
import { NORWEGIAN_DEMO_STAFF, seedNorwegianDemoRound } from './seed-norway';
import { createLocalStaffAuthenticator, sessionPolicyFrom } from '../../lib/staff-auth';

const RECONCILE_EVERY_MS = 30_000;

async function main(): Promise<void> {
  loadDotEnvIfPresent();
  const config = loadConfigOrExit();
  const log = createLogger('api', config.LOG_LEVEL);
  const db = createDatabase(config.DATABASE_URL);
  // Lazy: the API starts (and /healthz reports 503) even while Temporal is still coming up.
  const connection = Connection.lazy(temporalConnectionOptions(config));
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: temporalDataConverter(config) });

  if (config.SEED_DEMO_DATA) {
    // A Norwegian municipality's demo: its own scheme and round under the Norwegian legal frame.
    const norway = config.JURISDICTION === 'NO';
    await (norway ? seedNorwegianDemoRound(db) : seedDemoRounds(db));
    log.info({ jurisdiction: config.JURISDICTION }, 'demo schemes and funding rounds seeded');
    if (config.GRANTFLOW_DEMO_PASSWORD) {
      const staff = norway ? NORWEGIAN_DEMO_STAFF : DEMO_STAFF;
      await seedDemoStaff(db, config.GRANTFLOW_DEMO_PASSWORD, staff);
      log.info({ accounts: staff.map((u) => u.email) }, 'demo staff accounts seeded (password in GRANTFLOW_DEMO_PASSWORD)');
    }
  }
  const authenticator = createLocalStaffAuthenticator(db, sessionPolicyFrom(config), { breakGlassOnly: config.NODE_ENV === 'production' });

  const { app, workflows, metricsApp } = createApp({
    config,
    db,
    authenticator,
    temporal,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    log,
    virusScanner: createVirusScanner(config),
  });
  const server = app.listen(config.PORT, () => {
    log.info({ port: config.PORT, url: config.PUBLIC_BASE_URL }, 'api listening');
    // After listening, so health checks answer meanwhile; before the first visitor, usually.
    setImmediate(prepareAssets);
  });
  server.on('error', (error) => {
    log.fatal({ err: error }, 'api could not listen');
    process.exit(1);
  });
  // /metrics on an internal address of its own (METRICS_PORT), not on the public port.
  const metricsServer = metricsApp?.listen(config.METRICS_PORT!, config.METRICS_HOST, () =>
    log.info({ port: config.METRICS_PORT, host: config.METRICS_HOST }, 'metrics listening'),
  );
  metricsServer?.on('error', (error) => {
    log.fatal({ err: error }, 'metrics could not listen');
    process.exit(1);
  });

  const reconciler = setInterval(() => {
    workflows.startMissed().then(
      (started) => started && log.info({ started }, 'started workflows that intake could not start'),
      (error) => log.warn({ err: error }, 'reconciler pass failed'),
    );
  }, RECONCILE_EVERY_MS);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'shutting down');
      clearInterval(reconciler);
      metricsServer?.close();
      server.close(async () => {
        await connection.close().catch(() => undefined);
        await db.$disconnect();
        log.info('api stopped');
        process.exit(0);
      });
      server.closeIdleConnections();
    });
  }
}

main().catch((error) => {
  process.stderr.write(`api failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
