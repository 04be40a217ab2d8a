import type { Database, Prisma } from '../../lib/db';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../lib/languages';
import { generateAccessToken, sha256Hex } from '../../lib/tokens';
import { findStaffPerson } from '../../lib/staff-people';
import { formatCaseReference } from '../../domain/reference';
import { maskKontonummer } from '../../lib/bank-account';
import { resolvedLegalFrame, shippedLegalFrame } from '../../domain/legal-frame';
import type { Jurisdiction } from '../../lib/jurisdiction';
import type { ReportRequirement } from '../../domain/tiers';
import { enqueueOnce, replyToContact, type ComposedEmail } from '../../lib/outbox';
import { renderEmail, renderSponsorDecisionCopyEmail, type EmailCommon, type EmailData, type EmailKind } from '../../documents/email';
import { formatKroner } from '../../locale';

export interface CaseEmailRequest {
  /** "<applicationId>:<kind>:<n>": the same key never sends twice. */
  messageKey: string;
  applicationId: string;
  kind: EmailKind;
  extra: Record<string, unknown>;
  attachmentIds: string[];
}

export interface CaseEmailSettings {
  publicBaseUrl: string;
  municipalityName: string;
  /** Greets a caseworker who has no name on record: never by their email address. */
  municipalityDepartment: string;
  municipalityEmail: string;
  /** With the department and email: the contact of a round that names no contact person. */
  municipalityPhone: string;
  /** The account repayments are paid to ("reg.nr. kontonr."). */
  municipalityAccount: string;
  /** Whose administrative law the emails state; Danish when not given. */
  jurisdiction?: Jurisdiction;
}

const DAY_MS = 86_400_000;

/** Emails to the association's signatory whose link opens the acceptance page, not the case page. */
const ACCEPTANCE_LINK: readonly EmailKind[] = ['acceptance_requested', 'acceptance_reminder'];

/** Emails to the case's caseworker rather than to the association. */
const TO_CASEWORKER: readonly EmailKind[] = ['report_escalation', 'back_to_caseworker'];

type CaseForEmail = Prisma.ApplicationGetPayload<{ include: { round: true } }>;

/** A private link's token as stored: its hash only. */
export interface AccessTokenRow {
  tokenHash: string;
  applicationId: string;
  purpose: string;
}

/**
 * Composes emails about a case from the read model in the application's language. The private
 * link's token is stored by `storeToken`: by default at once, or by a caller that stores the email
 * in a transaction of its own, in that transaction.
 */
export function createCaseEmailComposer({ db, settings }: { db: Database; settings: CaseEmailSettings }) {
  const municipalityContact = { name: settings.municipalityDepartment, phone: settings.municipalityPhone, email: settings.municipalityEmail };
  /** Whom the association can ask about a round's cases: its contact person, else the municipality. */
  const contactOf = (round: { legalFrame: Prisma.JsonValue }) => resolvedLegalFrame(round.legalFrame, shippedLegalFrame(municipalityContact)).contact;
  const storeTokenNow = async (row: AccessTokenRow) => {
    await db.accessToken.create({ data: row });
  };
  async function compose(request: CaseEmailRequest, options: { application?: CaseForEmail; storeToken?: (row: AccessTokenRow) => Promise<void> } = {}): Promise<ComposedEmail> {
    const loaded = options.application;
    const application = loaded ?? (await db.application.findUniqueOrThrow({ where: { id: request.applicationId }, include: { round: true } }));
    const toCaseworker = TO_CASEWORKER.includes(request.kind);
    // Staff read the service in the municipality's language; the association in the one it chose.
    const language: Language = !toCaseworker && isLanguage(application.language) ? application.language : DEFAULT_LANGUAGE;
    const acceptanceLink = ACCEPTANCE_LINK.includes(request.kind);
    const caseUrl = toCaseworker
      ? new URL(`/personale/sager/${application.id}`, settings.publicBaseUrl).toString()
      : await privateLink(options.storeToken ?? storeTokenNow, application.id, request.kind, acceptanceLink ? 'acceptance' : 'case');
    const common: EmailCommon = {
      municipalityName: settings.municipalityName,
      organizationName: application.organizationName,
      contactName: application.contactName,
      reference: formatCaseReference(application.referenceNumber, application.submittedAt ?? application.createdAt),
      caseUrl,
      contact: contactOf(application.round),
      glossaryUrl: new URL('/ordliste', settings.publicBaseUrl).toString(),
      // Where the organisation gave the account the grant is paid to (NO): the emails name it, masked.
      ...(application.payoutAccount ? { payoutAccount: maskKontonummer(application.payoutAccount) } : {}),
      law: settings.jurisdiction,
    };
    const data = await kindData(request, common, application.submittedAt ?? application.createdAt, application.round);
    const rendered = renderEmail(request.kind, data as never, language);
    const assignee = typeof request.extra.assignee === 'string' && request.extra.assignee.includes('@') ? request.extra.assignee : null;
    const signatory = acceptanceLink ? (await acceptanceOf(request)).recipientEmail : null;
    return { recipient: toCaseworker ? assignee ?? settings.municipalityEmail : signatory ?? application.contactEmail, ...rendered, ...replyToContact(common.contact.email) };
  }

  function acceptanceOf({ applicationId, extra }: CaseEmailRequest) {
    return db.grantAcceptance.findUniqueOrThrow({ where: { applicationId_decisionSequence: { applicationId, decisionSequence: Number(extra.decisionSequence ?? 1) } } });
  }

  /**
   * Each email gets a link of its own; only the token's hash is kept. An acceptance link (purpose
   * "acceptance") opens the acceptance page, which takes no other link.
   */
  async function privateLink(storeToken: (row: AccessTokenRow) => Promise<void>, applicationId: string, kind: string, page: 'case' | 'acceptance'): Promise<string> {
    const token = generateAccessToken();
    await storeToken({ tokenHash: sha256Hex(token), applicationId, purpose: page === 'acceptance' ? 'acceptance' : kind });
    const url = new URL(page === 'acceptance' ? `/tilsagn/${applicationId}` : `/sag/${applicationId}`, settings.publicBaseUrl);
    url.searchParams.set('adgang', token);
    return url.toString();
  }

  /** The caseworker greeted by name; one with no printable name by the department's. */
  async function caseworkerName(assignee: unknown): Promise<string> {
    return (typeof assignee === 'string' ? (await findStaffPerson(db, assignee))?.name : undefined) ?? settings.municipalityDepartment;
  }

  async function kindData(request: CaseEmailRequest, common: EmailCommon, submittedAt: Date, round: { name: string; closesAt: Date | null }): Promise<EmailData[EmailKind]> {
    const { applicationId, kind, extra } = request;
    switch (kind) {
      case 'receipt':
        return { ...common, roundName: round.name, submittedAt };
      case 'afvisning':
        return { ...common, roundName: round.name, deadline: round.closesAt ?? submittedAt, receivedAt: submittedAt };
      case 'information_request':
      case 'information_reminder': {
        const sequence = Number(extra.sequence);
        const infoRequest = await db.informationRequest.findUniqueOrThrow({ where: { applicationId_sequence: { applicationId, sequence } } });
        return { ...common, items: infoRequest.items as string[], message: infoRequest.message, answerBy: infoRequest.answerBy };
      }
      case 'consultation':
      case 'consultation_reminder': {
        const sequence = Number(extra.sequence);
        const consultation = await db.consultation.findUniqueOrThrow({ where: { applicationId_sequence: { applicationId, sequence } } });
        return { ...common, facts: consultation.facts as EmailData['consultation']['facts'], message: consultation.message, answerBy: consultation.answerBy };
      }
      case 'lapsed':
      case 'withdrawn':
        return common;
      case 'back_to_caseworker':
        return { ...common, caseworkerName: await caseworkerName(extra.assignee), reason: extra.reason as EmailData['back_to_caseworker']['reason'] };
      case 'decision': {
        // A changed decision's email tells when its difference is paid (a claim back has no payout date).
        const decisionSequence = Number(extra.decisionSequence ?? 1);
        const payout = await db.payout.findUnique({ where: { applicationId_decisionSequence_year: { applicationId, decisionSequence, year: 1 } } });
        return {
          ...common,
          outcome: extra.outcome as EmailData['decision']['outcome'],
          amountGrantedOre: BigInt(Number(extra.amountGrantedOre ?? 0)),
          payoutDate: payout && payout.amountOre > 0n ? payout.scheduledFor : undefined,
          ...(typeof extra.acceptBy === 'string' ? { acceptBy: new Date(extra.acceptBy) } : {}),
          replacesEarlier: decisionSequence > 1 && extra.differenceOre !== undefined,
          ...(extra.differenceOre !== undefined ? { differenceOre: BigInt(Number(extra.differenceOre)) } : {}),
        };
      }
      case 'paid': {
        const payout = await db.payout.findUniqueOrThrow({ where: { payoutKey: String(extra.payoutKey) } });
        return { ...common, amountOre: payout.amountOre, paidOn: payout.paidOn ?? payout.scheduledFor };
      }
      case 'grant_change_decided': {
        const sequence = Number(extra.sequence);
        const change = await db.grantChange.findUniqueOrThrow({ where: { applicationId_sequence: { applicationId, sequence } } });
        return { ...common, approved: change.outcome === 'approved', ...(change.newReportDueAt ? { reportDueAt: change.newReportDueAt } : {}) };
      }
      case 'acceptance_requested':
      case 'acceptance_reminder':
      case 'grant_lapsed': {
        const acceptance = await acceptanceOf(request);
        const decision = await db.decision.findUniqueOrThrow({ where: { applicationId_sequence: { applicationId, sequence: acceptance.decisionSequence } } });
        return {
          ...common,
          // Greeted by name: the signatory the link goes to.
          contactName: acceptance.recipientName,
          amountGrantedOre: decision.amountGrantedOre,
          acceptBy: acceptance.acceptBy,
          signatories: acceptance.signatories as string[],
          ...(acceptance.signingRule ? { signingRule: acceptance.signingRule } : {}),
        };
      }
      case 'grant_declined':
        return { ...common, amountGrantedOre: BigInt(Number(extra.amountGrantedOre ?? 0)), exportedOre: BigInt(Number(extra.exportedOre ?? 0)) };
      case 'reconsideration_received':
      case 'reconsideration_upheld':
      case 'reconsideration_forwarded':
      case 'appeals_board_decision': {
        const sequence = Number(extra.sequence);
        const reconsideration = await db.reconsideration.findUniqueOrThrow({ where: { applicationId_sequence: { applicationId, sequence } } });
        if (kind === 'reconsideration_received') return { ...common, requestedAt: reconsideration.requestedAt, procedure: reconsideration.procedure === 'klage' ? 'klage' : 'reconsideration' };
        if (kind === 'appeals_board_decision') return { ...common, boardDecidedOn: reconsideration.boardDecidedOn ?? new Date() };
        return common;
      }
      case 'repayment_claim':
      case 'repayment_waived':
      case 'repayment_carried_over':
      case 'repayment_reminder':
      case 'repayment_overdue':
      case 'repayment_paid': {
        const reportSequence = Number(extra.reportSequence);
        const repayment = await db.repayment.findUniqueOrThrow({ where: { applicationId_reportSequence: { applicationId, reportSequence } } });
        return {
          ...common,
          proposedOre: repayment.proposedOre,
          claimedOre: repayment.claimedOre ?? 0n,
          account: settings.municipalityAccount,
          ...(repayment.dueAt ? { dueAt: repayment.dueAt } : {}),
          ...(repayment.newPeriodEnd ? { newPeriodEnd: repayment.newPeriodEnd } : {}),
          ...(repayment.paidOn ? { paidOn: repayment.paidOn } : {}),
          ...(extra.nextGrantYear ? { nextGrantYear: Number(extra.nextGrantYear) } : {}),
        };
      }
      case 'report_reminder':
      case 'report_overdue':
      case 'report_accepted':
      case 'report_returned':
      case 'report_escalation': {
        const report = await db.followUpReport.findFirstOrThrow({ where: { applicationId }, orderBy: { sequence: 'desc' } });
        const deadline = { dueDate: report.dueAt, requirement: report.requirement as ReportRequirement };
        if (kind === 'report_accepted') {
          const proposed = extra.repaymentProposed === true ? BigInt(Number(extra.repaymentOre ?? 0)) : 0n;
          return { ...common, comment: report.reviewComment ?? undefined, ...(proposed > 0n ? { repaymentProposedOre: proposed } : {}), ...(extra.nextGrantYear ? { nextGrantYear: Number(extra.nextGrantYear) } : {}) };
        }
        if (kind === 'report_returned') return { ...common, comment: String(extra.comment ?? report.reviewComment ?? ''), dueDate: report.dueAt };
        if (kind === 'report_escalation') {
          return {
            ...common,
            ...deadline,
            caseworkerName: await caseworkerName(extra.assignee),
            overdueDays: Math.max(0, Math.floor((Date.now() - report.dueAt.getTime()) / DAY_MS)),
            remindersSent: report.remindersSent,
          };
        }
        return { ...common, ...deadline };
      }
    }
  }

  /**
   * A self-organised group's sponsor gets a copy of each decision, the letter attached: the grant
   * is paid to the sponsor, which answers for it.
   */
  async function composeSponsorCopy(request: CaseEmailRequest, sponsorEmail: string): Promise<ComposedEmail> {
    const application = await db.application.findUniqueOrThrow({ where: { id: request.applicationId }, include: { round: true } });
    const language: Language = isLanguage(application.language) ? application.language : DEFAULT_LANGUAGE;
    const contact = contactOf(application.round);
    const amountGrantedOre = BigInt(Number(request.extra.amountGrantedOre ?? 0));
    const granted = request.extra.outcome !== 'rejected' && amountGrantedOre > 0n;
    const rendered = renderSponsorDecisionCopyEmail(
      {
        municipalityName: settings.municipalityName,
        sponsorName: application.organizationName,
        groupName: application.groupName ?? application.organizationName,
        projectTitle: application.projectTitle,
        roundName: application.round.name,
        reference: formatCaseReference(application.referenceNumber, application.submittedAt ?? application.createdAt),
        ...(granted ? { amountGranted: formatKroner(language, amountGrantedOre / 100n) } : {}),
        groupEmail: application.contactEmail,
        contact,
      },
      language,
    );
    return { recipient: sponsorEmail, ...rendered, ...replyToContact(contact.email) };
  }

  return { compose, composeSponsorCopy };
}

/** Emails whose copy goes to a self-organised group's sponsor too. */
const COPY_TO_SPONSOR: readonly EmailKind[] = ['decision'];

/** Emails about a case, composed from the read model in the application's language. */
export function createCaseEmailActivities({ db, settings }: { db: Database; settings: CaseEmailSettings }) {
  const { compose, composeSponsorCopy } = createCaseEmailComposer({ db, settings });
  return {
    /** Composes the email and hands it to the outbox; the dispatcher delivers it. */
    async queueCaseEmail(request: CaseEmailRequest): Promise<{ queued: boolean }> {
      const queued = await enqueueOnce(
        db,
        { messageKey: request.messageKey, applicationId: request.applicationId, kind: request.kind, attachmentIds: request.attachmentIds },
        () => compose(request),
      );
      const sponsorship = COPY_TO_SPONSOR.includes(request.kind)
        ? await db.sponsorship.findUnique({ where: { applicationId: request.applicationId }, select: { sponsorEmail: true } })
        : null;
      if (sponsorship) {
        // Its own key beside the email's: run twice, the activity queues (and composes) each once.
        await enqueueOnce(
          db,
          { messageKey: `${request.messageKey}:sponsor`, applicationId: request.applicationId, kind: `${request.kind}_sponsor_copy`, attachmentIds: request.attachmentIds },
          () => composeSponsorCopy(request, sponsorship.sponsorEmail),
        );
      }
      return queued;
    },
  };
}
