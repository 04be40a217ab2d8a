import type { ReportRequirement } from '../../domain/tiers';
import type { FactSource } from '../../domain/consultation';
import type { Jurisdiction } from '../../lib/jurisdiction';

export type EmailKind =
  | 'receipt'
  | 'information_request'
  | 'information_reminder'
  | 'consultation'
  | 'consultation_reminder'
  | 'lapsed'
  | 'withdrawn'
  | 'decision'
  | 'paid'
  | 'report_reminder'
  | 'report_overdue'
  | 'report_accepted'
  | 'report_returned'
  | 'report_escalation'
  | 'back_to_caseworker'
  | 'afvisning'
  | 'reconsideration_received'
  | 'reconsideration_upheld'
  | 'reconsideration_forwarded'
  | 'appeals_board_decision'
  | 'repayment_claim'
  | 'repayment_waived'
  | 'repayment_carried_over'
  | 'repayment_reminder'
  | 'repayment_overdue'
  | 'repayment_paid'
  | 'grant_declined'
  | 'grant_change_decided'
  | 'acceptance_requested'
  | 'acceptance_reminder'
  | 'grant_lapsed';

export type DecisionOutcome = 'approved' | 'partially_approved' | 'rejected';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** What every email about a case needs. */
export interface EmailCommon {
  municipalityName: string;
  organizationName: string;
  contactName: string;
  reference: string;
  /** The association's private link to the case; for emails to the caseworker, her case page. */
  caseUrl: string;
  /** The round's contact person, in every email's contact block. */
  contact: { name: string; phone: string; email: string };
  /** The glossary page (<public base URL>/ordliste) the terms an email uses link to. */
  glossaryUrl: string;
  /** The account the grant is paid to, masked, where the organisation gave one (NO); absent: its NemKonto. */
  payoutAccount?: string;
  /** Whose administrative law the email states (the municipality's jurisdiction); Danish when not given. */
  law?: Jurisdiction;
}

export interface InformationRequestDetails {
  items: string[]; // already worded, one thing that is missing per item
  message: string; // the caseworker's own words; may be empty
  answerBy: Date;
}

/** Partshøring: the facts the decision would rest on, each with its source when known. */
export interface ConsultationDetails {
  facts: { text: string; source?: FactSource }[];
  message: string; // the caseworker's own words; may be empty
  answerBy: Date;
}

export interface ReportDeadline {
  dueDate: Date;
  requirement: ReportRequirement;
}

/** A repayment claim and how to pay it; a waiver or carry-over names only the unspent money (and the new period). */
export interface RepaymentDetails {
  /** The unspent money the claim was proposed at. */
  proposedOre: bigint;
  /** What is claimed (0 for a waiver or carry-over). */
  claimedOre: bigint;
  /** The municipality's account, "reg.nr. kontonr.". */
  account: string;
  dueAt?: Date;
  newPeriodEnd?: Date;
  paidOn?: Date;
  /** A multi-year grant going on after this year's repayment: the year paid next. */
  nextGrantYear?: number;
}

export interface EmailData {
  receipt: EmailCommon & { roundName: string; submittedAt: Date; expectedAnswerBy?: Date };
  information_request: EmailCommon & InformationRequestDetails;
  information_reminder: EmailCommon & InformationRequestDetails;
  consultation: EmailCommon & ConsultationDetails;
  consultation_reminder: EmailCommon & ConsultationDetails;
  lapsed: EmailCommon;
  withdrawn: EmailCommon;
  /** The decision letter (PDF) is attached by the caller. */
  decision: EmailCommon & { outcome: DecisionOutcome; amountGrantedOre: bigint; payoutDate?: Date; /** The grant is paid once accepted, by this deadline. */ acceptBy?: Date; replacesEarlier?: boolean; /** A changed decision: paid on top (positive) or to be paid back (negative). */ differenceOre?: bigint };
  /** Finance confirmed the payout: the amount and the date the money went out. */
  paid: EmailCommon & { amountOre: bigint; paidOn: Date };
  report_reminder: EmailCommon & ReportDeadline;
  report_overdue: EmailCommon & ReportDeadline;
  /** With money unspent (repaymentProposedOre) a claim is to be decided: the case is not over. */
  report_accepted: EmailCommon & { comment?: string; repaymentProposedOre?: bigint; /** A multi-year grant with a year still to come: that year's payout is on its way. */ nextGrantYear?: number };
  report_returned: EmailCommon & { comment: string; dueDate?: Date };
  /** Sent to the caseworker, not the association. */
  report_escalation: EmailCommon & ReportDeadline & { caseworkerName: string; overdueDays: number; remindersSent?: number };
  /** Sent to the caseworker: the association answered (or its deadline passed) and the case is hers again. */
  back_to_caseworker: EmailCommon & { caseworkerName: string; reason: 'information_received' | 'consultation_answered' | 'consultation_deadline_passed' };
  /** A late application refused without assessment; its letter (PDF) is attached by the caller. */
  afvisning: EmailCommon & { roundName: string; deadline: Date; receivedAt: Date };
  /** A klage (Norway) or a request for reconsideration (Denmark): the procedure the request follows. */
  reconsideration_received: EmailCommon & { requestedAt: Date; procedure?: 'reconsideration' | 'klage' };
  /** The letter saying why is attached by the caller. */
  reconsideration_upheld: EmailCommon;
  reconsideration_forwarded: EmailCommon;
  appeals_board_decision: EmailCommon & { boardDecidedOn: Date };
  /** The letter (PDF) is attached by the caller. */
  repayment_claim: EmailCommon & RepaymentDetails;
  repayment_waived: EmailCommon & RepaymentDetails;
  repayment_carried_over: EmailCommon & RepaymentDetails;
  repayment_reminder: EmailCommon & RepaymentDetails;
  repayment_overdue: EmailCommon & RepaymentDetails;
  repayment_paid: EmailCommon & RepaymentDetails;
  /** The association declined the grant; exportedOre > 0: the payout had already gone to finance. */
  grant_declined: EmailCommon & { amountGrantedOre: bigint; exportedOre: bigint };
  /** The decision on a change request; its letter (PDF) is attached by the caller. */
  grant_change_decided: EmailCommon & { approved: boolean; reportDueAt?: Date };
  /** To the signatory, with the private acceptance link as caseUrl. */
  acceptance_requested: EmailCommon & AcceptanceDetails;
  acceptance_reminder: EmailCommon & AcceptanceDetails;
  /** The grant lapsed unaccepted; its letter (PDF) is attached by the caller. */
  grant_lapsed: EmailCommon & AcceptanceDetails;
}

/** A grant waiting for the signatory's acceptance: the amount, the deadline and who may sign. */
export interface AcceptanceDetails {
  amountGrantedOre: bigint;
  acceptBy: Date;
  /** The names of those who may sign. */
  signatories: string[];
  /** The register's signing rule in its words; absent when the association's named signatory signs. */
  signingRule?: string;
}

/** A draft's resume link: there is no case yet, so no reference and no contact name. */
export interface NewCaseLinkData {
  municipalityName: string;
  organizationName: string;
  contactName: string;
  /** The case's reference, as every email about it shows it. */
  reference: string;
  /** The new private link to the case page. */
  caseUrl: string;
  /** The round's contact person. */
  contact: { name: string; phone: string; email: string };
}

export interface DraftResumeData {
  municipalityName: string;
  roundName: string;
  /** The draft's private link. */
  resumeUrl: string;
  savedAt: Date;
  /** The round's deadline, when it has one. */
  closesAt?: Date;
  /** The round's contact person. */
  contact: { name: string; phone: string; email: string };
}

/** The email that asks someone to confirm their request for round alerts. */
export interface RoundSubscriptionConfirmData {
  municipalityName: string;
  /** The confirmation link (a token of its own, ?adgang=). */
  confirmUrl: string;
  /** The schemes chosen, in the reader's language; undefined: every scheme. */
  schemeNames?: string[];
  /** Days the link works. */
  validDays: number;
  /** The municipality's department: whom to ask. */
  contact: { name: string; phone: string; email: string };
}

/** An alert about a round: it opened, or it closes in two weeks. */
export interface RoundAlertData {
  kind: 'opened' | 'closing';
  municipalityName: string;
  roundName: string;
  schemeName: string;
  /** The round's own description, as written (may be empty). */
  description: string;
  closesAt: Date | null;
  /** Where the round's application starts. */
  applyUrl: string;
  /** The catalogue of every scheme's rounds. */
  catalogueUrl: string;
  /** The one-click unsubscribe link (a token of its own, ?adgang=). */
  unsubscribeUrl: string;
  contact: { name: string; phone: string; email: string };
}
