import { condition, patched, workflowInfo } from '@temporalio/workflow';
import type { ArrivalOutcome } from '../activities/arrival';
import { activities, localActivities } from './activities';
import type { CaseContext } from './case-journal';

/**
 * Cases started since this run their receipt, "screening started", the screening and "queued" as
 * one activity; cases started before replay the four activities they ran.
 */
export const ARRIVAL_IN_ONE_STEP_PATCH = 'arrival-in-one-step';
/** Cases started since this run the arrival as a local activity; cases started before replay the activity task. */
export const ARRIVAL_AS_LOCAL_ACTIVITY_PATCH = 'arrival-as-local-activity';

/** A new case: receipt sent, screened, and in the queue when nothing is missing. */
export async function receiveApplication({ input, memory, journal }: CaseContext): Promise<ArrivalOutcome> {
  const workflowId = workflowInfo().workflowId;
  const [startedKey, queuedKey] = journal.reserveEventKeys(2);
  const receiptKey = journal.reserveMessageKey('receipt');
  const screeningStarted = { eventKey: startedKey!, occurredAt: new Date().toISOString(), from: memory.status };
  memory.arriving = true;
  const arrival = patched(ARRIVAL_AS_LOCAL_ACTIVITY_PATCH) ? localActivities : activities;
  const outcome = await journal.inOrder(() =>
    arrival.receiveApplication({ applicationId: input.applicationId, screeningKey: `${workflowId}:screening:1`, receiptKey, screeningStarted, queuedEventKey: queuedKey! }),
  );
  memory.arriving = false;
  journal.adopt([
    { type: 'screening_started', actor: 'system', to: 'SCREENING', at: screeningStarted.occurredAt },
    ...(outcome.queuedAt ? [{ type: 'queued', actor: 'system', to: 'IN_QUEUE' as const, at: outcome.queuedAt }] : []),
  ]);
  return outcome;
}

/** Handlers that act on a queued case wait until the arrival's answer has reached the workflow. */
export async function arrivalSettled({ memory }: CaseContext): Promise<void> {
  if (memory.arriving) await condition(() => !memory.arriving);
}
