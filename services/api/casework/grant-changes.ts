import type { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Database } from '../../../lib/db';
import { messageKey } from '../../../domain/message-key';
import type { grantDeclineSchema } from '../../../domain/grant-change-input';
import { grantApplicationWorkflowId } from '../../../domain/workflow-ids';
import { declineGrantUpdate, type CaseState } from '../../../workflows/messages';
import { ApiError } from '../http/errors';
import { workflowCall } from '../http/workflow-errors';
import { currentCaseState } from './actions';

// Changes after the grant for the pages and the JSON API alike: the same checks either way.

type Deps = { db: Database; temporal: Client };

/**
 * Why the association may not decline now, or null when it may: 409 naming the status when the
 * case holds no grant waiting for its payout (not granted, already paid, already declined, or a
 * reconsideration open). The page asks this before offering the form.
 */
export function grantDeclineRefusal(state: CaseState): ApiError | null {
  if (state.allowedActions.includes('declineGrant')) return null;
  return new ApiError(409, 'decline_not_allowed', 'errors.grantChanges.declineNotAllowed', [{ path: 'status', message: messageKey('errors.grantChanges.declineNotAllowed') }], { status: state.status });
}

/** The association says no thank you to the grant; the workflow cancels the payout and closes the case. */
export async function declineGrant({ db, temporal }: Deps, applicationId: string, input: z.infer<typeof grantDeclineSchema>, updateId?: string): Promise<CaseState> {
  const application = await db.application.findUnique({ where: { id: applicationId }, select: { id: true } });
  if (!application) throw new ApiError(404, 'not_found', 'errors.application.notFound');
  const refusal = grantDeclineRefusal(await currentCaseState(temporal, applicationId));
  if (refusal) throw refusal;
  const decline = { reasons: input.reasons, at: new Date().toISOString() };
  return workflowCall(() => temporal.workflow.getHandle(grantApplicationWorkflowId(applicationId)).executeUpdate(declineGrantUpdate, { args: [decline], updateId }));
}
