import { messageKey } from '../../../domain/message-key';
import type { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Database } from '../../../lib/db';
import type { decisionSchema } from '../../../domain/case-actions';
import { kronerToOre } from '../../../domain/money';
import { grantApplicationWorkflowId } from '../../../domain/workflow-ids';
import { applicationForCheck, decisionCheck } from './decision-check';
import { decideUpdate, type CaseState } from '../../../workflows/messages';
import { ApiError } from '../http/errors';
import { workflowCall } from '../http/workflow-errors';

export type DecisionInput = z.infer<typeof decisionSchema>;

export { criteriaOf, type DecisionCriterion } from './decision-check';

/**
 * Refuses a decision the letter could not explain (400 naming the field): criteria the round
 * does not know, a partial approval or rejection without reasons about this application, an
 * amount that does not match the outcome. Returns the amount in øre.
 */
export async function checkDecision(db: Database, applicationId: string, input: DecisionInput): Promise<bigint> {
  const application = await db.application.findUnique({ where: { id: applicationId }, select: applicationForCheck });
  if (!application) throw new ApiError(404, 'not_found', 'errors.application.notFound');
  const amountGrantedOre = kronerToOre(input.amountGranted);
  const [problem] = decisionCheck(application, { outcome: input.outcome, amountGrantedOre, reasons: input.reasons });
  if (problem) throw new ApiError(400, 'validation_failed', 'errors.validation.failed', [{ path: problem.field, message: messageKey(problem.messageKey) }], problem.values);
  return amountGrantedOre;
}

/** Checks the decision, then asks the workflow to make it (409 when the state does not allow it). */
export async function decideCase(
  { db, temporal }: { db: Database; temporal: Client },
  applicationId: string,
  caseworker: string,
  input: DecisionInput,
  updateId?: string,
): Promise<CaseState> {
  const amountGrantedOre = await checkDecision(db, applicationId, input);
  return workflowCall(() =>
    temporal.workflow.getHandle(grantApplicationWorkflowId(applicationId)).executeUpdate(decideUpdate, {
      args: [{ caseworker, outcome: input.outcome, amountGrantedOre: Number(amountGrantedOre), reasons: input.reasons, conditions: input.conditions }],
      updateId,
    }),
  );
}
