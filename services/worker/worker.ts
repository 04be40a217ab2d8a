import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities, type ActivityDependencies } from '../../activities';

export interface WorkerSettings {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  workflowBundle: WorkflowBundleOption;
  dependencies: ActivityDependencies;
  maxCachedWorkflows?: number;
}

export function createWorker(settings: WorkerSettings): Promise<Worker> {
  return Worker.create({
    connection: settings.connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    workflowBundle: settings.workflowBundle,
    activities: createActivities(settings.dependencies),
    maxCachedWorkflows: settings.maxCachedWorkflows,
    // A workflow's next task waits this long for the worker that cached it before any worker may
    // take it; after a worker crash that is the pause before its cases move again (SDK default 10 s).
    stickyQueueScheduleToStartTimeout: '3s',
  });
}
