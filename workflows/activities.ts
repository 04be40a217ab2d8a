import { proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../activities';

/** The activities as every grant workflow calls them, with one retry policy. */
export const activities = proxyActivities<CaseActivities>({
  // Activities take well under a second; a worker that died holding one is noticed after this.
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});
