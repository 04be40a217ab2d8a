import { condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CaseActivities } from '../activities';
import type { CaseStatus } from '../domain/status';
import { statusQuery } from './messages';

export interface GrantApplicationInput {
  applicationId: string;
}

const { recordTransition } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** One grant application, from submission onwards. */
export async function grantApplication({ applicationId }: GrantApplicationInput): Promise<void> {
  let status: CaseStatus = 'SUBMITTED';
  let eventSequence = 0;
  setHandler(statusQuery, () => status);

  async function moveTo(to: CaseStatus, type: string): Promise<void> {
    eventSequence += 1;
    await recordTransition({
      eventKey: `${workflowInfo().workflowId}:${eventSequence}`,
      applicationId,
      type,
      from: status,
      to,
      actor: 'system',
      occurredAt: new Date(Date.now()).toISOString(),
    });
    status = to;
  }

  await moveTo('IN_QUEUE', 'queued');

  // The case now waits for a caseworker; the caseworker actions that end this wait are the
  // next part of the process to be built.
  await condition(() => false);
}
