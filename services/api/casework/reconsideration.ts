import type { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Database } from '../../../lib/db';
import { parseDuration } from '../../../lib/durations';
import type { Jurisdiction } from '../../../domain/jurisdiction';
import { messageKey } from '../../../domain/message-key';
import { kronerToOre } from '../../../domain/money';
import { decisionProblems, type DecisionReasons } from '../../../domain/decision-rules';
import { answerReasonsProblems, reconsiderationProcedure } from '../../../domain/reconsideration';
import type { boardDecisionSchema, reconsiderationAnswerSchema, reconsiderationRequestSchema } from '../../../domain/reconsideration-input';
import { processSettingsSchema } from '../../../domain/round-settings';
import { grantApplicationWorkflowId } from '../../../domain/workflow-ids';
import {
  answerReconsiderationUpdate,
  registerBoardDecisionUpdate,
  requestReconsiderationUpdate,
  type CaseState,
  type ChangedDecisionInput,
} from '../../../workflows/messages';
import { documentsNotOnApplication } from '../documents/store';
import { ApiError } from '../http/errors';
import { workflowCall } from '../http/workflow-errors';
import { currentCaseState } from './actions';
import { criteriaOf } from './decision';

// Reconsideration (Norway: klage) for the pages and the JSON API alike. The association asks while
// the period runs; a caseworker upholds, changes, forwards, or registers the klagenemnd's decision.
// Each input is checked here with field-level messages before the workflow's Update is sent.

type Deps = { db: Database; temporal: Client };
/** The deployment's jurisdiction decides the procedure: a Norwegian municipality's klage, a Danish one's reconsideration. */
type RequestDeps = Deps & { config: { JURISDICTION: Jurisdiction } };
const handle = (temporal: Client, id: string) => temporal.workflow.getHandle(grantApplicationWorkflowId(id));

function refused(key: 'notDecided' | 'periodOver' | 'alreadyOpen', path: string, values: Record<string, string | number> = {}): ApiError {
  return new ApiError(409, 'reconsideration_not_allowed', `errors.reconsideration.${key}`, [{ path, message: messageKey(`errors.reconsideration.${key}`) }], values);
}

/** When the period ended: as the workflow counted it, or for a case decided before it kept count, from the decision. */
async function periodEnd(db: Database, applicationId: string, state: CaseState): Promise<number> {
  if (state.reconsiderableUntil) return Date.parse(state.reconsiderableUntil);
  const application = await db.application.findUniqueOrThrow({ where: { id: applicationId }, select: { round: { select: { processSettings: true } } } });
  const decidedAt = state.decision ? Date.parse(state.decision.decidedAt) : Date.now();
  return decidedAt + parseDuration(processSettingsSchema.parse(application.round.processSettings ?? {}).reconsiderationPeriod);
}

/**
 * Why the association may not ask now, or null when it may: 409 naming the field when the case has
 * no decision ("decision"), the period is over ("reconsiderableUntil", with the date) or a request
 * is already open ("reconsideration"). The page and the API ask this before storing anything.
 */
export async function reconsiderationRefusal({ db, temporal }: Deps, applicationId: string, state?: CaseState): Promise<ApiError | null> {
  const current = state ?? (await currentCaseState(temporal, applicationId));
  // A decision whose letter is still being sent opens its period in a moment; a case decided
  // before periods were kept has ended (its workflow with it).
  const sending = current.decision && !current.reconsiderableUntil && (await handle(temporal, applicationId).describe()).status.name === 'RUNNING';
  if (!current.decision || sending) return refused('notDecided', 'decision');
  if (current.reconsideration) return refused('alreadyOpen', 'reconsideration');
  const running = current.allowedActions.includes('requestReconsideration') && Date.now() < Date.parse(current.reconsiderableUntil ?? '');
  if (!running) return refused('periodOver', 'reconsiderableUntil', { date: await periodEnd(db, applicationId, current) });
  return null;
}

/** The association asks for the decision to be reconsidered (refused as reconsiderationRefusal says; nothing stored then). */
export async function requestReconsideration(deps: RequestDeps, applicationId: string, input: z.infer<typeof reconsiderationRequestSchema>, updateId?: string, enteredBy?: string): Promise<CaseState> {
  const { db, temporal } = deps;
  const application = await db.application.findUnique({ where: { id: applicationId }, select: { id: true } });
  if (!application) throw new ApiError(404, 'not_found', 'errors.application.notFound');
  const refusal = await reconsiderationRefusal(deps, applicationId);
  if (refusal) throw refusal;
  const foreign = await documentsNotOnApplication(db, applicationId, input.documentIds);
  if (foreign.length) throw new ApiError(400, 'validation_failed', 'errors.document.notOnCase', [{ path: 'documentIds', message: messageKey('errors.document.notOnCase') }]);
  const request = { procedure: reconsiderationProcedure(deps.config.JURISDICTION), reasons: input.reasons, documentIds: input.documentIds, at: new Date().toISOString(), enteredBy };
  return workflowCall(() => handle(temporal, applicationId).executeUpdate(requestReconsiderationUpdate, { args: [request], updateId }));
}

/** The round's criteria in Danish wording for the begrundelse check; unknown codes are refused. */
async function checkedReasons(db: Database, applicationId: string, reasons: DecisionReasons): Promise<{ worded: DecisionReasons; amountRequestedOre: bigint }> {
  const application = await db.application.findUnique({ where: { id: applicationId }, select: { amountRequestedOre: true, round: { select: { decisionCriteria: true } } } });
  if (!application) throw new ApiError(404, 'not_found', 'errors.application.notFound');
  const criteria = criteriaOf(application.round);
  const unknown = reasons.criteria.filter((code) => !criteria.some((c) => c.code === code));
  if (unknown.length) throw new ApiError(400, 'validation_failed', 'errors.validation.failed', [{ path: 'reasons.criteria', message: `Unknown criteria: ${unknown.join(', ')}` }]);
  const worded = { criteria: reasons.criteria.map((code) => criteria.find((c) => c.code === code)?.label.da ?? code), text: reasons.text };
  return { worded, amountRequestedOre: application.amountRequestedOre };
}

function fieldProblem(problem: { field: string; messageKey: Parameters<typeof messageKey>[0] } | undefined): void {
  if (problem) throw new ApiError(400, 'validation_failed', 'errors.validation.failed', [{ path: problem.field, message: messageKey(problem.messageKey) }]);
}

/** A changed decision from the form's kroner, checked by the decision rule. */
function changedDecision(input: { outcome?: ChangedDecisionInput['outcome']; amountGranted?: number; conditions: string[] }, worded: DecisionReasons, amountRequestedOre: bigint): ChangedDecisionInput {
  const outcome = input.outcome!;
  const amountGrantedOre = outcome === 'rejected' ? 0n : kronerToOre(input.amountGranted ?? 0);
  fieldProblem(decisionProblems({ outcome, amountRequestedOre, amountGrantedOre, reasons: worded })[0]);
  return { outcome, amountGrantedOre: Number(amountGrantedOre), conditions: input.conditions };
}

export async function answerReconsideration({ db, temporal }: Deps, applicationId: string, caseworker: string, input: z.infer<typeof reconsiderationAnswerSchema>, updateId?: string): Promise<CaseState> {
  const { worded, amountRequestedOre } = await checkedReasons(db, applicationId, input.reasons);
  const decision = input.answer === 'change' ? changedDecision(input, worded, amountRequestedOre) : undefined;
  if (input.answer !== 'change') fieldProblem(answerReasonsProblems({ criteria: [], text: worded.criteria.join('\n') + '\n' + worded.text })[0]);
  const answer = { caseworker, answer: input.answer, reasons: input.reasons, ...(decision ? { decision } : {}) };
  return workflowCall(() => handle(temporal, applicationId).executeUpdate(answerReconsiderationUpdate, { args: [answer], updateId }));
}

export async function registerBoardDecision({ db, temporal }: Deps, applicationId: string, caseworker: string, input: z.infer<typeof boardDecisionSchema>, updateId?: string): Promise<CaseState> {
  const { amountRequestedOre } = await checkedReasons(db, applicationId, { criteria: [], text: input.text });
  const decision = input.boardOutcome === 'changed' ? changedDecision(input, { criteria: [], text: input.text }, amountRequestedOre) : undefined;
  const board = { caseworker, boardOutcome: input.boardOutcome, decidedOn: input.decidedOn, text: input.text, ...(decision ? { decision } : {}) };
  return workflowCall(() => handle(temporal, applicationId).executeUpdate(registerBoardDecisionUpdate, { args: [board], updateId }));
}
