import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Database } from '../../../lib/db';
import {
  approvalSchema,
  assignmentSchema,
  decisionSchema,
  informationRequestSchema,
  reportReviewSchema,
  reportSchema,
  supplementSchema,
  withdrawalSchema,
} from '../../../domain/case-actions';
import { kronerToOre } from '../../../domain/money';
import { grantApplicationWorkflowId } from '../../../domain/status';
import { assertDecisionIsExplained, DecisionLetterError } from '../../../activities/letters/decision-letter';
import {
  approvalUpdate,
  caseStateQuery,
  claimUpdate,
  decideUpdate,
  releaseUpdate,
  reportStateQuery,
  requestInformationUpdate,
  reviewReportUpdate,
  submitReportSignal,
  supplementSignal,
  withdrawSignal,
  type CaseAction,
} from '../../../workflows/messages';
import { ApiError, parseInput } from '../http/errors';
import { applicationIdOf, caseAccess } from '../http/case-access';
import { requireStaff } from '../http/staff';
import { workflowCall } from '../http/workflow-errors';
import { idempotencyKeyOf } from '../http/idempotency';

export function reportWorkflowId(applicationId: string): string {
  return `grant-report-${applicationId}`;
}

/**
 * What caseworkers, approvers and associations do to a case. Caseworker actions are Temporal
 * Updates (the workflow's validators refuse what the state does not allow: 409); the applicant's
 * are Signals, sent only after the current state was checked.
 */
export function caseActionsRouter({ db, temporal }: { db: Database; temporal: Client }): Router {
  const router = Router();
  const caseHandle = (applicationId: string) => temporal.workflow.getHandle(grantApplicationWorkflowId(applicationId));

  async function requireAllowed(applicationId: string, action: CaseAction): Promise<void> {
    const state = await workflowCall(() => caseHandle(applicationId).query(caseStateQuery));
    if (!state.allowedActions.includes(action)) throw new ApiError(409, 'action_not_allowed', 'action.notAllowed', [], { status: state.status });
  }

  router.post('/applications/:id/assignment', async (req, res) => {
    const staff = requireStaff(res, 'caseworker', 'approver');
    const id = applicationIdOf(req);
    const { assignee } = parseInput(assignmentSchema, req.body ?? {}, req);
    const state = await workflowCall(() =>
      caseHandle(id).executeUpdate(claimUpdate, { args: [{ caseworker: staff.email, assignee }], updateId: idempotencyKeyOf(req) }),
    );
    res.json(state);
  });

  router.delete('/applications/:id/assignment', async (req, res) => {
    const staff = requireStaff(res, 'caseworker', 'approver');
    const id = applicationIdOf(req);
    const state = await workflowCall(() => caseHandle(id).executeUpdate(releaseUpdate, { args: [{ caseworker: staff.email }], updateId: idempotencyKeyOf(req) }));
    res.json(state);
  });

  router.post('/applications/:id/information-requests', async (req, res) => {
    const staff = requireStaff(res, 'caseworker');
    const id = applicationIdOf(req);
    const { items, message } = parseInput(informationRequestSchema, req.body, req);
    const state = await workflowCall(() =>
      caseHandle(id).executeUpdate(requestInformationUpdate, { args: [{ caseworker: staff.email, items, message }], updateId: idempotencyKeyOf(req) }),
    );
    res.status(201).json(state);
  });

  router.post('/applications/:id/decision', async (req, res) => {
    const staff = requireStaff(res, 'caseworker');
    const id = applicationIdOf(req);
    const input = parseInput(decisionSchema, req.body, req);
    const application = await db.application.findUnique({ where: { id }, select: { amountRequestedOre: true, round: { select: { decisionCriteria: true } } } });
    if (!application) throw new ApiError(404, 'not_found', 'application.notFound');
    const criteria = (application.round.decisionCriteria as { code: string; label: Record<string, string> }[]) ?? [];
    const unknown = input.reasons.criteria.filter((code) => !criteria.some((c) => c.code === code));
    if (unknown.length) {
      throw new ApiError(400, 'validation_failed', 'validation.failed', [{ path: 'reasons.criteria', message: `Unknown criteria: ${unknown.join(', ')}` }]);
    }
    const amountGrantedOre = kronerToOre(input.amountGranted);
    try {
      // The letter must be sendable: refuse an unexplained or inconsistent decision before it is made.
      const worded = input.reasons.criteria.map((code) => criteria.find((c) => c.code === code)?.label.da ?? code);
      assertDecisionIsExplained({ outcome: input.outcome, amountRequestedOre: application.amountRequestedOre, amountGrantedOre, reasons: { ...input.reasons, criteria: worded } });
    } catch (error) {
      if (error instanceof DecisionLetterError) {
        const reasonsProblem = error.code === 'reasons_missing' || error.code === 'reasons_insufficient';
        throw new ApiError(400, 'validation_failed', 'validation.failed', [
          reasonsProblem ? { path: 'reasons', message: 'i18n:decision.reasonsRequired' } : { path: 'amountGranted', message: 'i18n:decision.amountInvalid' },
        ]);
      }
      throw error;
    }
    const state = await workflowCall(() =>
      caseHandle(id).executeUpdate(decideUpdate, {
        args: [{ caseworker: staff.email, outcome: input.outcome, amountGrantedOre: Number(amountGrantedOre), reasons: input.reasons, conditions: input.conditions }],
        updateId: idempotencyKeyOf(req),
      }),
    );
    res.json(state);
  });

  router.post('/applications/:id/approval', async (req, res) => {
    const staff = requireStaff(res, 'approver');
    const id = applicationIdOf(req);
    const { approve, comment } = parseInput(approvalSchema, req.body, req);
    const state = await workflowCall(() =>
      caseHandle(id).executeUpdate(approvalUpdate, { args: [{ approver: staff.email, approve, comment }], updateId: idempotencyKeyOf(req) }),
    );
    res.json(state);
  });

  router.post('/applications/:id/supplements', async (req, res) => {
    const id = applicationIdOf(req);
    await caseAccess(db, req, res, id);
    const input = parseInput(supplementSchema, req.body, req);
    const state = await workflowCall(() => caseHandle(id).query(caseStateQuery));
    if (!state.allowedActions.includes('supplement') || !state.openRequest) {
      throw new ApiError(409, 'action_not_allowed', 'action.notAllowed', [], { status: state.status });
    }
    const requestSequence = input.requestSequence ?? state.openRequest.sequence;
    if (requestSequence !== state.openRequest.sequence) throw new ApiError(409, 'action_not_allowed', 'action.notAllowed', [], { status: state.status });
    await caseHandle(id).signal(supplementSignal, { requestSequence, text: input.text, documentIds: input.documentIds, at: new Date().toISOString() });
    res.status(202).json({ accepted: true });
  });

  router.post('/applications/:id/withdrawal', async (req, res) => {
    const id = applicationIdOf(req);
    await caseAccess(db, req, res, id);
    const { reason } = parseInput(withdrawalSchema, req.body ?? {}, req);
    await requireAllowed(id, 'withdraw');
    await caseHandle(id).signal(withdrawSignal, { reason, at: new Date().toISOString() });
    res.status(202).json({ accepted: true });
  });

  router.post('/applications/:id/reports', async (req, res) => {
    const id = applicationIdOf(req);
    await caseAccess(db, req, res, id);
    const report = parseInput(reportSchema, req.body, req);
    const handle = temporal.workflow.getHandle(reportWorkflowId(id));
    const state = await workflowCall(() => handle.query(reportStateQuery)).catch((error) => {
      if (error instanceof ApiError && error.status === 404) throw new ApiError(409, 'action_not_allowed', 'action.notAllowed', [], { status: 'DECIDED' });
      throw error;
    });
    if (state.status !== 'REPORT_DUE' || state.submitted) throw new ApiError(409, 'action_not_allowed', 'action.notAllowed', [], { status: state.status });
    await handle.signal(submitReportSignal, { ...report, at: new Date().toISOString() });
    res.status(202).json({ accepted: true });
  });

  /** {id} is the application's ID; a report is reviewed in its application's reporting workflow. */
  router.post('/reports/:id/review', async (req, res) => {
    const staff = requireStaff(res, 'caseworker');
    const id = applicationIdOf(req);
    const { accept, comment } = parseInput(reportReviewSchema, req.body, req);
    const state = await workflowCall(() =>
      temporal.workflow.getHandle(reportWorkflowId(id)).executeUpdate(reviewReportUpdate, { args: [{ caseworker: staff.email, accept, comment }], updateId: idempotencyKeyOf(req) }),
    );
    res.json(state);
  });

  router.get('/applications/:id/letter.pdf', async (req, res) => {
    const id = applicationIdOf(req);
    await caseAccess(db, req, res, id);
    const letter = await db.document.findFirst({ where: { applicationId: id, kind: 'decision_letter' }, orderBy: { createdAt: 'desc' } });
    if (!letter) throw new ApiError(404, 'not_found', 'letter.notYet');
    res
      .set({
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${letter.filename}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      })
      .send(Buffer.from(letter.content));
  });

  return router;
}
