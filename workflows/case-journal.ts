import { workflowInfo } from '@temporalio/workflow';
import type { GrantYearPlan } from './grant-terms';
import type { CaseActivities } from '../activities';
import type { CaseStatus } from '../domain/status';
import { activities } from './activities';
import type { OpenGrantChange, BoardDecisionInput, ConsultationComments, OpenConsultation, OpenInformationRequest, OpenReconsideration, ProposedDecision, ReconsiderationAnswerInput, Supplement, TimelineEntry, Withdrawal } from './messages';
import type { GrantApplicationInput } from './grant-application-input';

/** What one grant workflow knows about its case; the signal and update handlers change it. */
export interface CaseMemory {
  status: CaseStatus;
  assignee: string | null;
  openRequest: OpenInformationRequest | null;
  requestCount: number;
  answer: Supplement | null;
  /** Partshøring: the one waiting for comments, how many were sent, and the comments received. */
  openConsultation: OpenConsultation | null;
  consultationCount: number;
  comments: ConsultationComments | null;
  proposal: ProposedDecision | null;
  decision: ProposedDecision | null;
  decisionCount: number;
  withdrawal: Withdrawal | null;
  slaBreached: boolean;
  /** A deadline round's case its round's allocation did not decide: a caseworker decides it alone. */
  decidedSeparately: boolean;
  /** While the association may ask for the decision to be reconsidered: until when. */
  reconsiderableUntil: string | null;
  reconsiderationCount: number;
  reconsideration: OpenReconsideration | null;
  /** A caseworker's answer to the open reconsideration, waiting for the process to carry it out. */
  reconsiderationStep: { kind: 'answer'; input: ReconsiderationAnswerInput } | { kind: 'board'; input: BoardDecisionInput } | null;
  /** Where the case stood when reconsideration was asked for (the report child keeps it current). */
  statusBeforeReconsideration: CaseStatus | null;
  /** Decided since payouts wait for finance's confirmation: PAID only once it comes. */
  payoutConfirmedByFinance: boolean;
  /** The payout rows finance has confirmed, by key; a repeated confirmation is ignored. */
  confirmedPayoutKeys: string[];
  /** A long-term grant's years as the decision in force sets them; null for a single-year grant. */
  grantYearPlan: GrantYearPlan[] | null;
  /** Decided since changes after the grant existed: the association may decline it before payout. */
  grantChangesOpen: boolean;
  /** The association declined the grant: the process after the decision stops. */
  grantDeclined: boolean;
  /** The association's change request waiting for a caseworker, and how many were asked. */
  grantChange: OpenGrantChange | null;
  grantChangeCount: number;
  /** The activity's last day after an approved period change (else the application's). */
  activityEndDate: string | null;
  /**
   * Until the one-step arrival has answered (from the workflow's start, where it runs as a local
   * activity): its transaction may already show the case in the queue to caseworkers before the
   * workflow has the answer, so a claim waits for it.
   */
  arriving: boolean;
}

export type CaseEmailKind = Parameters<CaseActivities['queueCaseEmail']>[0]['kind'];

/** How the workflow writes what happens: events, emails and read-model writes, in order. */
export interface CaseJournal {
  /** Moves the case to `to` (default: where it is) and records the event with its timestamp. */
  record(type: string, actor: string, to?: CaseStatus, details?: Record<string, unknown>, assigneeChange?: { assignee: string | null }): Promise<unknown>;
  /** Queues one email to the association; each kind counts its own messages. */
  email(kind: CaseEmailKind, extra?: Record<string, unknown>, attachmentIds?: string[]): Promise<unknown>;
  /** Runs a read-model write after every write queued before it. */
  inOrder<T>(write: () => Promise<T>): Promise<T>;
  /** Resolves once every queued write has finished. */
  settled(): Promise<unknown>;
  /** Keys for the next `count` events, for an activity that records them itself (a key left unused is a gap). */
  reserveEventKeys(count: number): string[];
  /** The key of the next email of this kind, for an activity that queues it itself. */
  reserveMessageKey(kind: CaseEmailKind): string;
  /** Moves the case through events an activity recorded under reserved keys, in order. */
  adopt(events: { type: string; actor: string; to: CaseStatus; at: string }[]): void;
  timeline: TimelineEntry[];
}

/** The case a workflow carries: its input, what it knows, and how it records. */
export interface CaseContext {
  input: GrantApplicationInput;
  memory: CaseMemory;
  journal: CaseJournal;
}

export function newCaseMemory(): CaseMemory {
  return {
    status: 'SUBMITTED',
    assignee: null,
    openRequest: null,
    requestCount: 0,
    answer: null,
    openConsultation: null,
    consultationCount: 0,
    comments: null,
    proposal: null,
    decision: null,
    decisionCount: 0,
    withdrawal: null,
    slaBreached: false,
    decidedSeparately: false,
    reconsiderableUntil: null,
    reconsiderationCount: 0,
    reconsideration: null,
    reconsiderationStep: null,
    statusBeforeReconsideration: null,
    payoutConfirmedByFinance: false,
    confirmedPayoutKeys: [],
    grantYearPlan: null,
    grantChangesOpen: false,
    grantDeclined: false,
    grantChange: null,
    grantChangeCount: 0,
    activityEndDate: null,
    arriving: false,
  };
}

export function caseJournal(applicationId: string, memory: CaseMemory): CaseJournal {
  const workflowId = workflowInfo().workflowId;
  const timeline: TimelineEntry[] = [{ type: 'submitted', from: null, to: 'SUBMITTED', actor: 'applicant', at: workflowInfo().startTime.toISOString() }];
  let eventCount = 0;
  const emailCounts: Record<string, number> = {};

  // Activities that write the read model run one after another, in the order things happened,
  // even when an Update handler and the main flow both record something.
  let writes: Promise<unknown> = Promise.resolve();
  function inOrder<T>(write: () => Promise<T>): Promise<T> {
    const next = writes.then(write);
    writes = next.catch(() => undefined);
    return next;
  }

  function reserveMessageKey(kind: CaseEmailKind): string {
    emailCounts[kind] = (emailCounts[kind] ?? 0) + 1;
    return `${applicationId}:${kind}:${emailCounts[kind]}`;
  }

  return {
    timeline,
    inOrder,
    settled: () => writes,
    reserveEventKeys(count) {
      return Array.from({ length: count }, () => `${workflowId}:${++eventCount}`);
    },
    reserveMessageKey,
    adopt(events) {
      for (const { type, actor, to, at } of events) {
        timeline.push({ type, from: memory.status, to, actor, at });
        memory.status = to;
      }
    },
    record(type, actor, to = memory.status, details = {}, assigneeChange) {
      const from = memory.status;
      memory.status = to;
      eventCount += 1;
      const eventKey = `${workflowId}:${eventCount}`;
      const occurredAt = new Date().toISOString();
      timeline.push({ type, from, to, actor, at: occurredAt });
      return inOrder(() => activities.recordTransition({ eventKey, applicationId, type, from, to, actor, occurredAt, details, ...assigneeChange }));
    },
    email(kind, extra = {}, attachmentIds = []) {
      const messageKey = reserveMessageKey(kind);
      return inOrder(() => activities.queueCaseEmail({ messageKey, applicationId, kind, extra, attachmentIds }));
    },
  };
}
