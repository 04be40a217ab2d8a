import { messageKey } from '../../../domain/message-key';
import { reportWindowOpen } from '../../../domain/report-window';
import { calendarDateIn } from '../../../domain/tiers';
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi';
import type { StaffIdentity } from '../../../lib/staff-auth';
import type { StaffAction } from '../../../domain/staff-policy';
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
import { consultationCommentsSchema, consultationSchema } from '../../../domain/consultation-schema';
import { grantApplicationWorkflowId, reportWorkflowId } from '../../../domain/workflow-ids';
import {
  caseStateQuery,
  consultationCommentsSignal,
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
import { requestJurisdiction } from '../http/language';
import type { Jurisdiction } from '../../../domain/jurisdiction';
import { documentsNotOnApplication } from '../documents/store';
import { decideCase } from '../casework/decision';
import { answerApproval, claimCase, consultParty, releaseCase, requestInformation, reviewReport } from '../casework/actions';
import { answerReconsideration, registerBoardDecision, requestReconsideration } from '../casework/reconsideration';
import { boardDecisionSchema, reconsiderationAnswerSchema, reconsiderationRequestSchema } from '../../../domain/reconsideration-input';
import { repaymentDecisionSchema, repaymentPaymentSchema } from '../../../domain/repayment-schema';
import { grantChangeDecisionSchema, grantChangeRequestSchema, grantDeclineSchema } from '../../../domain/grant-change-input';
import { decideGrantChange, declineGrant, requestGrantChange } from '../casework/grant-changes';
import { decideRepayment, registerRepaymentPaid } from '../casework/repayment';
import { recordAccess, recordAudit } from '../audit/log';
import { sendDocument } from '../documents/download';
import { caseActionOperation, errorResponse, fileResponse, mergePaths, operationAt, SECURITY, uuidPath } from '../http/openapi';


interface ApplicantActionDependencies {
  db: Database;
  temporal: Client;
  /** The deployment's jurisdiction: a Norwegian municipality's decisions take a klage. */
  config: { JURISDICTION: Jurisdiction };
}

/** Referenced documents must be uploads of this very application (400 naming the field otherwise). */
async function requireOwnDocuments(db: Database, applicationId: string, documentIds: readonly string[]): Promise<void> {
  const foreign = await documentsNotOnApplication(db, applicationId, documentIds);
  if (foreign.length) throw new ApiError(400, 'validation_failed', 'errors.document.notOnCase', [{ path: 'documentIds', message: messageKey('errors.document.notOnCase') }]);
}

// The association's actions, shared by the JSON API and the case page: the same checks either way.

/** Answers the open information request (409 when none is open or another one is named). */
export async function sendSupplement({ db, temporal }: ApplicantActionDependencies, applicationId: string, input: z.infer<typeof supplementSchema>, enteredBy?: string): Promise<void> {
  const handle = temporal.workflow.getHandle(grantApplicationWorkflowId(applicationId));
  const state = await workflowCall(() => handle.query(caseStateQuery));
  if (!state.allowedActions.includes('supplement') || !state.openRequest) {
    throw new ApiError(409, 'action_not_allowed', 'errors.action.notAllowed', [], { status: state.status });
  }
  const requestSequence = input.requestSequence ?? state.openRequest.sequence;
  if (requestSequence !== state.openRequest.sequence) throw new ApiError(409, 'action_not_allowed', 'errors.action.notAllowed', [], { status: state.status });
  await requireOwnDocuments(db, applicationId, input.documentIds);
  await handle.signal(supplementSignal, { requestSequence, text: input.text, documentIds: input.documentIds, at: new Date().toISOString(), enteredBy });
}

/** Answers the open partshøring with comments and/or documents (409 when none is open or another one is named). */
export async function sendConsultationComments({ db, temporal }: ApplicantActionDependencies, applicationId: string, input: z.infer<typeof consultationCommentsSchema>, enteredBy?: string): Promise<void> {
  const handle = temporal.workflow.getHandle(grantApplicationWorkflowId(applicationId));
  const state = await workflowCall(() => handle.query(caseStateQuery));
  const open = state.openConsultation;
  if (!state.allowedActions.includes('comment') || !open || (input.consultationSequence ?? open.sequence) !== open.sequence) {
    throw new ApiError(409, 'action_not_allowed', 'errors.action.notAllowed', [], { status: state.status });
  }
  if (!input.text && !input.documentIds.length) {
    throw new ApiError(400, 'validation_failed', 'errors.validation.failed', [{ path: 'text', message: messageKey('errors.consultation.commentsEmpty') }]);
  }
  await requireOwnDocuments(db, applicationId, input.documentIds);
  await handle.signal(consultationCommentsSignal, { consultationSequence: open.sequence, text: input.text, documentIds: input.documentIds, at: new Date().toISOString(), enteredBy });
}

export async function sendWithdrawal({ temporal }: ApplicantActionDependencies, applicationId: string, input: z.infer<typeof withdrawalSchema>, enteredBy?: string): Promise<void> {
  const handle = temporal.workflow.getHandle(grantApplicationWorkflowId(applicationId));
  const state = await workflowCall(() => handle.query(caseStateQuery));
  if (!state.allowedActions.includes('withdraw')) throw new ApiError(409, 'action_not_allowed', 'errors.action.notAllowed', [], { status: state.status });
  await handle.signal(withdrawSignal, { reason: input.reason, at: new Date().toISOString(), enteredBy });
}

/** Sends the follow-up report while one is due and its window is open (409 otherwise). */
export async function sendReport({ db, temporal }: ApplicantActionDependencies, applicationId: string, report: z.infer<typeof reportSchema>, enteredBy?: string): Promise<void> {
  const handle = temporal.workflow.getHandle(reportWorkflowId(applicationId));
  const state = await workflowCall(() => handle.query(reportStateQuery)).catch((error) => {
    if (error instanceof ApiError && error.status === 404) throw new ApiError(409, 'action_not_allowed', 'errors.action.notAllowed', [], { status: 'DECIDED' });
    throw error;
  });
  if (!reportWindowOpen(state.opensAt)) throw new ApiError(409, 'report_not_open', 'errors.report.notOpenYet', [], { opensAt: calendarDateIn(new Date(state.opensAt!)) });
  if (state.status !== 'REPORT_DUE' || state.submitted) throw new ApiError(409, 'action_not_allowed', 'errors.action.notAllowed', [], { status: state.status });
  await requireOwnDocuments(db, applicationId, report.documentIds);
  await handle.signal(submitReportSignal, { ...report, at: new Date().toISOString(), enteredBy });
}

/** Said where a body's fields are all optional: the body may then be left out altogether. */
function bodyOf(schema: z.ZodType, req: Request): unknown {
  return req.body === undefined && schema.safeParse({}).success ? {} : req.body;
}

type Dependencies = ApplicantActionDependencies;
/** Who acts on which case, and the Idempotency-Key that becomes the workflow Update ID. */
type ActionContext = { id: string; staff: StaffIdentity; updateId?: string };
type AuditEntry = [action: string, details?: Record<string, unknown>];

/** A staff action on a case: a Temporal Update, an audit row, the state after it. */
interface StaffCaseAction {
  method: 'post' | 'delete';
  path: string;
  operation: ZodOpenApiOperationObject;
  /** Who may, by the role policy (domain/staff-policy.ts). */
  action: StaffAction;
  created?: boolean;
  perform(deps: Dependencies, req: Request, act: ActionContext): Promise<{ state: unknown; audit: AuditEntry }>;
}

interface StaffActionDeclaration<S extends z.ZodType> extends Omit<StaffCaseAction, 'perform' | 'operation' | 'method'> {
  method?: 'post' | 'delete';
  summary: string;
  body?: S;
  /** The document's answer when it is not the case state. */
  answer?: z.ZodType;
  run(deps: Dependencies, input: z.infer<S>, act: ActionContext): Promise<{ state: unknown; audit: AuditEntry }>;
}

function staffAction<S extends z.ZodType>({ method = 'post', summary, body, answer, run, ...rest }: StaffActionDeclaration<S>): StaffCaseAction {
  return {
    ...rest,
    method,
    operation: caseActionOperation({ summary, body, answer, security: 'staff', status: rest.created ? 201 : 200 }),
    perform: (deps, req, act) => run(deps, body ? parseInput(body, bodyOf(body, req), req) : (undefined as z.infer<S>), act),
  };
}

const withComment = (comment?: string) => (comment ? { comment } : {});

const STAFF_ACTIONS: StaffCaseAction[] = [
  staffAction({
    path: '/applications/:id/assignment',
    summary: 'Claim the case (or assign it with { assignee })',
    action: 'case.claim',
    body: assignmentSchema.meta({ id: 'Assignment' }),
    run: async (deps, { assignee }, { id, staff, updateId }) => ({
      state: await claimCase(deps, id, staff, assignee, updateId),
      audit: ['case.claim', { assignee: assignee ?? staff.email }],
    }),
  }),
  staffAction({
    method: 'delete',
    path: '/applications/:id/assignment',
    summary: 'Release the case back to the queue',
    action: 'case.release',
    run: async ({ temporal }, _none, { id, staff, updateId }) => ({ state: await releaseCase(temporal, id, staff.email, updateId), audit: ['case.release'] }),
  }),
  staffAction({
    path: '/applications/:id/information-requests',
    summary: 'Ask the association for missing information',
    action: 'case.requestInformation',
    body: informationRequestSchema.meta({ id: 'InformationRequest' }),
    created: true,
    run: async ({ temporal }, { items, message }, { id, staff, updateId }) => ({
      state: await requestInformation(temporal, id, staff.email, items, message, updateId),
      audit: ['case.request_information', { items }],
    }),
  }),
  staffAction({
    path: '/applications/:id/consultations',
    summary: 'Partshøring: send the facts a decision would rest on to the association for comment, with an answer deadline',
    action: 'case.consult',
    body: consultationSchema.meta({ id: 'Consultation' }),
    created: true,
    run: async ({ temporal }, { facts, message, answerBy }, { id, staff, updateId }) => ({
      state: await consultParty(temporal, id, { caseworker: staff.email, facts, message, answerBy }, updateId),
      audit: ['case.consult', { facts: facts.length, answerBy }],
    }),
  }),
  staffAction({
    path: '/applications/:id/decision',
    summary: 'Decide: above the round’s four-eyes threshold the decision awaits approval',
    action: 'case.decide',
    body: decisionSchema.meta({ id: 'Decision' }),
    run: async (deps, input, { id, staff, updateId }) => ({
      state: await decideCase(deps, id, staff, input, updateId),
      audit: ['case.decide', { outcome: input.outcome, amountGranted: input.amountGranted, criteria: input.reasons.criteria }],
    }),
  }),
  staffAction({
    path: '/applications/:id/approval',
    summary: 'Approve a decision, or return it with a comment (not by the one who decided)',
    action: 'case.approve',
    body: approvalSchema.meta({ id: 'Approval' }),
    run: async (deps, { approve, comment }, { id, staff, updateId }) => ({
      state: await answerApproval(deps, id, staff, approve, comment, updateId),
      audit: [approve ? 'decision.approve' : 'decision.return', withComment(comment)],
    }),
  }),
  staffAction({
    path: '/applications/:id/reconsideration/answer',
    summary: 'Answer the open request for reconsideration: uphold (with reasons) or change it; a Norwegian klage is changed or forwarded to the klagenemnd',
    action: 'reconsideration.answer',
    body: reconsiderationAnswerSchema.meta({ id: 'ReconsiderationAnswer' }),
    run: async (deps, input, { id, staff, updateId }) => ({
      state: await answerReconsideration(deps, id, staff.email, input, updateId),
      audit: ['reconsideration.answer', { answer: input.answer, outcome: input.outcome, amountGranted: input.amountGranted }],
    }),
  }),
  staffAction({
    path: '/applications/:id/reconsideration/board-decision',
    summary: 'Register the klagenemnd’s decision on a forwarded klage; it is sent to the association, and a changed decision applied',
    action: 'reconsideration.answer',
    body: boardDecisionSchema.meta({ id: 'BoardDecision' }),
    run: async (deps, input, { id, staff, updateId }) => ({
      state: await registerBoardDecision(deps, id, staff.email, input, updateId),
      audit: ['reconsideration.board_decision', { boardOutcome: input.boardOutcome, decidedOn: input.decidedOn, outcome: input.outcome, amountGranted: input.amountGranted }],
    }),
  }),
  // {id} is the application's ID; a report is reviewed in its application's reporting workflow.
  staffAction({
    path: '/reports/:id/review',
    summary: 'Accept a follow-up report or send it back ({id} is the application ID)',
    action: 'report.review',
    body: reportReviewSchema.meta({ id: 'ReportReview' }),
    answer: z.looseObject({}).meta({ description: 'The state of the reporting workflow after the review' }),
    run: async ({ temporal }, { accept, comment }, { id, staff, updateId }) => ({
      state: await reviewReport(temporal, id, staff.email, accept, comment, updateId),
      audit: [accept ? 'report.accept' : 'report.send_back', withComment(comment)],
    }),
  }),
  staffAction({
    path: '/applications/:id/repayment/decision',
    summary: 'Decide the repayment claim an accepted report proposed: confirm, reduce (amount in kroner, above 0 and below the proposal), waive, or carry the money over to a new period (newPeriodEnd); always with reasons. A claim gets its letter, email and payment deadline',
    action: 'repayment.decide',
    body: repaymentDecisionSchema.meta({ id: 'RepaymentDecision' }),
    answer: z.looseObject({}).meta({ description: 'The state of the reporting workflow after the decision' }),
    run: async ({ temporal }, input, { id, staff, updateId }) => ({
      state: await decideRepayment(temporal, id, staff.email, input, updateId),
      audit: ['repayment.decide', { outcome: input.outcome, amount: input.amount, newPeriodEnd: input.newPeriodEnd }],
    }),
  }),
  staffAction({
    path: '/applications/:id/grant-changes/decision',
    summary: 'Approve or refuse the association’s waiting request to change the activity or its period, with reasons; the association gets a letter and an email, and an approved period moves the report’s due date',
    action: 'grantChange.decide',
    body: grantChangeDecisionSchema.meta({ id: 'GrantChangeDecision' }),
    answer: z.looseObject({}).meta({ description: 'The case state after the decision' }),
    run: async ({ temporal }, input, { id, staff, updateId }) => ({
      state: await decideGrantChange(temporal, id, staff.email, input, updateId),
      audit: ['grant_change.decide', { approve: input.approve }],
    }),
  }),
  staffAction({
    path: '/applications/:id/repayment/payment',
    summary: 'Register a claimed repayment as paid (the day the money reached the municipality’s account); the case then closes',
    action: 'repayment.registerPaid',
    body: repaymentPaymentSchema.meta({ id: 'RepaymentPayment' }),
    answer: z.looseObject({}).meta({ description: 'The state of the reporting workflow after the payment was registered' }),
    run: async ({ temporal }, input, { id, staff, updateId }) => ({
      state: await registerRepaymentPaid(temporal, id, staff.email, input, updateId),
      audit: ['repayment.register_paid', { paidOn: input.paidOn }],
    }),
  }),
];

/** The association's actions: Signals, sent after the current state was checked; answered 202. */
interface ApplicantCaseAction {
  path: string;
  operation: ZodOpenApiOperationObject;
  /** enteredBy: the staff member entering what the association sent on paper or by phone. */
  send(deps: Dependencies, id: string, req: Request, enteredBy: string | undefined): Promise<void>;
}

function applicantAction<S extends z.ZodType>(path: string, summary: string, body: S, send: (deps: Dependencies, id: string, input: z.infer<S>, enteredBy: string | undefined) => Promise<void>): ApplicantCaseAction {
  return {
    path,
    operation: caseActionOperation({ summary, body, security: 'caseParty', status: 202 }),
    send: (deps, id, req, enteredBy) => send(deps, id, parseInput(body, bodyOf(body, req), req), enteredBy),
  };
}

// Staff may also enter what the association sent on paper or by phone.
const APPLICANT_ACTIONS: ApplicantCaseAction[] = [
  applicantAction('/applications/:id/supplements', 'The association answers the open information request', supplementSchema.meta({ id: 'Supplement' }), sendSupplement),
  applicantAction(
    '/applications/:id/consultation-comments',
    'The association comments on the facts of the open partshøring (text and/or documents)',
    consultationCommentsSchema.meta({ id: 'ConsultationComments' }),
    sendConsultationComments,
  ),
  applicantAction('/applications/:id/withdrawal', 'The association withdraws the application (before a decision)', withdrawalSchema.meta({ id: 'Withdrawal' }), sendWithdrawal),
  applicantAction(
    '/applications/:id/reports',
    'The association submits its follow-up report; before the report’s window opens (the activity’s end date, or the round’s reportOpensBeforeDue before the due date) 409 report_not_open naming the date',
    reportSchema.meta({ id: 'Report' }),
    sendReport,
  ),
  applicantAction(
    '/applications/:id/reconsideration',
    'The association asks for the decision to be reconsidered (Norway: complains), with reasons and documents, while the round’s period runs; 409 naming the field after the period or before a decision',
    reconsiderationRequestSchema.meta({ id: 'ReconsiderationRequest' }),
    async (deps, id, input, enteredBy) => void (await requestReconsideration(deps, id, input, undefined, enteredBy)),
  ),
  applicantAction(
    '/applications/:id/grant-changes',
    'The association asks to change the activity (kind activity, the new description) or its period (kind period, startDate and endDate), with reasons, until the activity’s last day; 400 naming the field (the activity has ended, a period ending before it starts, empty reasons), 409 naming the status when no request is taken now',
    grantChangeRequestSchema.meta({ id: 'GrantChangeRequest' }),
    async (deps, id, input, enteredBy) => void (await requestGrantChange(deps, id, input, undefined, enteredBy)),
  ),
  applicantAction(
    '/applications/:id/grant-decline',
    'The association says no thank you to its grant, with reasons, while the grant is not yet paid: the payout is cancelled (or, already exported to finance, claimed back) and the case closed as GRANT_DECLINED; 409 naming the status otherwise',
    grantDeclineSchema.meta({ id: 'GrantDecline' }),
    async (deps, id, input, enteredBy) => void (await declineGrant(deps, id, input, undefined, enteredBy)),
  ),
];

const LETTER_PATH = '/applications/:id/letter.pdf';

export const paths: ZodOpenApiPathsObject = mergePaths(
  ...STAFF_ACTIONS.map((action) => operationAt(action.path, action.method, action.operation)),
  ...APPLICANT_ACTIONS.map((action) => operationAt(action.path, 'post', action.operation)),
  operationAt(LETTER_PATH, 'get', {
    summary: 'The decision letter (PDF), as an attachment',
    security: SECURITY.caseParty,
    requestParams: { path: uuidPath('id') },
    responses: { 200: fileResponse('The letter', 'application/pdf'), 404: errorResponse('No decision yet') },
  }),
);

/**
 * What caseworkers, approvers and associations do to a case. Caseworker actions are Temporal
 * Updates (the workflow's validators refuse what the state does not allow: 409); the applicant's
 * are Signals, sent only after the current state was checked.
 */
export function caseActionsRouter({ db, temporal }: { db: Database; temporal: Client }): Router {
  const router = Router();
  const depsOf = (req: Request): Dependencies => ({ db, temporal, config: { JURISDICTION: requestJurisdiction(req) } });
  for (const action of STAFF_ACTIONS) {
    router[action.method](action.path, async (req, res) => {
      const staff = requireStaff(res, action.action);
      const id = applicationIdOf(req);
      const { state, audit } = await action.perform(depsOf(req), req, { id, staff, updateId: idempotencyKeyOf(req) });
      const [auditAction, details] = audit;
      await recordAudit(db, staff, auditAction, { applicationId: id, details });
      res.status(action.created ? 201 : 200).json(state);
    });
  }

  for (const action of APPLICANT_ACTIONS) {
    router.post(action.path, async (req, res) => {
      const id = applicationIdOf(req);
      const access = await caseAccess(db, req, res, id, 'case.actForApplicant');
      await action.send(depsOf(req), id, req, access.kind === 'staff' ? access.staff.email : undefined);
      res.status(202).json({ accepted: true });
    });
  }

  router.get(LETTER_PATH, async (req, res) => {
    const id = applicationIdOf(req);
    const access = await caseAccess(db, req, res, id);
    const letter = await db.document.findFirst({ where: { applicationId: id, kind: 'decision_letter' }, orderBy: { createdAt: 'desc' } });
    if (!letter) throw new ApiError(404, 'not_found', 'errors.letter.notYet');
    if (access.kind === 'staff') await recordAccess(db, access.staff, id, 'document_download');
    sendDocument(res, letter);
  });

  return router;
}
