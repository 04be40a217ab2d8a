import { messageKey } from '../../../domain/message-key';
import type { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Database } from '../../../lib/db';
import type { decisionSchema } from '../../../domain/case-actions';
import { kronerToOre } from '../../../domain/money';
import { grantApplicationWorkflowId } from '../../../domain/workflow-ids';
import { applicationForCheck, decisionCheck, type ApplicationForCheck } from './decision-check';
import { decideUpdate, type CaseState } from '../../../workflows/messages';
import type { StaffIdentity } from '../../../lib/staff-auth';
import { ApiError } from '../http/errors';
import { refuseConflictedOnCase } from './conflicts';
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
  if (application.round.mode === 'deadline') await checkRemainingBudget(db, application, amountGrantedOre);
  return amountGrantedOre;
}

/**
 * A deadline round's case decided on its own (left out of the allocation) is granted from what the
 * allocation and earlier such decisions left of the round's budget.
 */
async function checkRemainingBudget(db: Database, application: ApplicationForCheck, amountGrantedOre: bigint): Promise<void> {
  const granted = await db.application.aggregate({ where: { roundId: application.roundId, id: { not: application.id } }, _sum: { amountGrantedOre: true } });
  const remaining = application.round.budgetOre - (granted._sum.amountGrantedOre ?? 0n);
  if (amountGrantedOre > remaining) {
    throw new ApiError(400, 'validation_failed', 'errors.validation.failed', [{ path: 'amountGranted', message: messageKey('errors.decision.overRemainingBudget') }], {
      remaining: Number((remaining > 0n ? remaining : 0n) / 100n),
    });
  }
}

/** Checks the decision (and that no declared tie bars the caseworker), then asks the workflow to make it (409 when the state does not allow it). */
export async function decideCase(
  { db, temporal }: { db: Database; temporal: Client },
  applicationId: string,
  staff: StaffIdentity,
  input: DecisionInput,
  updateId?: string,
): Promise<CaseState> {
  const declaredCvrs = await refuseConflictedOnCase(db, applicationId, staff);
  const amountGrantedOre = await checkDecision(db, applicationId, input);
  return workflowCall(() =>
    temporal.workflow.getHandle(grantApplicationWorkflowId(applicationId)).executeUpdate(decideUpdate, {
      args: [{ caseworker: staff.email, declaredCvrs, outcome: input.outcome, amountGrantedOre: Number(amountGrantedOre), reasons: input.reasons, conditions: input.conditions }],
      updateId,
    }),
  );
}
