import type { CaseStatus } from '../status';

// What one case's events say about it: how long it took to a decision, how that time splits
// between the municipality and the association, and how long it sat in each stage. Computed
// once per case when its events change (services/api/stats/refresh.ts); the summary only adds up.

export interface TimelineEvent {
  type: string;
  from: CaseStatus | null;
  to: CaseStatus | null;
  at: Date;
  details: Record<string, unknown>;
}

export interface CaseRound {
  mode: 'continuous' | 'deadline';
  closesAt: Date | null;
  /** Target from submission to decision. */
  decisionTargetMs: number;
}

/** The stages a case waits in before its decision. */
export const STAGES = ['screening', 'queue', 'round_wait', 'review', 'approval', 'applicant'] as const;
export type Stage = (typeof STAGES)[number];

export interface CaseTimelineFacts {
  submittedAt: Date;
  /** The first decision: when the association got its answer. Durations end here. */
  decidedAt: Date | null;
  /** The outcome of the decision in force: the last one, after any reconsideration or appeal. */
  outcome: string | null;
  /** The sequence of the decision in force (its amount is in the decisions table). */
  decisionSequence: number | null;
  /** Where the case stands: the outcome in force, or lapsed, withdrawn, or still open. */
  state: CaseState;
  /**
   * Submission to (first) decision, and its split: the time the case waited for the association
   * (null when it never did; the same figure as the stage "applicant"), and the rest.
   */
  turnaroundSeconds: number | null;
  applicantSeconds: number | null;
  municipalitySeconds: number | null;
  withinTarget: boolean | null;
  /** Time in each stage before the decision (null for a stage the case never entered). */
  stageSeconds: Record<Stage, number | null>;
  informationRequests: number;
  missingItems: string[];
  lapsedAt: Date | null;
  withdrawnAt: Date | null;
  report: {
    dueAt: Date | null;
    onTime: boolean | null;
    /** From the report being asked for (the payout) to its first submission. */
    secondsToSubmit: number | null;
    reminders: number;
    returned: number;
    repaymentOre: number | null;
  };
}

/** Where a case stands now; every submitted case is in exactly one of these. */
export const CASE_STATES = ['approved', 'partially_approved', 'rejected', 'lapsed', 'withdrawn', 'open'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** Events that put a decision in force: the first decision, a second signature, a changed decision. */
const DECISION_EVENTS = new Set(['decided', 'decision_approved', 'decision_changed']);

const STAGE_OF: Partial<Record<CaseStatus, Stage>> = {
  SUBMITTED: 'screening',
  SCREENING: 'screening',
  IN_QUEUE: 'queue',
  IN_REVIEW: 'review',
  AWAITING_APPROVAL: 'approval',
  AWAITING_APPLICANT: 'applicant',
  // Partshøring: the case waits for the association's comments, as for an information request.
  AWAITING_COMMENTS: 'applicant',
};

const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/**
 * Walks the status changes in order. Events that keep the status (reminders, an SLA note) do not
 * end a stay. Waiting in a deadline round's queue before the round closes is "round_wait", not
 * queue: no caseworker could act on the case before then.
 */
export function caseTimelineFacts(submittedAt: Date, events: readonly TimelineEvent[], round: CaseRound): CaseTimelineFacts {
  const ordered = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const stageSeconds: Record<Stage, number | null> = { screening: null, queue: null, round_wait: null, review: null, approval: null, applicant: null };
  const add = (stage: Stage, value: number) => {
    stageSeconds[stage] = (stageSeconds[stage] ?? 0) + value;
  };

  const decision = ordered.find((event) => event.to === 'DECIDED' && event.from !== 'DECIDED');
  const decidedAt = decision?.at ?? null;
  let status: CaseStatus | null = null;
  let since = submittedAt;
  for (const event of ordered) {
    if (decidedAt && event.at > decidedAt) break;
    if (event.to === null || event.to === status) continue;
    const stage = status ? STAGE_OF[status] : undefined;
    if (stage) {
      const stay = seconds(since, event.at);
      if (stage === 'queue' && round.mode === 'deadline' && round.closesAt && since < round.closesAt) {
        const beforeClose = seconds(since, event.at < round.closesAt ? event.at : round.closesAt);
        add('round_wait', beforeClose);
        add('queue', stay - beforeClose);
      } else {
        add(stage, stay);
      }
    }
    status = event.to;
    since = event.at;
    if (event === decision) break;
  }

  const turnaroundSeconds = decidedAt ? seconds(submittedAt, decidedAt) : null;
  const applicantSeconds = decidedAt ? stageSeconds.applicant : null;
  const inForce = decidedAt ? ordered.filter((event) => event.to === 'DECIDED' && DECISION_EVENTS.has(event.type)).at(-1) : undefined;
  const outcome = inForce && typeof inForce.details.outcome === 'string' ? inForce.details.outcome : null;
  const requests = ordered.filter((event) => event.type === 'information_requested' && (!decidedAt || event.at <= decidedAt));
  const missingItems = requests.flatMap((event) => (Array.isArray(event.details.items) ? event.details.items.filter((item): item is string => typeof item === 'string') : []));

  const firstOf = (type: string) => ordered.find((event) => event.type === type);
  const reportAsked = firstOf('report_due');
  const reportSubmitted = firstOf('report_submitted');
  const repayment = firstOf('repayment_claimed');
  const dueAt = typeof reportAsked?.details.dueAt === 'string' ? new Date(reportAsked.details.dueAt) : null;

  const lapsedAt = firstOf('lapsed')?.at ?? null;
  const withdrawnAt = firstOf('withdrawn')?.at ?? null;

  return {
    submittedAt,
    decidedAt,
    outcome,
    decisionSequence: inForce && typeof inForce.details.sequence === 'number' ? inForce.details.sequence : null,
    state: caseState(outcome, lapsedAt, withdrawnAt),
    turnaroundSeconds,
    applicantSeconds,
    municipalitySeconds: turnaroundSeconds === null ? null : turnaroundSeconds - (applicantSeconds ?? 0),
    withinTarget: turnaroundSeconds === null ? null : turnaroundSeconds * 1000 <= round.decisionTargetMs,
    stageSeconds,
    informationRequests: requests.length,
    missingItems,
    lapsedAt,
    withdrawnAt,
    report: {
      dueAt,
      onTime: reportSubmitted ? reportSubmitted.details.onTime === true : null,
      secondsToSubmit: reportAsked && reportSubmitted ? seconds(reportAsked.at, reportSubmitted.at) : null,
      reminders: ordered.filter((event) => event.type === 'report_reminder_sent' || event.type === 'report_overdue_reminder_sent').length,
      returned: ordered.filter((event) => event.type === 'report_returned').length,
      repaymentOre: typeof repayment?.details.repaymentOre === 'number' ? repayment.details.repaymentOre : null,
    },
  };
}

function caseState(outcome: string | null, lapsedAt: Date | null, withdrawnAt: Date | null): CaseState {
  if (outcome === 'approved' || outcome === 'partially_approved' || outcome === 'rejected') return outcome;
  if (lapsedAt) return 'lapsed';
  if (withdrawnAt) return 'withdrawn';
  return 'open';
}

/** The calendar day of a moment in the municipality's time zone, as YYYY-MM-DD. */
export function localDay(at: Date, timeZone = 'Europe/Copenhagen'): string {
  return dayFormat(timeZone).format(at);
}

// Building a DateTimeFormat costs far more than formatting with one; a rebuild formats millions.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** Association size by volunteers, in bands wide enough not to single anyone out. */
export function volunteerBand(volunteers: number): string {
  if (volunteers <= 5) return '1-5';
  if (volunteers <= 20) return '6-20';
  if (volunteers <= 50) return '21-50';
  return '51+';
}
