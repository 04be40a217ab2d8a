// Every workflow's ID, derived from what it is about. Temporal keeps at most one running workflow
// per ID, which is what makes starting a case twice, or a round's workflow twice, harmless; and
// anything holding an application or round ID can reach its workflow without a lookup.

/** The case of one application, from submission to closing. */
export function grantApplicationWorkflowId(applicationId: string): string {
  return `grant-application-${applicationId}`;
}

/** The follow-up reporting child workflow of an application's case. */
export function reportWorkflowId(applicationId: string): string {
  return `grant-report-${applicationId}`;
}

/** A deadline round: closes, proposes an allocation and fans out its decisions. */
export function fundingRoundWorkflowId(roundId: string): string {
  return `funding-round-${roundId}`;
}

/**
 * The retention schedule of one deployment (its task queue), and the prefix of the workflows it
 * starts (Temporal appends the time of each run).
 */
export function retentionScheduleId(taskQueue: string): string {
  return `retention-${taskQueue}`;
}

/** The round alerts' schedule of one deployment (its task queue), and the prefix of the runs it starts. */
export function roundAlertScheduleId(taskQueue: string): string {
  return `round-alerts-${taskQueue}`;
}
