import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../activities';

/** The activities as every grant workflow calls them, with one retry policy. */
export const activities = proxyActivities<CaseActivities>({
  // Activities take well under a second; a worker that died holding one is noticed after this.
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/**
 * The same activities run by the worker inside the workflow task that calls them: no activity task
 * through the server and no second workflow task to take the answer. For a case's arrival, which
 * is quick, idempotent and on every case's way to the queue.
 */
export const localActivities = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});
