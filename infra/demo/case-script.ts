import crypto from 'node:crypto';
import type { Database } from '../../lib/db';
import type { CaseStatus } from '../../domain/status';
import { grantApplicationWorkflowId } from '../../domain/workflow-ids';

// Writes a case's read-model rows directly — application, events, information requests,
// decision, payout, follow-up report — as the workflow would have left them. For demo data and
// for statistics fixtures with exact timestamps; never for real cases.

export interface ScriptEvent {
  type: string;
  from: CaseStatus | null;
  to: CaseStatus;
  at: Date;
  actor: string;
  details: Record<string, unknown>;
}

export interface CaseDecision {
  outcome: 'approved' | 'partially_approved' | 'rejected';
  amountGrantedOre: bigint;
  reasons: { criteria: string[]; text: string };
  decidedAt: Date;
  needsApproval: boolean;
  approvedAt: Date | null;
}

export interface CaseReport {
  dueAt: Date;
  submittedAt: Date | null;
  content: Record<string, unknown> | null;
  remindersSent: number;
  reviewOutcome: string | null;
  reviewedAt: Date | null;
  repaymentOre: bigint | null;
  storyConsent: boolean | null;
  /** A caseworker's review of the story: the published wording, or declined. */
  storyReview: { review: 'approved' | 'declined'; text: string | null; activity: string | null; at: Date } | null;
}

/** Builds a case's events in order, keeping the status, from offsets after submission. */
export class CaseScript {
  readonly events: ScriptEvent[] = [];
  readonly requests: { sequence: number; items: string[]; createdAt: Date; answeredAt: Date | null; lapsedAt: Date | null }[] = [];
  decision: CaseDecision | null = null;
  /** Decisions that replaced the first one after reconsideration (sequence 2, 3, …). */
  readonly changedDecisions: CaseDecision[] = [];
  report: CaseReport | null = null;
  status: CaseStatus = 'SUBMITTED';

  constructor(
    readonly submittedAt: Date,
    readonly amountRequestedOre: bigint,
  ) {
    this.push('submitted', null, 'SUBMITTED', 0, 'applicant');
    this.push('screening_started', 'SUBMITTED', 'SCREENING', 0, 'system');
  }

  at(offsetMs: number): Date {
    return new Date(this.submittedAt.getTime() + offsetMs);
  }

  private push(type: string, from: CaseStatus | null, to: CaseStatus, offsetMs: number, actor: string, details: Record<string, unknown> = {}): this {
    this.events.push({ type, from, to, at: this.at(offsetMs), actor, details });
    this.status = to;
    return this;
  }

  private move(type: string, to: CaseStatus, offsetMs: number, actor = 'caseworker@grantflow.local', details: Record<string, unknown> = {}): this {
    return this.push(type, this.status, to, offsetMs, actor, details);
  }

  queued(offsetMs: number) {
    return this.move('queued', 'IN_QUEUE', offsetMs, 'system');
  }
  claimed(offsetMs: number) {
    return this.move(this.status === 'IN_QUEUE' ? 'claimed' : 'reassigned', 'IN_REVIEW', offsetMs);
  }
  released(offsetMs: number) {
    return this.move('released', 'IN_QUEUE', offsetMs);
  }
  requested(offsetMs: number, items: string[], actor = this.status === 'SCREENING' ? 'system' : 'caseworker@grantflow.local') {
    const sequence = this.requests.length + 1;
    this.requests.push({ sequence, items, createdAt: this.at(offsetMs), answeredAt: null, lapsedAt: null });
    return this.move('information_requested', 'AWAITING_APPLICANT', offsetMs, actor, { sequence, items });
  }
  reminded(offsetMs: number) {
    return this.move('information_reminder_sent', this.status, offsetMs, 'system', { sequence: this.requests.length });
  }
  received(offsetMs: number) {
    const request = this.requests[this.requests.length - 1]!;
    request.answeredAt = this.at(offsetMs);
    return this.move('information_received', 'IN_QUEUE', offsetMs, 'applicant', { sequence: request.sequence, documents: 1 });
  }
  lapsed(offsetMs: number) {
    const request = this.requests[this.requests.length - 1]!;
    request.lapsedAt = this.at(offsetMs);
    return this.move('lapsed', 'LAPSED', offsetMs, 'system', { sequence: request.sequence });
  }
  withdrawn(offsetMs: number) {
    return this.move('withdrawn', 'WITHDRAWN', offsetMs, 'applicant', { reason: '' });
  }
  /** A decision that takes effect at once (or, with approveAt, after a second signature). */
  decided(offsetMs: number, outcome: CaseDecision['outcome'], grantedOre: bigint, reasons: CaseDecision['reasons'] = { criteria: [], text: '' }, approveAt?: number) {
    const sequence = 1;
    if (approveAt !== undefined) {
      this.move('decision_proposed', 'AWAITING_APPROVAL', offsetMs, 'caseworker@grantflow.local', { sequence, outcome });
      this.move('decision_approved', 'DECIDED', approveAt, 'approver@grantflow.local', { sequence, outcome });
    } else {
      this.move('decided', 'DECIDED', offsetMs, 'caseworker@grantflow.local', { sequence, outcome });
    }
    this.decision = { outcome, amountGrantedOre: grantedOre, reasons, decidedAt: this.at(offsetMs), needsApproval: approveAt !== undefined, approvedAt: approveAt === undefined ? null : this.at(approveAt) };
    return this;
  }
  /** Partshøring: the case waits for the association's comments, which send it back to review. */
  consulted(offsetMs: number) {
    return this.move('consultation_sent', 'AWAITING_COMMENTS', offsetMs, 'caseworker@grantflow.local', { sequence: 1 });
  }
  commented(offsetMs: number) {
    return this.move('consultation_answered', 'IN_REVIEW', offsetMs, 'applicant', { sequence: 1 });
  }
  /** The association asks for reconsideration, and a caseworker changes the decision. */
  reconsidered(requestMs: number, changeMs: number, outcome: CaseDecision['outcome'], grantedOre: bigint, reasons: CaseDecision['reasons'] = { criteria: [], text: '' }) {
    const previousSequence = 1 + this.changedDecisions.length;
    const sequence = previousSequence + 1;
    this.move('reconsideration_requested', 'RECONSIDERATION_REQUESTED', requestMs, 'applicant', { sequence: 1, procedure: 'reconsideration', documents: 0 });
    this.move('decision_changed', 'DECIDED', changeMs, 'caseworker@grantflow.local', { sequence, outcome, basis: 'reconsideration', previousSequence });
    this.changedDecisions.push({ outcome, amountGrantedOre: grantedOre, reasons, decidedAt: this.at(changeMs), needsApproval: false, approvedAt: null });
    return this;
  }
  paid(offsetMs: number) {
    return this.move('paid', 'PAID', offsetMs, 'system', { amountOre: Number(this.decision?.amountGrantedOre ?? 0n) });
  }
  reportDue(offsetMs: number, dueAt: Date) {
    this.report = { dueAt, submittedAt: null, content: null, remindersSent: 0, reviewOutcome: null, reviewedAt: null, repaymentOre: null, storyConsent: null, storyReview: null };
    return this.move('report_due', 'REPORT_DUE', offsetMs, 'system', { sequence: 1, dueAt: dueAt.toISOString() });
  }
  reportReminded(offsetMs: number) {
    this.report!.remindersSent += 1;
    return this.move('report_reminder_sent', 'REPORT_DUE', offsetMs, 'system', { sequence: 1 });
  }
  reportSubmitted(offsetMs: number, content: Record<string, unknown>) {
    const report = this.report!;
    report.submittedAt = this.at(offsetMs);
    report.content = content;
    report.storyConsent = typeof content.storyConsent === 'boolean' ? content.storyConsent : null;
    return this.move('report_submitted', 'REPORT_SUBMITTED', offsetMs, 'applicant', { sequence: 1, onTime: this.at(offsetMs) <= report.dueAt });
  }
  reportAccepted(offsetMs: number, repaymentOre = 0n) {
    const report = this.report!;
    report.reviewOutcome = 'accepted';
    report.reviewedAt = this.at(offsetMs);
    report.repaymentOre = repaymentOre;
    if (repaymentOre > 0n) this.move('repayment_claimed', 'REPORT_SUBMITTED', offsetMs, 'caseworker@grantflow.local', { repaymentOre: Number(repaymentOre) });
    return this.move('report_accepted', 'CLOSED', offsetMs, 'caseworker@grantflow.local', { sequence: 1 });
  }
  /** A caseworker approves the report's story in an anonymised wording (text and activity), or declines it (null). */
  storyReviewed(offsetMs: number, published: { text: string; activity: string } | null) {
    this.report!.storyReview = { review: published ? 'approved' : 'declined', text: published?.text ?? null, activity: published?.activity ?? null, at: this.at(offsetMs) };
    return this.move(published ? 'story_approved' : 'story_declined', this.status, offsetMs, 'caseworker@grantflow.local', { sequence: 1 });
  }
}

export interface CaseApplicant {
  roundId: string;
  cvr: string;
  organizationName: string;
  contactName: string;
  contactEmail: string;
  projectTitle: string;
  targetGroup: string;
  volunteers: number;
  /** The answer to common.consent.contactLater. */
  contactLater: boolean;
  /** The activity's period; by default from 30 to 120 days after submission. */
  activity?: { startDate: Date; endDate: Date };
}

/** Writes the case's rows in one transaction; returns the application's ID. */
export async function writeCase(db: Database, applicant: CaseApplicant, script: CaseScript): Promise<string> {
  const id = crypto.randomUUID();
  const workflowId = grantApplicationWorkflowId(id);
  const decision = script.decision;
  await db.$transaction(async (tx) => {
    await tx.application.create({
      data: {
        id,
        roundId: applicant.roundId,
        status: script.status,
        organizationCvr: applicant.cvr,
        organizationName: applicant.organizationName,
        organizationEmail: `post@${applicant.cvr}.example.dk`,
        contactName: applicant.contactName,
        contactEmail: applicant.contactEmail,
        projectTitle: applicant.projectTitle,
        projectPurpose: applicant.projectTitle,
        targetGroup: applicant.targetGroup,
        isNewActivity: true,
        volunteers: applicant.volunteers,
        expectedParticipants: applicant.volunteers * 5,
        startDate: applicant.activity?.startDate ?? script.at(30 * 86_400_000),
        endDate: applicant.activity?.endDate ?? script.at(120 * 86_400_000),
        amountRequestedOre: script.amountRequestedOre,
        amountGrantedOre: (script.changedDecisions.at(-1) ?? decision)?.amountGrantedOre ?? null,
        submission: { declarations: { truthful: true, childCertificates: false, contactLater: applicant.contactLater } },
        consentContactLater: applicant.contactLater,
        workflowId,
        workflowStartedAt: script.submittedAt,
        submittedAt: script.submittedAt,
        createdAt: script.submittedAt,
      },
    });
    await tx.caseEvent.createMany({
      data: script.events.map((event, index) => ({
        eventKey: `${workflowId}:${index}`,
        applicationId: id,
        type: event.type,
        fromStatus: event.from,
        toStatus: event.to,
        actor: event.actor,
        occurredAt: event.at,
        details: event.details as object,
      })),
    });
    if (script.requests.length > 0) {
      await tx.informationRequest.createMany({
        data: script.requests.map((request) => ({
          applicationId: id,
          sequence: request.sequence,
          requestedBy: 'system',
          items: request.items,
          message: '',
          answerBy: new Date(request.createdAt.getTime() + 14 * 86_400_000),
          createdAt: request.createdAt,
          answeredAt: request.answeredAt,
          lapsedAt: request.lapsedAt,
        })),
      });
    }
    if (decision) {
      await tx.decision.create({
        data: {
          applicationId: id,
          sequence: 1,
          outcome: decision.outcome,
          amountGrantedOre: decision.amountGrantedOre,
          reasons: decision.reasons,
          decidedBy: 'caseworker@grantflow.local',
          decidedAt: decision.decidedAt,
          needsApproval: decision.needsApproval,
          approvedBy: decision.approvedAt ? 'approver@grantflow.local' : null,
          approvedAt: decision.approvedAt,
        },
      });
      for (const [index, changed] of script.changedDecisions.entries()) {
        await tx.decision.create({
          data: {
            applicationId: id,
            sequence: index + 2,
            outcome: changed.outcome,
            amountGrantedOre: changed.amountGrantedOre,
            reasons: changed.reasons,
            decidedBy: 'caseworker@grantflow.local',
            decidedAt: changed.decidedAt,
            needsApproval: false,
          },
        });
      }
      if (decision.outcome !== 'rejected' && script.events.some((event) => event.type === 'paid')) {
        await tx.payout.create({
          data: { payoutKey: `payout:${id}`, applicationId: id, amountOre: decision.amountGrantedOre, cvr: applicant.cvr, scheduledFor: decision.decidedAt, registeredAt: decision.decidedAt },
        });
      }
    }
    const report = script.report;
    if (report) {
      await tx.followUpReport.create({
        data: {
          applicationId: id,
          sequence: 1,
          requirement: 'declaration',
          dueAt: report.dueAt,
          submittedAt: report.submittedAt,
          content: (report.content ?? undefined) as object | undefined,
          remindersSent: report.remindersSent,
          reviewOutcome: report.reviewOutcome,
          reviewedAt: report.reviewedAt,
          reviewedBy: report.reviewedAt ? 'caseworker@grantflow.local' : null,
          repaymentOre: report.repaymentOre,
          storyConsent: report.storyConsent,
          storyReview: report.storyReview?.review ?? null,
          publishedStory: report.storyReview?.text ?? null,
          publishedActivity: report.storyReview?.activity ?? null,
          storyReviewedBy: report.storyReview ? 'caseworker@grantflow.local' : null,
          storyReviewedAt: report.storyReview?.at ?? null,
        },
      });
    }
  });
  return id;
}
