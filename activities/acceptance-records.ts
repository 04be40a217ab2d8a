import { ApplicationFailure } from '@temporalio/common';
import { isUniqueViolation, type Database, type Prisma } from '../lib/db';
import { isLanguage, type Language } from '../lib/languages';
import { localeFor } from '../locale';
import { conditionsHash } from '../lib/signing/local-signing';
import type { BusinessRegister } from '../lib/register';
import { conditionsVersion, signatoriesFor, type SignedAcceptance } from '../domain/acceptance';
import { formatCaseReference } from '../domain/reference';
import type { ReportRequirement } from '../domain/tiers';
import { describeReportRequirement } from '../documents/letter';

/** What the workflow keeps of an acceptance: who may sign, and the conditions they are shown. */
export interface OpenedAcceptance {
  signatories: string[];
  conditionsHash: string;
  conditionsVersion: string;
  recipientName: string;
}

/** The conditions as the signatory accepts them: the statement and the decision letter's conditions, numbered. */
function conditionsTextOf(
  application: { organizationName: string; organizationCvr: string; projectTitle: string; startDate: Date; endDate: Date; referenceNumber: number; submittedAt: Date | null; createdAt: Date },
  decision: { amountGrantedOre: bigint; conditions: string[] },
  reporting: { requirement: ReportRequirement; dueAt: string },
  language: Language,
): string {
  const { t, money, date, deadline } = localeFor(language);
  const statement = t('letter.acceptance.statement', {
    organizationName: application.organizationName,
    cvr: application.organizationCvr,
    granted: money(decision.amountGrantedOre),
    projectTitle: application.projectTitle,
    reference: formatCaseReference(application.referenceNumber, application.submittedAt ?? application.createdAt),
  });
  const standard = t('letter.conditions.standard', {
    projectTitle: application.projectTitle,
    start: date(application.startDate),
    end: date(application.endDate),
    reportDue: deadline(new Date(reporting.dueAt)),
    requirement: describeReportRequirement(reporting.requirement, language),
  }).split('\n');
  const conditions = [...standard, ...decision.conditions.map((c) => c.trim()).filter(Boolean)];
  return [statement, ...conditions.map((condition, index) => `${index + 1}. ${condition}`)].join('\n');
}

/** Idempotent writes of a grant's acceptance: opened once per decision, accepted or lapsed once. */
export function createAcceptanceActivities({ db, register }: { db: Database; register: BusinessRegister }) {
  async function opened(applicationId: string, decisionSequence: number): Promise<OpenedAcceptance | null> {
    const row = await db.grantAcceptance.findUnique({ where: { applicationId_decisionSequence: { applicationId, decisionSequence } } });
    return row ? { signatories: row.signatories as string[], conditionsHash: row.conditionsHash, conditionsVersion: row.conditionsVersion, recipientName: row.recipientName } : null;
  }

  return {
    /**
     * Who may sign (the register's signing rule, looked up now, else the association's contact
     * person), the conditions text in the association's language with its version and hash, and
     * the deadline. A retry finds the row it wrote and returns it unchanged.
     */
    async openAcceptance(input: { applicationId: string; decisionSequence: number; acceptBy: string; reporting: { requirement: ReportRequirement; dueAt: string } }): Promise<OpenedAcceptance> {
      const { applicationId, decisionSequence } = input;
      const existing = await opened(applicationId, decisionSequence);
      if (existing) return existing;
      const application = await db.application.findUniqueOrThrow({ where: { id: applicationId } });
      const decision = await db.decision.findUniqueOrThrow({ where: { applicationId_sequence: { applicationId, sequence: decisionSequence } } });
      const lookup = await register.lookup(application.organizationCvr);
      const signatories = signatoriesFor(lookup.found ? lookup.entity : null, { name: application.contactName });
      const language: Language = isLanguage(application.language) ? application.language : 'da';
      const text = conditionsTextOf(application, { amountGrantedOre: decision.amountGrantedOre, conditions: decision.conditions as string[] }, input.reporting, language);
      try {
        await db.grantAcceptance.create({
          data: {
            applicationId,
            decisionSequence,
            signatorySource: signatories.source,
            signingRule: signatories.rule ?? null,
            signatories: signatories.names,
            recipientName: application.contactName,
            recipientEmail: application.contactEmail,
            conditionsText: text,
            conditionsVersion: conditionsVersion(decisionSequence),
            conditionsHash: conditionsHash(text),
            acceptBy: new Date(input.acceptBy),
            requestedAt: new Date(),
          },
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      return (await opened(applicationId, decisionSequence))!;
    },

    /** The signatory's acceptance with the signed statement; kept once (a retry finds it accepted). */
    async recordAcceptance(input: { applicationId: string; decisionSequence: number; signerName: string; signed: SignedAcceptance }): Promise<void> {
      const { applicationId, decisionSequence, signed } = input;
      const updated = await db.grantAcceptance.updateMany({
        where: { applicationId, decisionSequence, acceptedAt: null, lapsedAt: null },
        data: {
          acceptedAt: new Date(signed.statement.signedAt),
          acceptedByName: input.signerName,
          signingProvider: signed.provider,
          signatureReference: signed.reference,
          signature: signed as unknown as Prisma.InputJsonValue,
        },
      });
      if (updated.count === 0) {
        const row = await db.grantAcceptance.findUniqueOrThrow({ where: { applicationId_decisionSequence: { applicationId, decisionSequence } } });
        if (row.signatureReference !== signed.reference) throw ApplicationFailure.nonRetryable(`The acceptance of ${applicationId} is already settled`, 'AcceptanceSettled');
      }
    },

    /** The deadline passed without an acceptance. */
    async recordAcceptanceLapsed(input: { applicationId: string; decisionSequence: number; at: string }): Promise<void> {
      await db.grantAcceptance.updateMany({ where: { applicationId: input.applicationId, decisionSequence: input.decisionSequence, acceptedAt: null, lapsedAt: null }, data: { lapsedAt: new Date(input.at) } });
    },
  };
}
