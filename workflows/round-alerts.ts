import { proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../activities';

// The round alerts (README "Round alerts"), started by their schedule every few minutes: queues the
// emails due — a round opened, or closes in two weeks — for the subscribers who follow its scheme.
// Each email has its own outbox key, so a run repeated, retried or overlapping sends nothing twice.

const { queueRoundAlerts } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '2 minutes', backoffCoefficient: 2, maximumAttempts: 10 },
});

/** Bounds one run's work; what is left is queued by the next run. */
const MAX_BATCHES = 100;

export interface RoundAlertsRunResult {
  queued: number;
}

export async function roundAlertsRun(): Promise<RoundAlertsRunResult> {
  // One "now" for the whole run, so every batch draws the same line.
  const now = new Date().toISOString();
  let queued = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const step = await queueRoundAlerts({ now });
    queued += step.queued;
    if (!step.more) break;
  }
  return { queued };
}
