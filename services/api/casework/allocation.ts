import type { Client } from '@temporalio/client';
import type { z } from 'zod';
import type { Database } from '../../../lib/db';
import type { allocationConfirmationSchema } from '../../../domain/case-actions';
import { kronerToOre } from '../../../domain/money';
import { formatCaseReference } from '../../../domain/reference';
import { fundingRoundWorkflowId } from '../../../domain/workflow-ids';
import { t, type Language } from '../../../locale';
import { approveAllocationUpdate, confirmAllocationUpdate, roundStateQuery, type RoundState } from '../../../workflows/messages';
import type { StaffIdentity } from '../../../lib/staff-auth';
import { ApiError, type FieldIssue } from '../http/errors';
import { refuseConflictedOnRound } from './conflicts';
import { workflowCall } from '../http/workflow-errors';
import { applicationForCheck, decisionCheck } from './decision-check';

export type AllocationDecisions = z.infer<typeof allocationConfirmationSchema>['decisions'];

/** A deadline round's state: open, closed with a proposed allocation, awaiting its second signature, or allocated. */
export function roundAllocation(temporal: Client, roundId: string): Promise<RoundState> {
  return workflowCall(() => temporal.workflow.getHandle(fundingRoundWorkflowId(roundId)).query(roundStateQuery));
}

/**
 * Every decision of an allocation through the rules a single decision passes (criteria the round
 * knows, amount against outcome, a begrundelse about the application, in the words its letter
 * will print). One issue per failing case, naming its reference and field, in the caller's
 * language; nothing is confirmed while any remains.
 */
export async function checkAllocation(db: Database, roundId: string, decisions: AllocationDecisions, language: Language): Promise<void> {
  const applications = await db.application.findMany({ where: { id: { in: decisions.map((d) => d.applicationId) } }, select: applicationForCheck });
  const byId = new Map(applications.map((a) => [a.id, a]));
  const issues: FieldIssue[] = [];
  decisions.forEach((decision, index) => {
    const application = byId.get(decision.applicationId);
    if (!application || application.roundId !== roundId) {
      issues.push({ path: `decisions.${index}.applicationId`, message: t(language, 'errors.decision.allocationCase', { reference: decision.applicationId, problem: t(language, 'errors.decision.allocationNotInRound') }) });
      return;
    }
    const reference = formatCaseReference(application.referenceNumber, application.submittedAt ?? application.createdAt);
    for (const problem of decisionCheck(application, { outcome: decision.outcome, amountGrantedOre: kronerToOre(decision.amountGranted), reasons: decision.reasons })) {
      issues.push({ path: `decisions.${index}.${problem.field}`, message: t(language, 'errors.decision.allocationCase', { reference, problem: t(language, problem.messageKey, problem.values) }) });
    }
  });
  if (issues.length) throw new ApiError(400, 'validation_failed', 'errors.validation.failed', issues);
}

/**
 * An approver confirms the allocation once it passes the decision rules, and only when they have
 * declared no tie to any association in the round (inhabilitet; the workflow checks it too). Unless a grant is above
 * the round's four-eyes threshold, the round then sends every application its decision; above it,
 * the allocation waits for a second approver.
 */
export async function confirmAllocation(
  { db, temporal }: { db: Database; temporal: Client },
  roundId: string,
  staff: StaffIdentity,
  decisions: AllocationDecisions,
  language: Language,
  updateId?: string,
): Promise<RoundState> {
  const declaredCvrs = await refuseConflictedOnRound(db, roundId, staff);
  await checkAllocation(db, roundId, decisions, language);
  return workflowCall(() =>
    temporal.workflow.getHandle(fundingRoundWorkflowId(roundId)).executeUpdate(confirmAllocationUpdate, {
      args: [
        {
          approver: staff.email,
          declaredCvrs,
          decisions: decisions.map((d) => ({ applicationId: d.applicationId, outcome: d.outcome, amountGrantedOre: Number(kronerToOre(d.amountGranted)), reasons: d.reasons })),
        },
      ],
      updateId,
    }),
  );
}

/** The second signature on an allocation above the four-eyes threshold: approve, or send it back with a comment. */
export async function answerAllocation({ db, temporal }: { db: Database; temporal: Client }, roundId: string, staff: StaffIdentity, approve: boolean, comment?: string, updateId?: string): Promise<RoundState> {
  const declaredCvrs = await refuseConflictedOnRound(db, roundId, staff);
  return workflowCall(() =>
    temporal.workflow.getHandle(fundingRoundWorkflowId(roundId)).executeUpdate(approveAllocationUpdate, { args: [{ approver: staff.email, approve, comment, declaredCvrs }], updateId }),
  );
}
