import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../activities';

/** One timeout and retry policy for every activity a grant workflow calls, local or not. */
const CASE_ACTIVITY_OPTIONS = {
  // Activities take well under a second; a worker that died holding one is noticed after this.
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
} as const;

/** The activities as every grant workflow calls them. */
export const activities = proxyActivities<CaseActivities>(CASE_ACTIVITY_OPTIONS);

/**
 * The same activities run by the worker inside the workflow task that calls them: no activity task
 * through the server and no second workflow task to take the answer. For a case's arrival, which
 * is quick, idempotent and on every case's way to the queue.
 */
export const localActivities = proxyLocalActivities<CaseActivities>(CASE_ACTIVITY_OPTIONS);
