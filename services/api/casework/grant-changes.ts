import type { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Database } from '../../../lib/db';
import { messageKey } from '../../../domain/message-key';
import type { grantChangeDecisionSchema, grantChangeRequestSchema, grantDeclineSchema } from '../../../domain/grant-change-input';
import { grantChangeProblems } from '../../../domain/grant-changes';
import { calendarDateIn } from '../../../domain/time-zone';
import { grantApplicationWorkflowId } from '../../../domain/workflow-ids';
import { decideGrantChangeUpdate, declineGrantUpdate, requestGrantChangeUpdate, type CaseState } from '../../../workflows/messages';
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
export async function declineGrant({ db, temporal }: Deps, applicationId: string, input: z.infer<typeof grantDeclineSchema>, updateId?: string, enteredBy?: string): Promise<CaseState> {
  const application = await db.application.findUnique({ where: { id: applicationId }, select: { id: true } });
  if (!application) throw new ApiError(404, 'not_found', 'errors.application.notFound');
  const refusal = grantDeclineRefusal(await currentCaseState(temporal, applicationId));
  if (refusal) throw refusal;
  const decline = { reasons: input.reasons, at: new Date().toISOString(), enteredBy };
  return workflowCall(() => temporal.workflow.getHandle(grantApplicationWorkflowId(applicationId)).executeUpdate(declineGrantUpdate, { args: [decline], updateId }));
}

const handle = (temporal: Client, applicationId: string) => temporal.workflow.getHandle(grantApplicationWorkflowId(applicationId));

/** 409 naming the status when the case takes no change request now (none granted, one waiting, declined). */
export function grantChangeRefusal(state: CaseState): ApiError | null {
  if (state.allowedActions.includes('requestGrantChange')) return null;
  return new ApiError(409, 'change_not_allowed', 'errors.grantChanges.notAllowed', [{ path: 'status', message: messageKey('errors.grantChanges.notAllowed') }], { status: state.status });
}

/**
 * The association asks to change the activity or its period: refused field by field (400) when the
 * activity has ended, the reasons or the new activity are missing, or the period ends before it
 * starts; 409 when the case takes no request now. Nothing is stored before the checks pass.
 */
export async function requestGrantChange({ db, temporal }: Deps, applicationId: string, input: z.infer<typeof grantChangeRequestSchema>, updateId?: string, enteredBy?: string): Promise<CaseState> {
  const application = await db.application.findUnique({ where: { id: applicationId }, select: { endDate: true } });
  if (!application) throw new ApiError(404, 'not_found', 'errors.application.notFound');
  const refusal = grantChangeRefusal(await currentCaseState(temporal, applicationId));
  if (refusal) throw refusal;
  const problems = grantChangeProblems(input, { activityEndDate: application.endDate.toISOString().slice(0, 10), today: calendarDateIn(new Date()) });
  if (problems.length) throw new ApiError(400, 'validation_failed', 'errors.validation.failed', problems.map((p) => ({ path: p.field, message: messageKey(p.messageKey) })));
  const request = { ...input, at: new Date().toISOString(), enteredBy };
  return workflowCall(() => handle(temporal, applicationId).executeUpdate(requestGrantChangeUpdate, { args: [request], updateId }));
}

/** A caseworker approves or refuses the waiting change request; the workflow writes the letter and email. */
export async function decideGrantChange(temporal: Client, applicationId: string, caseworker: string, input: z.infer<typeof grantChangeDecisionSchema>, updateId?: string): Promise<CaseState> {
  return workflowCall(() => handle(temporal, applicationId).executeUpdate(decideGrantChangeUpdate, { args: [{ caseworker, ...input }], updateId }));
}
