import fs from 'node:fs';
import { Runtime, makeTelemetryFilterString, type RuntimeOptions } from '@temporalio/worker';
import { loadConfigOrExit, loadDotEnvIfPresent } from '../../lib/config';
import { createDatabase } from '../../lib/db';
import { createLogger, type Logger } from '../../lib/logger';
import { connectWorker } from './worker';
import { bundleWorkflowsToFile, workerBundlePath } from './bundle';
import { Client, Connection } from '@temporalio/client';
import { temporalConnectionOptions, temporalDataConverter } from '../../lib/temporal';
import type { Config } from '../../lib/config';
import { checkNamespaceRetention, ensureRetentionSchedule, ensureRoundAlertSchedule } from './retention-schedule';

async function main(): Promise<void> {
  loadDotEnvIfPresent();
  const config = loadConfigOrExit();
  const log = createLogger('worker', config.LOG_LEVEL);
  installRuntime(config.WORKER_METRICS_PORT, log);

  const db = createDatabase(config.DATABASE_URL);
  const started = Date.now();
  const bundlePath = workerBundlePath();
  await bundleWorkflowsToFile(bundlePath);
  log.info({ ms: Date.now() - started }, 'workflow code bundled');
  const { worker, connection } = await connectWorker(config, db, {
    workflowBundle: { codePath: bundlePath },
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
  });
  await scheduleRetention(config, log);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'shutting down: finishing running activities');
      worker.shutdown();
    });
  }
  log.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE }, 'worker running');
  try {
    await worker.run();
  } finally {
    fs.rmSync(bundlePath, { force: true });
  }
  await connection.close();
  await db.$disconnect();
  log.info('worker stopped');
}

/** The retention and round-alert schedules exist and match the configuration once any worker has started. */
async function scheduleRetention(config: Config, log: Logger): Promise<void> {
  const connection = await Connection.connect(temporalConnectionOptions(config));
  try {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: temporalDataConverter(config) });
    await ensureRetentionSchedule(client, config, log);
    await ensureRoundAlertSchedule(client, config, log);
    await checkNamespaceRetention(client, config, log);
  } finally {
    await connection.close();
  }
}

/**
 * The Temporal runtime, with the SDK's own metrics (task slots, poll and schedule latencies,
 * sticky cache) served for Prometheus on a port of the worker's own. A port already taken (a
 * second worker on one machine) costs the metrics, not the worker.
 */
function installRuntime(metricsPort: number, log: Logger): void {
  const options = (metrics: boolean): RuntimeOptions => ({
    logger: {
      log: (level, message, meta) => log[level.toLowerCase() as 'info'](meta ?? {}, message),
      trace: (message, meta) => log.trace(meta ?? {}, message),
      debug: (message, meta) => log.debug(meta ?? {}, message),
      info: (message, meta) => log.info(meta ?? {}, message),
      warn: (message, meta) => log.warn(meta ?? {}, message),
      error: (message, meta) => log.error(meta ?? {}, message),
    },
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} },
      ...(metrics ? { metrics: { prometheus: { bindAddress: `0.0.0.0:${metricsPort}`, useSecondsForDurations: true } } } : {}),
    },
    // We handle SIGINT/SIGTERM ourselves below so the database closes after the worker drains.
    shutdownSignals: [],
  });
  if (metricsPort > 0) {
    try {
      Runtime.install(options(true));
      log.info({ port: metricsPort }, 'worker metrics at /metrics');
      return;
    } catch (error) {
      log.warn({ err: error, port: metricsPort }, 'worker metrics endpoint not available; running without it');
    }
  }
  Runtime.install(options(false));
}

main().catch((error) => {
  process.stderr.write(`worker failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
