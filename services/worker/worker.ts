import { NativeConnection, Worker, type DataConverter, type WorkflowBundleOption } from '@temporalio/worker';
import type { Config } from '../../lib/config';
import { createSqlPool, type Database } from '../../lib/db';
import { temporalConnectionOptions, temporalDataConverter } from '../../lib/temporal';
import { activitySettingsFromConfig, createActivities, type ActivityDependencies } from '../../activities';
import { createBusinessRegister } from '../../lib/register';

export interface WorkerSettings {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  workflowBundle: WorkflowBundleOption;
  dependencies: ActivityDependencies;
  /** Encrypts what the worker sends to Temporal and decrypts what it reads. */
  dataConverter: DataConverter;
  maxCachedWorkflows?: number;
}

export function createWorker(settings: WorkerSettings): Promise<Worker> {
  return Worker.create({
    connection: settings.connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    workflowBundle: settings.workflowBundle,
    activities: createActivities(settings.dependencies),
    dataConverter: settings.dataConverter,
    maxCachedWorkflows: settings.maxCachedWorkflows,
    // A workflow's next task waits this long for the worker that cached it before any worker may
    // take it; after a worker crash that is the pause before its cases move again (SDK default 10 s).
    stickyQueueScheduleToStartTimeout: '3s',
  });
}

/** The activities' dependencies as the configuration names them, around the caller's database. */
export function activityDependenciesFromConfig(config: Config, db: Database): ActivityDependencies {
  return { db, sql: createSqlPool(config.DATABASE_URL, { max: 4 }), register: createBusinessRegister(config), ...activitySettingsFromConfig(config) };
}

export interface ConnectedWorker {
  worker: Worker;
  /** The worker's own connection, for the caller to close after the worker has stopped. */
  connection: NativeConnection;
}

/** A worker on the configured namespace and task queue, over a new connection to Temporal. */
export async function connectWorker(
  config: Config,
  db: Database,
  options: { workflowBundle: WorkflowBundleOption; maxCachedWorkflows?: number },
): Promise<ConnectedWorker> {
  const connection = await NativeConnection.connect(temporalConnectionOptions(config));
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    dependencies: activityDependenciesFromConfig(config, db),
    dataConverter: temporalDataConverter(config),
    ...options,
  });
  return { worker, connection };
}
