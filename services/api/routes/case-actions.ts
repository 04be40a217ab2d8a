import { messageKey } from '../../../domain/message-key';
import { Router } from 'express';
import type { z } from 'zod';
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
import { grantApplicationWorkflowId, reportWorkflowId } from '../../../domain/workflow-ids';
import {
  caseStateQuery,
  reportStateQuery,
  submitReportSignal,
  supplementSignal,
  withdrawSignal,
} from '../../../workflows/messages';
import { ApiError, parseInput } from '../http/errors';
import { applicationIdOf, caseAccess } from '../http/case-access';
import { requireStaff } from '../http/staff';
import { workflowCall } from '../http/workflow-errors';
import { idempotencyKeyOf } from '../http/idempotency';
import { documentsNotOnApplication } from '../documents/store';
import { decideCase } from '../casework/decision';
import { answerApproval, claimCase, releaseCase, requestInformation, reviewReport } from '../casework/actions';
import { recordAccess, recordAudit } from '../audit/log';
import { sendDocument } from '../documents/download';


interface ApplicantActionDependencies {
  db: Database;
  temporal: Client;
}

/** Referenced documents must be uploads of this very application (400 naming the field otherwise). */
async function requireOwnDocuments(db: Database, applicationId: string, documentIds: readonly string[]): Promise<void> {
  const foreign = await documentsNotOnApplication(db, applicationId, documentIds);
  if (foreign.length) throw new ApiError(400, 'validation_failed', 'errors.document.notOnCase', [{ path: 'documentIds', message: messageKey('errors.document.notOnCase') }]);
}

// The association's actions, shared by the JSON API and the case page: the same checks either way.

/** Answers the open information request (409 when none is open or another one is named). */
export async function sendSupplement({ db, temporal }: ApplicantActionDependencies, applicationId: string, input: z.infer<typeof supplementSchema>): Promise<void> {
  const handle = temporal.workflow.getHandle(grantApplicationWorkflowId(applicationId));
  const state = await workflowCall(() => handle.query(caseStateQuery));
  if (!state.allowedActions.includes('supplement') || !state.openRequest) {
    throw new ApiError(409, 'action_not_allowed', 'errors.action.notAllowed', [], { status: state.status });
  }
  const requestSequence = input.requestSequence ?? state.openRequest.sequence;
  if (requestSequence !== state.openRequest.sequence) throw new ApiError(409, 'action_not_allowed', 'errors.action.notAllowed', [], { status: state.status });
  await requireOwnDocuments(db, applicationId, input.documentIds);
  await handle.signal(supplementSignal, { requestSequence, text: input.text, documentIds: input.documentIds, at: new Date().toISOString() });
}

export async function sendWithdrawal({ temporal }: ApplicantActionDependencies, applicationId: string, input: z.infer<typeof withdrawalSchema>): Promise<void> {
  const handle = temporal.workflow.getHandle(grantApplicationWorkflowId(applicationId));
  const state = await workflowCall(() => handle.query(caseStateQuery));
  if (!state.allowedActions.includes('withdraw')) throw new ApiError(409, 'action_not_allowed', 'errors.action.notAllowed', [], { status: state.status });
  await handle.signal(withdrawSignal, { reason: input.reason, at: new Date().toISOString() });
}

/** Sends the follow-up report while one is due (409 otherwise). */
export async function sendReport({ db, temporal }: ApplicantActionDependencies, applicationId: string, report: z.infer<typeof reportSchema>): Promise<void> {
  const handle = temporal.workflow.getHandle(reportWorkflowId(applicationId));
  const state = await workflowCall(() => handle.query(reportStateQuery)).catch((error) => {
    if (error instanceof ApiError && error.status === 404) throw new ApiError(409, 'action_not_allowed', 'errors.action.notAllowed', [], { status: 'DECIDED' });
    throw error;
  });
  if (state.status !== 'REPORT_DUE' || state.submitted) throw new ApiError(409, 'action_not_allowed', 'errors.action.notAllowed', [], { status: state.status });
  await requireOwnDocuments(db, applicationId, report.documentIds);
  await handle.signal(submitReportSignal, { ...report, at: new Date().toISOString() });
}

/**
 * What caseworkers, approvers and associations do to a case. Caseworker actions are Temporal
 * Updates (the workflow's validators refuse what the state does not allow: 409); the applicant's
 * are Signals, sent only after the current state was checked.
 */
export function caseActionsRouter({ db, temporal }: { db: Database; temporal: Client }): Router {
  const router = Router();
  router.post('/applications/:id/assignment', async (req, res) => {
    const staff = requireStaff(res, 'caseworker', 'approver');
    const id = applicationIdOf(req);
    const { assignee } = parseInput(assignmentSchema, req.body ?? {}, req);
    const state = await claimCase(temporal, id, staff.email, assignee, idempotencyKeyOf(req));
    await recordAudit(db, staff, 'case.claim', { applicationId: id, details: { assignee: assignee ?? staff.email } });
    res.json(state);
  });

  router.delete('/applications/:id/assignment', async (req, res) => {
    const staff = requireStaff(res, 'caseworker', 'approver');
    const id = applicationIdOf(req);
    const state = await releaseCase(temporal, id, staff.email, idempotencyKeyOf(req));
    await recordAudit(db, staff, 'case.release', { applicationId: id });
    res.json(state);
  });

  router.post('/applications/:id/information-requests', async (req, res) => {
    const staff = requireStaff(res, 'caseworker');
    const id = applicationIdOf(req);
    const { items, message } = parseInput(informationRequestSchema, req.body, req);
    const state = await requestInformation(temporal, id, staff.email, items, message, idempotencyKeyOf(req));
    await recordAudit(db, staff, 'case.request_information', { applicationId: id, details: { items } });
    res.status(201).json(state);
  });

  router.post('/applications/:id/decision', async (req, res) => {
    const staff = requireStaff(res, 'caseworker');
    const id = applicationIdOf(req);
    const input = parseInput(decisionSchema, req.body, req);
    const state = await decideCase({ db, temporal }, id, staff.email, input, idempotencyKeyOf(req));
    await recordAudit(db, staff, 'case.decide', { applicationId: id, details: { outcome: input.outcome, amountGranted: input.amountGranted, criteria: input.reasons.criteria } });
    res.json(state);
  });

  router.post('/applications/:id/approval', async (req, res) => {
    const staff = requireStaff(res, 'approver');
    const id = applicationIdOf(req);
    const { approve, comment } = parseInput(approvalSchema, req.body, req);
    const state = await answerApproval(temporal, id, staff.email, approve, comment, idempotencyKeyOf(req));
    await recordAudit(db, staff, approve ? 'decision.approve' : 'decision.return', { applicationId: id, details: comment ? { comment } : {} });
    res.json(state);
  });

  router.post('/applications/:id/supplements', async (req, res) => {
    const id = applicationIdOf(req);
    await caseAccess(db, req, res, id);
    await sendSupplement({ db, temporal }, id, parseInput(supplementSchema, req.body, req));
    res.status(202).json({ accepted: true });
  });

  router.post('/applications/:id/withdrawal', async (req, res) => {
    const id = applicationIdOf(req);
    await caseAccess(db, req, res, id);
    await sendWithdrawal({ db, temporal }, id, parseInput(withdrawalSchema, req.body ?? {}, req));
    res.status(202).json({ accepted: true });
  });

  router.post('/applications/:id/reports', async (req, res) => {
    const id = applicationIdOf(req);
    await caseAccess(db, req, res, id);
    await sendReport({ db, temporal }, id, parseInput(reportSchema, req.body, req));
    res.status(202).json({ accepted: true });
  });

  /** {id} is the application's ID; a report is reviewed in its application's reporting workflow. */
  router.post('/reports/:id/review', async (req, res) => {
    const staff = requireStaff(res, 'caseworker');
    const id = applicationIdOf(req);
    const { accept, comment } = parseInput(reportReviewSchema, req.body, req);
    const state = await reviewReport(temporal, id, staff.email, accept, comment, idempotencyKeyOf(req));
    await recordAudit(db, staff, accept ? 'report.accept' : 'report.send_back', { applicationId: id, details: comment ? { comment } : {} });
    res.json(state);
  });

  router.get('/applications/:id/letter.pdf', async (req, res) => {
    const id = applicationIdOf(req);
    const access = await caseAccess(db, req, res, id);
    const letter = await db.document.findFirst({ where: { applicationId: id, kind: 'decision_letter' }, orderBy: { createdAt: 'desc' } });
    if (!letter) throw new ApiError(404, 'not_found', 'errors.letter.notYet');
    if (access.kind === 'staff') await recordAccess(db, access.staff, id, 'document_download');
    sendDocument(res, letter);
  });

  return router;
}
