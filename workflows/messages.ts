// Signals, Updates and Queries of the grant workflows: the contract between the workflows and
// the API. Both import this module; it holds definitions and types only, no workflow code.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CaseStatus } from '../domain/status';
import type { MessageKey } from '../domain/message-key';
import type { ConsultationFact } from '../domain/consultation';
import type { ReconsiderationAnswer, ReconsiderationProcedure } from '../domain/reconsideration';
import type { RepaymentOutcome } from '../domain/repayment';
import type { GrantChangeKind } from '../domain/grant-changes';
import type { DeclaredTies } from '../domain/inhabilitet';

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

/** A partshøring under way: the facts sent for comment and the answer deadline. */
export interface OpenConsultation {
  sequence: number;
  requestedBy: string;
  facts: ConsultationFact[];
  message: string;
  sentAt: string;
  answerBy: string;
}

export interface OpenInformationRequest {
  sequence: number;
  requestedBy: string;
  items: string[];
  message: string;
  answerBy: string;
  /** When it was asked (reminders count from it); absent in requests made before deadlines ended with their day. */
  requestedAt?: string;
}

/** What the case looks like to the people working on it, and what they may do right now. */
export interface CaseState {
  status: CaseStatus;
  assignee: string | null;
  openRequest: OpenInformationRequest | null;
  /** The partshøring waiting for the association's comments. */
  openConsultation: OpenConsultation | null;
  proposal: ProposedDecision | null;
  decision: ProposedDecision | null;
  slaBreached: boolean;
  /**
   * A deadline round's case its round's allocation did not decide (it was not ready when the round
   * closed, or when the allocation was confirmed): a caseworker decides it on its own.
   */
  decidedSeparately?: boolean;
  allowedActions: CaseAction[];
  /** Until when the association may ask for the decision to be reconsidered (absent: not now, or never). */
  reconsiderableUntil?: string | null;
  /** The open request for reconsideration (or klage), if any. */
  reconsideration?: OpenReconsideration | null;
  /** The association's request to change the activity or its period, waiting for a caseworker. */
  grantChange?: OpenGrantChange | null;
}

export type CaseAction =
  | 'claim'
  | 'release'
  | 'requestInformation'
  | 'consult'
  | 'decide'
  | 'approve'
  | 'withdraw'
  | 'supplement'
  | 'comment'
  | 'requestReconsideration'
  | 'answerReconsideration'
  | 'registerBoardDecision'
  | 'declineGrant'
  | 'requestGrantChange'
  | 'decideGrantChange';

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

/**
 * The association's actions, when staff enter them for it (sent on paper or by phone), name that
 * staff member; left out when the association acted itself.
 */
export interface EnteredBy {
  enteredBy?: string;
}
/** Who the case events name for an action of the association. */
export function applicantActor(action: EnteredBy | null | undefined): string {
  return action?.enteredBy ?? 'applicant';
}

// Signals from the applicant (no answer expected; the API checks the state first)
export interface Supplement extends EnteredBy {
  requestSequence: number;
  text: string;
  documentIds: string[];
  at: string;
}
export const supplementSignal = defineSignal<[Supplement]>('supplement');
/** The association's comments on the facts of a partshøring. */
export interface ConsultationComments extends EnteredBy {
  consultationSequence: number;
  text: string;
  documentIds: string[];
  at: string;
}
export const consultationCommentsSignal = defineSignal<[ConsultationComments]>('consultationComments');
export interface Withdrawal extends EnteredBy {
  reason: string;
  at: string;
}
export const withdrawSignal = defineSignal<[Withdrawal]>('withdraw');

// Updates from caseworkers and approvers: validators reject what the current state does not allow.
export interface ClaimInput extends DeclaredTies {
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
export interface ConsultInput {
  caseworker: string;
  facts: ConsultationFact[];
  message: string;
  /** ISO time; the round's answer deadline from now when left out. */
  answerBy?: string;
}
export interface DecideInput extends DeclaredTies {
  caseworker: string;
  outcome: DecisionOutcome;
  amountGrantedOre: number;
  reasons: DecisionReasons;
  conditions: string[];
}
export interface ApprovalInput extends DeclaredTies {
  approver: string;
  approve: boolean;
  comment?: string;
}
export const claimUpdate = defineUpdate<CaseState, [ClaimInput]>('claim');
export const releaseUpdate = defineUpdate<CaseState, [ReleaseInput]>('release');
export const requestInformationUpdate = defineUpdate<CaseState, [InformationRequestInput]>('requestInformation');
export const consultUpdate = defineUpdate<CaseState, [ConsultInput]>('consult');
export const decideUpdate = defineUpdate<CaseState, [DecideInput]>('decide');
export const approvalUpdate = defineUpdate<CaseState, [ApprovalInput]>('approval');

// Reconsideration (Norway: klage) after a decision; see workflows/reconsideration.ts
export type { ReconsiderationAnswer, ReconsiderationProcedure };

export interface ReconsiderationRequestInput extends EnteredBy {
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
// Changes after the grant (workflows/grant-changes.ts)
/** The association says no thank you to the grant before it is paid. */
export interface GrantDeclineInput extends EnteredBy {
  reasons: string;
  at: string;
}
export const declineGrantUpdate = defineUpdate<CaseState, [GrantDeclineInput]>('declineGrant');
export type { GrantChangeKind };
export interface GrantChangeRequestInput extends EnteredBy {
  kind: GrantChangeKind;
  activity?: string;
  startDate?: string;
  endDate?: string;
  reasons: string;
  at: string;
}
export interface OpenGrantChange {
  sequence: number;
  kind: GrantChangeKind;
  requestedAt: string;
  startDate?: string;
  endDate?: string;
}
export interface GrantChangeDecisionInput {
  caseworker: string;
  approve: boolean;
  reasons: string;
}
export const requestGrantChangeUpdate = defineUpdate<CaseState, [GrantChangeRequestInput]>('requestGrantChange');
export const decideGrantChangeUpdate = defineUpdate<CaseState, [GrantChangeDecisionInput]>('decideGrantChange');

/** From the grant workflow to its reporting child: a changed decision sets the report anew. */
export const reportTermsSignal = defineSignal<[{ requirement: string; dueAt: string; amountGrantedOre: number; opensAt?: string }]>('reportTerms');

/** Finance confirmed one payout row as paid (negative: the pay-back of a reduced grant). */
export interface PayoutConfirmation {
  payoutKey: string;
  decisionSequence: number;
  amountOre: number;
  /** The calendar date the money went out (YYYY-MM-DD). */
  paidOn: string;
  confirmedBy: string;
  confirmedAt: string;
}
export const payoutConfirmedSignal = defineSignal<[PayoutConfirmation]>('payoutConfirmed');

// Follow-up reporting (child workflow)
/** PAID: a multi-year grant's year settled by its accepted report, the next year's payout to come. */
export type ReportStatus = 'REPORT_DUE' | 'REPORT_SUBMITTED' | 'REPAYMENT_PROPOSED' | 'REPAYMENT_DUE' | 'CLOSED' | 'PAID';
export interface ReportSubmission extends EnteredBy {
  narrative: string;
  /** Whole kroner actually spent; unspent money is claimed back. */
  spentKroner: number;
  participants: number;
  volunteers: number;
  story?: string;
  /** The answer to common.consent.storyAnonymous; reports signalled before it was asked carry none. */
  storyConsent?: boolean;
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
  /** From when the report may be sent; absent for reports from before the report window existed. */
  opensAt?: string;
  /** The repayment claim after an accepted report with money unspent (absent before there is one). */
  repayment?: RepaymentState | null;
}

// Repayment (workflows/repayment.ts): the claim proposed on accepting a report, the caseworker's
// decision on it, and the payment registered by staff.
export type { RepaymentOutcome };
export interface RepaymentState {
  proposedOre: number;
  grantedOre: number;
  outcome: RepaymentOutcome | null;
  claimedOre: number | null;
  /** The payment deadline of a claim. */
  dueAt: string | null;
  paidOn: string | null;
}
export interface RepaymentDecisionInput {
  caseworker: string;
  outcome: RepaymentOutcome;
  /** Øre: the reduced amount (or, to confirm, the proposal). */
  amountOre?: number;
  reasons: string;
  newPeriodEnd?: string;
}
export interface RepaymentPaymentInput {
  registeredBy: string;
  paidOn: string;
}
export const decideRepaymentUpdate = defineUpdate<ReportState, [RepaymentDecisionInput]>('decideRepayment');
export const registerRepaymentUpdate = defineUpdate<ReportState, [RepaymentPaymentInput]>('registerRepayment');
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
  conflicted: 'ConflictOfInterest',
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
  organizationCvr?: string; // absent in proposals made before declared ties were checked
  requestedOre: number;
  proposedOre: number;
}
export interface AllocationDecisionInput {
  applicationId: string;
  outcome: DecisionOutcome;
  amountGrantedOre: number;
  reasons: DecisionReasons;
}
export interface ConfirmAllocationInput extends DeclaredTies {
  approver: string;
  decisions: AllocationDecisionInput[];
}
/** The second signature on an allocation granting more than the round's four-eyes threshold to any one case. */
export interface ApproveAllocationInput extends DeclaredTies {
  approver: string;
  approve: boolean;
  comment?: string;
}
export interface RoundState {
  /** AWAITING_APPROVAL: confirmed by one approver, waiting for a second, different one. */
  status: 'OPEN' | 'CLOSED' | 'AWAITING_APPROVAL' | 'ALLOCATED';
  closesAt: string;
  budgetOre: number;
  /** Above this grant to any one case, the allocation needs a second approver; null for rounds started before the rule. */
  fourEyesThresholdOre?: number | null;
  proposal: AllocationLine[];
  /** The decisions as confirmed (waiting for the second signature, or allocated). */
  decisions?: AllocationDecisionInput[];
  confirmedBy: string | null;
  approvedBy?: string | null;
  /** The last time a second approver sent the allocation back, and why. */
  returned?: { by: string; comment: string; at: string } | null;
  /** Cases of the round the allocation did not decide, told to be decided one by one. */
  outsideAllocation?: string[];
}
export const roundStateQuery = defineQuery<RoundState>('roundState');
export const confirmAllocationUpdate = defineUpdate<RoundState, [ConfirmAllocationInput]>('confirmAllocation');
export const approveAllocationUpdate = defineUpdate<RoundState, [ApproveAllocationInput]>('approveAllocation');
/** From the round to each of its applications, once the allocation is confirmed. */
export const allocationDecidedSignal = defineSignal<[AllocationDecisionInput & { decidedBy: string; approvedBy?: string; at: string }]>('allocationDecided');
/** From the round to each case its confirmed allocation left out: decide it on its own. */
export const decideSeparatelySignal = defineSignal<[{ roundId: string; at: string }]>('decideSeparately');
