import { allHandlersFinished, condition, getExternalWorkflowHandle, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { activities } from './activities';
import type { CaseStatus } from '../domain/status';
import type { ProcessTimings } from '../domain/round-settings';
import { invalidInput, notAllowed } from './refusals';
import { proposedRepaymentOre } from '../domain/repayment';
import { REPAYMENT_PATCH, repaymentClaim, type RepaymentEmailKind } from './repayment';
import {
  reportStateQuery,
  reportStatusSignal,
  reportTermsSignal,
  reviewReportUpdate,
  submitReportSignal,
  type ReportReviewInput,
  type ReportState,
  type ReportStatus,
  type ReportSubmission,
  applicantActor,
} from './messages';

export interface FollowUpReportInput {
  applicationId: string;
  parentWorkflowId: string;
  requirement: string;
  dueAt: string;
  amountGrantedOre: number;
  /** From when the report may be sent; absent for cases decided before the report window existed. */
  opensAt?: string;
  assignee: string | null;
  timings: ProcessTimings;
  /** The year this report covers in a multi-year grant; absent for a single-year grant. */
  grantYear?: GrantYear;
}

/**
 * One year of a multi-year grant: its report numbers follow the previous years' reports, and
 * only the last year's accepted report closes the case.
 */
export interface GrantYear {
  year: number;
  of: number;
  firstSequence: number;
}

/** Reports decided since the report window existed wait for it before the report is due. */
export const REPORT_WINDOW_PATCH = 'report-window';


/**
 * The follow-up report a granted association owes: reminders around the due date, an alert to
 * the caseworker when it is overdue, the caseworker's review, and a repayment claim for money
 * not spent. Lives on its own schedule, months after the decision.
 */
export async function followUpReport(input: FollowUpReportInput): Promise<'accepted'> {
  const { applicationId } = input;
  const workflowId = workflowInfo().workflowId;
  const parent = getExternalWorkflowHandle(input.parentWorkflowId);

  let status = 'PAID' as ReportStatus | 'PAID';
  const firstSequence = input.grantYear?.firstSequence ?? 1;
  const lastYear = !input.grantYear || input.grantYear.year === input.grantYear.of;
  // Every year of a multi-year grant runs under the same workflow id: later years key their
  // events and emails by the year, so they are not taken for the first year's.
  const keyPrefix = input.grantYear && input.grantYear.year > 1 ? `year-${input.grantYear.year}:` : '';
  let sequence = firstSequence - 1;
  let dueAt = Date.parse(input.dueAt);
  // A changed decision (reconsideration) sets the report anew: requirement, due date and amount.
  let requirement = input.requirement;
  let amountGrantedOre = input.amountGrantedOre;
  let newTerms: { requirement: string; dueAt: string; opensAt?: string } | null = null;
  let opensAt = input.opensAt === undefined ? null : Date.parse(input.opensAt);
  let waitingForWindow = false;
  let submission: ReportSubmission | null = null;
  let review: ReportReviewInput | null = null;
  let eventCount = 0;

  function state(): ReportState {
    return {
      status: status === 'PAID' ? 'REPORT_DUE' : status,
      sequence,
      requirement,
      dueAt: new Date(dueAt).toISOString(),
      submitted: submission !== null,
      ...(opensAt === null ? {} : { opensAt: new Date(opensAt).toISOString() }),
      repayment: repayment.state(),
    };
  }

  async function record(type: string, actor: string, target: CaseStatus, details: Record<string, unknown> = {}): Promise<void> {
    // Before a multi-year grant's last year the year's report settles the year, not the case.
    const to = target === 'CLOSED' && !lastYear ? 'PAID' : target;
    const from = status as CaseStatus;
    const changed = to !== from;
    status = to as ReportStatus;
    eventCount += 1;
    await activities.recordTransition({
      eventKey: `${workflowId}:${keyPrefix}${eventCount}`,
      applicationId,
      type,
      from,
      to,
      actor,
      occurredAt: new Date().toISOString(),
      details,
    });
    if (changed) await parent.signal(reportStatusSignal, { status: to as ReportStatus });
  }

  const emailCounts: Record<string, number> = {};
  async function email(kind: 'report_reminder' | 'report_overdue' | 'report_accepted' | 'report_returned' | 'report_escalation' | RepaymentEmailKind, extra: Record<string, unknown>, attachmentIds: string[] = []) {
    emailCounts[kind] = (emailCounts[kind] ?? 0) + 1;
    await activities.queueCaseEmail({ messageKey: `${applicationId}:${keyPrefix}${kind}:${emailCounts[kind]}`, applicationId, kind, extra, attachmentIds });
  }

  // Before a multi-year grant's last year, the repayment emails say the grant goes on.
  const repaymentEmail: typeof email = (kind, extra, ...rest) => email(kind, lastYear ? extra : { ...extra, nextGrantYear: input.grantYear!.year + 1 }, ...rest);
  const repayment = repaymentClaim({ applicationId, timings: input.timings, status: () => status as ReportStatus, reportState: state, record, email: repaymentEmail });

  setHandler(reportStateQuery, state);
  setHandler(reportTermsSignal, (terms) => {
    amountGrantedOre = terms.amountGrantedOre;
    // A report already sent in is judged as sent; only a report still owed gets the new terms.
    if ((status === 'REPORT_DUE' || waitingForWindow) && !submission) newTerms = { requirement: terms.requirement, dueAt: terms.dueAt, opensAt: terms.opensAt };
  });
  setHandler(submitReportSignal, (report) => {
    if (status === 'REPORT_DUE' && !submission) submission = report;
  });
  setHandler(
    reviewReportUpdate,
    async (input) => {
      review = input;
      // Answer once the review has been carried out: the case is due again, or closed.
      await condition(() => status !== 'REPORT_SUBMITTED');
      return state();
    },
    {
      validator: ({ accept, comment }) => {
        if (status !== 'REPORT_SUBMITTED' || review) {
          throw notAllowed('reviewReport', status, `a report can be reviewed only when one is submitted; the case is ${status}`);
        }
        if (!accept && !comment?.trim()) {
          throw invalidInput({ field: 'comment', messageKey: 'errors.report.commentRequired' });
        }
      },
    },
  );

  for (;;) {
    sequence += 1;
    await activities.createFollowUpReport({ applicationId, sequence, requirement, dueAt: new Date(dueAt).toISOString(), ...windowIso() });
    if (sequence === firstSequence && opensAt !== null && opensAt > Date.now() && patched(REPORT_WINDOW_PATCH)) await awaitWindow();
    await record(sequence === firstSequence ? 'report_due' : 'report_returned', 'system', 'REPORT_DUE', { sequence, dueAt: new Date(dueAt).toISOString() });

    await awaitReport();
    const received = submission!;
    await activities.saveFollowUpReport({ applicationId, sequence, submission: received });
    await record('report_submitted', applicantActor(received), 'REPORT_SUBMITTED', { sequence, onTime: Date.parse(received.at) <= dueAt });

    await condition(() => review !== null);
    const decision = review!;
    const repaymentOre = decision.accept ? proposedRepaymentOre(amountGrantedOre, received.spentKroner) : 0;
    await activities.recordReportReview({
      applicationId,
      sequence,
      caseworker: decision.caseworker,
      accept: decision.accept,
      comment: decision.comment ?? null,
      repaymentOre,
      at: new Date().toISOString(),
    });
    if (decision.accept) {
      // Unspent money: the caseworker decides the claim as a decision of its own, with its own letter.
      if (repaymentOre > 0 && patched(REPAYMENT_PATCH)) {
        repayment.propose({ reportSequence: sequence, proposedOre: repaymentOre, grantedOre: amountGrantedOre, acceptedBy: decision.caseworker });
        await email('report_accepted', { repaymentOre, repaymentProposed: true });
        await record('report_accepted', decision.caseworker, 'REPAYMENT_PROPOSED', { sequence });
        review = null;
        await repayment.run();
        await condition(allHandlersFinished);
        return 'accepted';
      }
      if (repaymentOre > 0) await record('repayment_claimed', decision.caseworker, 'REPORT_SUBMITTED', { repaymentOre });
      await email('report_accepted', { repaymentOre, ...(lastYear ? {} : { nextGrantYear: input.grantYear!.year + 1 }) });
      await record('report_accepted', decision.caseworker, 'CLOSED', { sequence });
      review = null;
      await condition(allHandlersFinished);
      return 'accepted';
    }
    await email('report_returned', { comment: decision.comment ?? '' });
    submission = null;
    review = null;
    dueAt = Date.now() + input.timings.reportResubmissionDeadlineMs;
  }

  function windowIso(): { opensAt?: string } {
    return opensAt === null ? {} : { opensAt: new Date(opensAt).toISOString() };
  }

  /**
   * Until the report form opens, nothing is due: the case is not REPORT_DUE and a report sent is
   * ignored (the API refuses it). A changed decision moves the due date and with it the window.
   */
  async function awaitWindow(): Promise<void> {
    waitingForWindow = true;
    while (opensAt !== null && opensAt > Date.now()) {
      if (!(await condition(() => newTerms !== null, opensAt - Date.now()))) break;
      const terms = newTerms!;
      newTerms = null;
      requirement = terms.requirement;
      dueAt = Date.parse(terms.dueAt);
      if (terms.opensAt !== undefined) opensAt = Date.parse(terms.opensAt);
      await activities.updateFollowUpReportTerms({ applicationId, sequence, requirement, dueAt: terms.dueAt, ...windowIso() });
    }
    waitingForWindow = false;
  }

  /** Waits for the report; new terms from a changed decision start the reminders over. */
  async function awaitReport(): Promise<void> {
    while ((await awaitReportOnTerms()) === 'newTerms') {
      const terms = newTerms!;
      newTerms = null;
      requirement = terms.requirement;
      dueAt = Date.parse(terms.dueAt);
      await activities.updateFollowUpReportTerms({ applicationId, sequence, requirement, dueAt: terms.dueAt });
      await record('report_terms_changed', 'system', 'REPORT_DUE', { sequence, dueAt: terms.dueAt, requirement });
      await parent.signal(reportStatusSignal, { status: 'REPORT_DUE' });
    }
  }

  /** Reminders before, on and after the due date; then the caseworker is alerted. */
  async function awaitReportOnTerms(): Promise<'submitted' | 'newTerms'> {
    const reminders = sequence === firstSequence ? input.timings.reportRemindersMs : [];
    const settled = () => submission !== null || newTerms !== null;
    const outcome = () => (newTerms !== null && submission === null ? 'newTerms' : 'submitted');
    let remindersSent = 0;
    for (const offset of reminders) {
      const wait = Math.max(0, dueAt + offset - Date.now());
      if (await condition(settled, wait)) return outcome();
      remindersSent += 1;
      await activities.noteReportReminder({ applicationId, sequence, remindersSent });
      await record(offset > 0 ? 'report_overdue_reminder_sent' : 'report_reminder_sent', 'system', 'REPORT_DUE', { sequence, offsetMs: offset });
      await email(offset > 0 ? 'report_overdue' : 'report_reminder', { sequence });
    }
    const escalateIn = Math.max(0, dueAt + input.timings.reportEscalationAfterMs - Date.now());
    if (await condition(settled, escalateIn)) return outcome();
    await record('report_overdue_escalated', 'system', 'REPORT_DUE', { sequence, assignee: input.assignee });
    await email('report_escalation', { sequence, assignee: input.assignee });
    await condition(settled);
    return outcome();
  }
}
