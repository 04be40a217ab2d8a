// Signals, Updates and Queries of the grant workflows: the contract between the workflows and
// the API. Both import this module; it holds definitions and types only, no workflow code.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CaseStatus } from '../domain/status';
import type { MessageKey } from '../domain/message-key';
import type { ReconsiderationAnswer, ReconsiderationProcedure } from '../domain/reconsideration';

export type DecisionOutcome = 'approved' | 'partially_approved' | 'rejected';

export interface DecisionReasons {
  /** Codes of the round's decision criteria the caseworker chose as decisive. */
  criteria: string[];
  text: string;
}

export interface ProposedDecision {
  sequence: number;
  outcome: DecisionOutcome;
  /** Integer øre (a JSON number: grant amounts are far below 2^53). */
  amountGrantedOre: number;
  reasons: DecisionReasons;
  conditions: string[];
  decidedBy: string;
  decidedAt: string;
  needsApproval: boolean;
}

export interface OpenInformationRequest {
  sequence: number;
  requestedBy: string;
  items: string[];
  message: string;
  answerBy: string;
}

/** What the case looks like to the people working on it, and what they may do right now. */
export interface CaseState {
  status: CaseStatus;
  assignee: string | null;
  openRequest: OpenInformationRequest | null;
  proposal: ProposedDecision | null;
  decision: ProposedDecision | null;
  slaBreached: boolean;
  allowedActions: CaseAction[];
  /** Until when the association may ask for the decision to be reconsidered (absent: not now, or never). */
  reconsiderableUntil?: string | null;
  /** The open request for reconsideration (or klage), if any. */
  reconsideration?: OpenReconsideration | null;
}

export type CaseAction =
  | 'claim'
  | 'release'
  | 'requestInformation'
  | 'decide'
  | 'approve'
  | 'withdraw'
  | 'supplement'
  | 'requestReconsideration'
  | 'answerReconsideration'
  | 'registerBoardDecision';

// Queries
export const statusQuery = defineQuery<CaseStatus>('status');
export const caseStateQuery = defineQuery<CaseState>('caseState');
export interface TimelineEntry {
  type: string;
  from: CaseStatus | null;
  to: CaseStatus;
  actor: string;
  at: string;
}
/** The state changes this workflow made, in order (the case_events rows mirror them). */
export const timelineQuery = defineQuery<TimelineEntry[]>('timeline');

// Signals from the applicant (no answer expected; the API checks the state first)
export interface Supplement {
  requestSequence: number;
  text: string;
  documentIds: string[];
  at: string;
}
export const supplementSignal = defineSignal<[Supplement]>('supplement');
export const withdrawSignal = defineSignal<[{ reason: string; at: string }]>('withdraw');

// Updates from caseworkers and approvers: validators reject what the current state does not allow.
export interface ClaimInput {
  caseworker: string;
  /** Assign to someone else (team lead); defaults to the caseworker. */
  assignee?: string;
}
export interface ReleaseInput {
  caseworker: string;
}
export interface InformationRequestInput {
  caseworker: string;
  items: string[];
  message: string;
}
export interface DecideInput {
  caseworker: string;
  outcome: DecisionOutcome;
  amountGrantedOre: number;
  reasons: DecisionReasons;
  conditions: string[];
}
export interface ApprovalInput {
  approver: string;
  approve: boolean;
  comment?: string;
}
export const claimUpdate = defineUpdate<CaseState, [ClaimInput]>('claim');
export const releaseUpdate = defineUpdate<CaseState, [ReleaseInput]>('release');
export const requestInformationUpdate = defineUpdate<CaseState, [InformationRequestInput]>('requestInformation');
export const decideUpdate = defineUpdate<CaseState, [DecideInput]>('decide');
export const approvalUpdate = defineUpdate<CaseState, [ApprovalInput]>('approval');

// Reconsideration (Norway: klage) after a decision; see workflows/reconsideration.ts
export type { ReconsiderationAnswer, ReconsiderationProcedure };

export interface ReconsiderationRequestInput {
  procedure: ReconsiderationProcedure;
  reasons: string;
  documentIds: string[];
  at: string;
}
export interface OpenReconsideration {
  sequence: number;
  procedure: ReconsiderationProcedure;
  /** The decision asked about. */
  decisionSequence: number;
  requestedAt: string;
  /** requested: waiting for the municipality; forwarded: waiting for the klagenemnd. */
  stage: 'requested' | 'forwarded';
  answersAllowed: ReconsiderationAnswer[];
}
/** A changed decision, by the municipality or the klagenemnd. */
export interface ChangedDecisionInput {
  outcome: DecisionOutcome;
  amountGrantedOre: number;
  conditions: string[];
}
export interface ReconsiderationAnswerInput {
  caseworker: string;
  answer: ReconsiderationAnswer;
  reasons: DecisionReasons;
  /** Required when the answer is "change". */
  decision?: ChangedDecisionInput;
}
export interface BoardDecisionInput {
  caseworker: string;
  boardOutcome: 'upheld' | 'changed';
  decidedOn: string;
  text: string;
  /** Required when the klagenemnd changed the decision. */
  decision?: ChangedDecisionInput;
}
export const requestReconsiderationUpdate = defineUpdate<CaseState, [ReconsiderationRequestInput]>('requestReconsideration');
export const answerReconsiderationUpdate = defineUpdate<CaseState, [ReconsiderationAnswerInput]>('answerReconsideration');
export const registerBoardDecisionUpdate = defineUpdate<CaseState, [BoardDecisionInput]>('registerBoardDecision');
/** From the grant workflow to its reporting child: a changed decision sets the report anew. */
export const reportTermsSignal = defineSignal<[{ requirement: string; dueAt: string; amountGrantedOre: number }]>('reportTerms');

// Follow-up reporting (child workflow)
export type ReportStatus = 'REPORT_DUE' | 'REPORT_SUBMITTED' | 'CLOSED';
export interface ReportSubmission {
  narrative: string;
  /** Whole kroner actually spent; unspent money is claimed back. */
  spentKroner: number;
  participants: number;
  volunteers: number;
  story?: string;
  shareStory: boolean;
  documentIds: string[];
  at: string;
}
export interface ReportReviewInput {
  caseworker: string;
  accept: boolean;
  comment?: string;
}
export interface ReportState {
  status: ReportStatus;
  sequence: number;
  requirement: string;
  dueAt: string;
  submitted: boolean;
}
export const reportStateQuery = defineQuery<ReportState>('reportState');
export const submitReportSignal = defineSignal<[ReportSubmission]>('submitReport');
export const reviewReportUpdate = defineUpdate<ReportState, [ReportReviewInput]>('reviewReport');
/** The reporting child tells its parent where the case is, so the parent's queries stay true. */
export const reportStatusSignal = defineSignal<[{ status: ReportStatus }]>('reportStatus');

/** Failure types the workflows raise; the API maps them to HTTP statuses. */
export const FAILURE_TYPES = {
  notAllowed: 'ActionNotAllowed',
  invalidInput: 'InvalidDecision',
  sameApprover: 'SameApprover',
} as const;

/** What an InvalidDecision refusal carries: the field at fault and the message key of the rule that failed. */
export interface InvalidInputDetails {
  field: string;
  messageKey: MessageKey;
}

/** What an ActionNotAllowed refusal carries: the action asked for and the state that forbids it. */
export interface NotAllowedDetails {
  action: string;
  status: string;
}

// Deadline rounds: the round's own workflow closes it at the deadline, proposes an allocation
// against the budget, and once an approver confirms it, tells every application its decision.
export interface AllocationLine {
  applicationId: string;
  reference: string;
  organizationName: string;
  requestedOre: number;
  proposedOre: number;
}
export interface AllocationDecisionInput {
  applicationId: string;
  outcome: DecisionOutcome;
  amountGrantedOre: number;
  reasons: DecisionReasons;
}
export interface ConfirmAllocationInput {
  approver: string;
  decisions: AllocationDecisionInput[];
}
export interface RoundState {
  status: 'OPEN' | 'CLOSED' | 'ALLOCATED';
  closesAt: string;
  budgetOre: number;
  proposal: AllocationLine[];
  confirmedBy: string | null;
}
export const roundStateQuery = defineQuery<RoundState>('roundState');
export const confirmAllocationUpdate = defineUpdate<RoundState, [ConfirmAllocationInput]>('confirmAllocation');
/** From the round to each of its applications, once the allocation is confirmed. */
export const allocationDecidedSignal = defineSignal<[AllocationDecisionInput & { decidedBy: string; at: string }]>('allocationDecided');
