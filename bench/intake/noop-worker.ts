import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfigOrExit } from '../../lib/config';
import { temporalConnectionOptions, temporalDataConverter } from '../../lib/temporal';
import { bundleWorkflows } from '../../services/worker/bundle';

// The worker that runs the no-op baseline's workflows, in a process of its own as grantflow's
// worker is, on the task queue TEMPORAL_TASK_QUEUE, with the SDK's default worker settings (the
// ones grantflow's worker uses). It connects exactly as grantflow's worker does (same
// configuration loader), so the baseline talks to the same Temporal server in the same way.

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const workflowBundle = await bundleWorkflows(require.resolve('./noop-workflow'));
  const connection = await NativeConnection.connect(temporalConnectionOptions(config));
  const worker = await Worker.create({ connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, workflowBundle, dataConverter: temporalDataConverter(config) });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
  process.stdout.write(`noop worker running on ${config.TEMPORAL_TASK_QUEUE}\n`);
  await worker.run();
  await connection.close();
}

main().catch((error) => {
  process.stderr.write(`noop worker failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
