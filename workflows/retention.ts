import { patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { CaseActivities } from '../activities';
import {
  FIRST_RETENTION_KINDS,
  ORGANISATION_DOCUMENT_RETENTION_KINDS,
  ORGANISATION_PROFILE_RETENTION_KINDS,
  ORGANISATION_RETENTION_KINDS,
  type RetentionAction,
  type RetentionKind,
} from '../domain/retention';

// The retention run (README "Retention"), started by the retention schedule: every kind of data
// in turn, one batch per activity call, until nothing of that kind has expired.

/** Runs that started before the organisations' kinds existed replay without them. */
export const ORGANISATION_RETENTION_PATCH = 'organisation-retention';
/** Runs that started before organisations kept documents replay without them. */
export const ORGANISATION_DOCUMENT_RETENTION_PATCH = 'organisation-document-retention';
/** Runs that started before the associations' profiles were removed replay without them. */
export const ORGANISATION_PROFILE_RETENTION_PATCH = 'organisation-profile-retention';

const { applyRetention } = proxyActivities<CaseActivities>({
  // A batch of cases with their uploads can take a while on a busy database.
  startToCloseTimeout: '3 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', backoffCoefficient: 2, maximumAttempts: 10 },
});

export interface RetentionRunResult {
  counts: { kind: RetentionKind; action: RetentionAction; count: number }[];
}

/** Bounds one run's work; what is left is handled by the next run. */
const MAX_BATCHES_PER_KIND = 200;

export async function retentionRun(): Promise<RetentionRunResult> {
  const info = workflowInfo();
  const runId = `${info.workflowId}/${info.runId}`;
  // One "now" for the whole run, so every step of it draws the same line.
  const now = new Date().toISOString();
  const counts: RetentionRunResult['counts'] = [];
  const kinds: RetentionKind[] = [...FIRST_RETENTION_KINDS];
  if (patched(ORGANISATION_RETENTION_PATCH)) kinds.push(...ORGANISATION_RETENTION_KINDS);
  if (patched(ORGANISATION_DOCUMENT_RETENTION_PATCH)) kinds.push(...ORGANISATION_DOCUMENT_RETENTION_KINDS);
  if (patched(ORGANISATION_PROFILE_RETENTION_PATCH)) kinds.push(...ORGANISATION_PROFILE_RETENTION_KINDS);
  for (const kind of kinds) {
    let total = 0;
    let action: RetentionAction = 'delete';
    for (let batch = 0; batch < MAX_BATCHES_PER_KIND; batch++) {
      const step = await applyRetention({ kind, runId, now });
      total += step.count;
      action = step.action;
      if (!step.more) break;
    }
    counts.push({ kind, action, count: total });
  }
  return { counts };
}
