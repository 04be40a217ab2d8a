import { calendarDateIn } from '../../../../domain/time-zone';
import type { Client } from '@temporalio/client';
import type { Database } from '../../../../lib/db';
import { formatCaseReference } from '../../../../domain/reference';
import { isAfvisning } from '../../../../domain/afvisning';
import { parseDuration } from '../../../../lib/durations';
import { maskKontonummerUnbroken } from '../../../../lib/bank-account';
import { processSettingsSchema } from '../../../../domain/round-settings';
import type { CaseStatus } from '../../../../domain/status';
import type { ConsultationFact } from '../../../../domain/consultation';
import { grantApplicationWorkflowId } from '../../../../domain/workflow-ids';
import { REPORT_REQUIREMENTS, type ReportRequirement } from '../../../../domain/tiers';
import { reportWindowOpen } from '../../../../domain/report-window';
import type { Jurisdiction } from '../../../../domain/jurisdiction';
import { reconsiderationProcedure, type ReconsiderationProcedure } from '../../../../domain/reconsideration';
import { caseStateQuery, type CaseState, type DecisionOutcome } from '../../../../workflows/messages';
import { GENERATED_DOCUMENT_KINDS } from '../../documents/store';
import type { RepaymentOutcome } from '../../../../domain/repayment';

/** What the association's case page shows, read from the database (and what may be done, from the workflow). */
export interface CaseView {
  id: string;
  reference: string;
  status: CaseStatus;
  projectTitle: string;
  organizationName: string;
  /** A self-organised group's case: the group, and its sponsor's confirmation (null while it waits). */
  group: { name: string; sponsorEmail: string; confirmedAt: Date | null; confirmedBy: string | null } | null;
  /** The volunteer centre's staff member who drafted the application for the association, if one did. */
  preparedBy: string | null;
  roundName: string;
  amountRequestedOre: bigint;
  submittedAt: Date;
  /** The round's decision target from submission (deadline rounds: from the deadline); null once decided. */
  expectedAnswerBy: Date | null;
  openRequest: { sequence: number; items: string[]; message: string; answerBy: Date } | null;
  /** Partshøring waiting for the association's comments. */
  openConsultation: { sequence: number; facts: ConsultationFact[]; message: string; answerBy: Date } | null;
  /** `afvisning`: refused unassessed because it arrived after the deadline (domain/afvisning.ts). */
  decision: { outcome: DecisionOutcome; amountGrantedOre: bigint; decidedAt: Date; afvisning: boolean } | null;
  hasLetter: boolean;
  documents: { id: string; kind: string; filename: string; size: number; createdAt: Date }[];
  timeline: { type: string; toStatus: CaseStatus | null; occurredAt: Date; actor: string; details: unknown }[];
  canWithdraw: boolean;
  /** The grant is not yet paid: the association may say no thank you to it. */
  canDeclineGrant: boolean;
  /** Until the activity's last day the association may ask to change it or its period. */
  canRequestGrantChange: boolean;
  /** The change request waiting for the municipality's answer, when one is. */
  pendingGrantChange: { requestedAt: Date } | null;
  /** The report asked for now; null when none is due. */
  reportDue: { requirement: ReportRequirement; dueAt: Date } | null;
  /** A report owed whose form is not open yet: from when, and by when it is due. */
  reportOpensLater: { opensAt: Date; dueAt: Date } | null;
  /** The grant's payouts: to be paid on a date until finance confirms them; negative rows are paid back. */
  payouts: { amountOre: bigint; scheduledFor: Date; paidOn: Date | null; confirmed: boolean; year: number }[];
  /** For how many years the grant runs: more than one pays a year at a time (domain/grant-years.ts). */
  grantYears: number;
  /** The account the grant is paid to, masked ("•••• •• 78903"), where the organisation gave one (NO); null: its NemKonto. */
  payoutAccount: string | null;
  /** Every letter the municipality sent, oldest first: decisions (also replaced ones) and reconsideration answers. */
  letters: { id: string; kind: string; filename: string; createdAt: Date }[];
  /** Reconsideration (Norway: klage): until when it may be asked for, and whether it may be now. */
  reconsideration: { procedure: ReconsiderationProcedure; until: Date | null; mayAsk: boolean; open: boolean } | null;
  /** Unspent money after an accepted report: proposed, decided (claim, waiver, carry-over), paid; and its letter. */
  repayment: {
    proposedOre: bigint;
    outcome: RepaymentOutcome | null;
    claimedOre: bigint;
    dueAt: Date | null;
    newPeriodEnd: Date | null;
    paidOn: Date | null;
    letterId: string | null;
  } | null;
}

const UNDECIDED: readonly CaseStatus[] = ['SUBMITTED', 'SCREENING', 'AWAITING_APPLICANT', 'AWAITING_COMMENTS', 'IN_QUEUE', 'IN_REVIEW', 'AWAITING_APPROVAL'];

export async function loadCaseView(db: Database, temporal: Client, applicationId: string, jurisdiction: Jurisdiction): Promise<CaseView | null> {
  const application = await db.application.findUnique({
    where: { id: applicationId },
    include: {
      round: { select: { name: true, mode: true, closesAt: true, processSettings: true } },
      events: { orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }], select: { type: true, toStatus: true, occurredAt: true, actor: true, details: true } },
      informationRequests: { where: { answeredAt: null, lapsedAt: null }, orderBy: { sequence: 'desc' }, take: 1 },
      consultations: { where: { answeredAt: null, deadlinePassedAt: null }, orderBy: { sequence: 'desc' }, take: 1 },
      decisions: { orderBy: { sequence: 'asc' } },
      documents: { orderBy: { createdAt: 'asc' }, select: { id: true, kind: true, filename: true, size: true, createdAt: true } },
      reports: { orderBy: { sequence: 'desc' }, take: 1 },
      payouts: { orderBy: [{ decisionSequence: 'asc' }, { year: 'asc' }], select: { amountOre: true, scheduledFor: true, paidOn: true, confirmedAt: true, year: true } },
      repayments: { orderBy: { reportSequence: 'desc' }, take: 1 },
      grantChanges: { where: { outcome: null }, orderBy: { sequence: 'desc' }, take: 1 },
      sponsorship: { select: { sponsorEmail: true, confirmedAt: true, confirmedBy: true } },
    },
  });
  if (!application) return null;
  const status = application.status as CaseStatus;
  const submittedAt = application.submittedAt ?? application.createdAt;

  let expectedAnswerBy: Date | null = null;
  if (UNDECIDED.includes(status)) {
    const settings = processSettingsSchema.safeParse(application.round.processSettings ?? {});
    const from = application.round.mode === 'deadline' && application.round.closesAt && application.round.closesAt > submittedAt ? application.round.closesAt : submittedAt;
    if (settings.success) expectedAnswerBy = new Date(from.getTime() + parseDuration(settings.data.decisionTarget));
  }

  const final = application.decisions.findLast((decision) => !decision.needsApproval || decision.approvedAt);
  const request = application.informationRequests[0];
  const consultation = application.consultations[0];
  const report = application.reports[0];
  const repayment = application.repayments[0];
  const state = await workflowState(temporal, application.id);
  const until = state?.reconsiderableUntil ? new Date(state.reconsiderableUntil) : null;
  const requirement = report && (REPORT_REQUIREMENTS as readonly string[]).includes(report.requirement) ? (report.requirement as ReportRequirement) : null;

  return {
    id: application.id,
    reference: formatCaseReference(application.referenceNumber, submittedAt),
    status,
    projectTitle: application.projectTitle,
    organizationName: application.organizationName,
    preparedBy: application.preparedBy,
    group: application.groupName ? { name: application.groupName, sponsorEmail: application.sponsorship?.sponsorEmail ?? application.organizationEmail, confirmedAt: application.sponsorship?.confirmedAt ?? null, confirmedBy: application.sponsorship?.confirmedBy ?? null } : null,
    roundName: application.round.name,
    amountRequestedOre: application.amountRequestedOre,
    submittedAt,
    expectedAnswerBy,
    openRequest: status === 'AWAITING_APPLICANT' && request ? { sequence: request.sequence, items: request.items as string[], message: request.message, answerBy: request.answerBy } : null,
    openConsultation:
      status === 'AWAITING_COMMENTS' && consultation
        ? { sequence: consultation.sequence, facts: consultation.facts as unknown as ConsultationFact[], message: consultation.message, answerBy: consultation.answerBy }
        : null,
    decision: final ? { outcome: final.outcome as DecisionOutcome, amountGrantedOre: final.amountGrantedOre, decidedAt: final.approvedAt ?? final.decidedAt, afvisning: isAfvisning(final) } : null,
    hasLetter: application.documents.some((document) => document.kind === 'decision_letter'),
    documents: application.documents.filter((document) => !(GENERATED_DOCUMENT_KINDS as readonly string[]).includes(document.kind)),
    letters: application.documents.filter((document) => (GENERATED_DOCUMENT_KINDS as readonly string[]).includes(document.kind)),
    timeline: application.events.map((event) => ({ type: event.type, toStatus: event.toStatus as CaseStatus | null, occurredAt: event.occurredAt, actor: event.actor, details: event.details })),
    canWithdraw: UNDECIDED.includes(status) && (state?.allowedActions.includes('withdraw') ?? false),
    canDeclineGrant: state?.allowedActions.includes('declineGrant') ?? false,
    canRequestGrantChange: (state?.allowedActions.includes('requestGrantChange') ?? false) && calendarDateIn(new Date()) <= application.endDate.toISOString().slice(0, 10),
    // A declined grant leaves nothing to change: a request still waiting then is moot.
    pendingGrantChange: application.grantChanges[0] && status !== 'GRANT_DECLINED' ? { requestedAt: application.grantChanges[0].requestedAt } : null,
    reportDue: status === 'REPORT_DUE' && report && !report.submittedAt && requirement && reportWindowOpen(report.opensAt) ? { requirement, dueAt: report.dueAt } : null,
    reportOpensLater: report && !report.submittedAt && report.opensAt && !reportWindowOpen(report.opensAt) ? { opensAt: report.opensAt, dueAt: report.dueAt } : null,
    payouts: application.payouts.map((payout) => ({ amountOre: payout.amountOre, scheduledFor: payout.scheduledFor, paidOn: payout.paidOn, confirmed: payout.confirmedAt !== null, year: payout.year })),
    grantYears: application.grantYears,
    payoutAccount: application.payoutAccount ? maskKontonummerUnbroken(application.payoutAccount) : null,
    repayment: repayment
      ? {
          proposedOre: repayment.proposedOre,
          outcome: (repayment.outcome as RepaymentOutcome | null) ?? null,
          claimedOre: repayment.claimedOre ?? 0n,
          dueAt: repayment.dueAt,
          newPeriodEnd: repayment.newPeriodEnd,
          paidOn: repayment.paidOn,
          letterId: application.documents.findLast((document) => document.kind === 'repayment_letter')?.id ?? null,
        }
      : null,
    reconsideration: final
      ? {
          procedure: state?.reconsideration?.procedure ?? reconsiderationProcedure(jurisdiction),
          until,
          mayAsk: (state?.allowedActions.includes('requestReconsideration') ?? false) && until !== null && until.getTime() > Date.now(),
          open: Boolean(state?.reconsideration),
        }
      : null,
  };
}

/** The workflow decides what may be done; if it cannot be asked right now, the page simply offers nothing. */
async function workflowState(temporal: Client, applicationId: string): Promise<CaseState | null> {
  try {
    return await temporal.workflow.getHandle(grantApplicationWorkflowId(applicationId)).query(caseStateQuery);
  } catch {
    return null;
  }
}
