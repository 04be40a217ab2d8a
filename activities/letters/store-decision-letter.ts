import crypto from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { Config } from '../../lib/config';
import type { Database } from '../../lib/db';
import { isUniqueViolation } from '../../lib/db';
import { isLanguage, type Language } from '../../lib/languages';
import type { Application, FundingRound } from '../../prisma/generated/client';
import { formatCaseReference } from '../../domain/reference';
import type { ReportRequirement } from '../../domain/tiers';
import { DecisionLetterError, renderDecisionLetter, type DecisionLetterData, type DecisionOutcome } from './decision-letter';

export type MunicipalitySettings = Pick<
  Config,
  | 'MUNICIPALITY_NAME'
  | 'MUNICIPALITY_DEPARTMENT'
  | 'MUNICIPALITY_ADDRESS'
  | 'MUNICIPALITY_EMAIL'
  | 'MUNICIPALITY_PHONE'
  | 'MUNICIPALITY_TIME_ZONE'
  | 'GUIDELINES_NAME'
  | 'GUIDELINES_ADOPTED_ON'
  | 'GUIDELINES_ADOPTED_BY'
  | 'APPEAL_GUIDANCE_DA'
  | 'APPEAL_GUIDANCE_NB'
  | 'APPEAL_GUIDANCE_EN'
>;

interface CriterionDefinition {
  code: string;
  label: Partial<Record<Language, string>>;
}

/** Reasons every round knows, whatever criteria it defines itself. */
const BUILT_IN_CRITERIA: CriterionDefinition[] = [
  {
    code: 'late_submission',
    label: {
      da: 'Ansøgningen kom ind efter ansøgningsfristen, og ansøgninger efter fristen kan efter retningslinjerne ikke behandles.',
      nb: 'Søknaden kom inn etter søknadsfristen, og etter retningslinjene kan søknader etter fristen ikke behandles.',
      en: 'The application arrived after the deadline, and under the guidelines late applications cannot be considered.',
    },
  },
];

export interface DecisionLetterRequest {
  applicationId: string;
  decisionSequence: number;
  payoutDate?: string;
  reporting?: { requirement: ReportRequirement; dueAt: string };
}

/** A decision as the letter states it: stored, or proposed on the case page for a preview. */
export interface LetterDecision {
  outcome: DecisionOutcome;
  amountGrantedOre: bigint;
  reasons: { criteria: string[]; text: string };
  conditions: string[];
  decidedBy: string;
  date: Date;
}

/** Everything the letter says, from the case, its round, the decision and the municipality. */
export function decisionLetterData({
  application,
  decision,
  municipality,
  payoutDate,
  reporting,
}: {
  application: Application & { round: FundingRound };
  decision: LetterDecision;
  municipality: MunicipalitySettings;
  payoutDate?: string;
  reporting?: { requirement: ReportRequirement; dueAt: string };
}): DecisionLetterData {
  const language: Language = isLanguage(application.language) ? application.language : 'da';
  const criteria = [...BUILT_IN_CRITERIA, ...((application.round.decisionCriteria as unknown as CriterionDefinition[]) ?? [])];
  return {
    language,
    municipality: {
      name: municipality.MUNICIPALITY_NAME,
      department: municipality.MUNICIPALITY_DEPARTMENT,
      address: municipality.MUNICIPALITY_ADDRESS,
      email: municipality.MUNICIPALITY_EMAIL,
      phone: municipality.MUNICIPALITY_PHONE,
      guidelines: { name: municipality.GUIDELINES_NAME, adoptedOn: municipality.GUIDELINES_ADOPTED_ON, adoptedBy: municipality.GUIDELINES_ADOPTED_BY },
    },
    date: decision.date,
    reference: formatCaseReference(application.referenceNumber, application.submittedAt ?? application.createdAt),
    recipient: {
      organizationName: application.organizationName,
      cvr: application.organizationCvr,
      contactName: application.contactName,
      address: (application.submission as { organization?: { address?: string } }).organization?.address,
    },
    roundName: application.round.name,
    project: {
      title: application.projectTitle,
      startDate: application.startDate.toISOString().slice(0, 10),
      endDate: application.endDate.toISOString().slice(0, 10),
    },
    outcome: decision.outcome,
    amountRequestedOre: application.amountRequestedOre,
    amountGrantedOre: decision.amountGrantedOre,
    reasons: {
      criteria: decision.reasons.criteria.map((code) => criteria.find((c) => c.code === code)?.label[language] ?? code),
      text: decision.reasons.text,
    },
    conditions: decision.conditions,
    reporting: reporting ? { requirement: reporting.requirement, dueDate: new Date(reporting.dueAt) } : undefined,
    payoutDate: payoutDate ? new Date(`${payoutDate}T12:00:00Z`) : undefined,
    appealGuidance: { da: municipality.APPEAL_GUIDANCE_DA, nb: municipality.APPEAL_GUIDANCE_NB, en: municipality.APPEAL_GUIDANCE_EN }[language],
    caseworker: decision.decidedBy.includes('@')
      ? { name: decision.decidedBy, email: decision.decidedBy }
      : { name: municipality.MUNICIPALITY_DEPARTMENT, email: municipality.MUNICIPALITY_EMAIL },
  };
}

/** Renders the decision letter once per decision and keeps the PDF with the case's documents. */
export function createDecisionLetterActivities({ db, municipality }: { db: Database; municipality: MunicipalitySettings }) {
  return {
    async storeDecisionLetter(request: DecisionLetterRequest): Promise<{ documentId: string }> {
      const documentKey = `letter:${request.applicationId}:${request.decisionSequence}`;
      const existing = await db.document.findUnique({ where: { documentKey }, select: { id: true } });
      if (existing) return { documentId: existing.id };

      const application = await db.application.findUniqueOrThrow({ where: { id: request.applicationId }, include: { round: true } });
      const decision = await db.decision.findUniqueOrThrow({
        where: { applicationId_sequence: { applicationId: request.applicationId, sequence: request.decisionSequence } },
      });
      const data = decisionLetterData({
        application,
        decision: {
          outcome: decision.outcome as DecisionOutcome,
          amountGrantedOre: decision.amountGrantedOre,
          reasons: decision.reasons as { criteria: string[]; text: string },
          conditions: decision.conditions as string[],
          decidedBy: decision.decidedBy,
          date: decision.approvedAt ?? decision.decidedAt,
        },
        municipality,
        payoutDate: request.payoutDate,
        reporting: request.reporting,
      });
      const reference = data.reference;

      let pdf: Buffer;
      try {
        pdf = await renderDecisionLetter(data);
      } catch (error) {
        // A letter that may not be sent as worded will not become sendable by retrying.
        if (error instanceof DecisionLetterError) throw ApplicationFailure.nonRetryable(error.message, 'DecisionLetterError');
        throw error;
      }
      try {
        const created = await db.document.create({
          data: {
            documentKey,
            applicationId: request.applicationId,
            kind: 'decision_letter',
            filename: `afgoerelse-${reference}.pdf`,
            contentType: 'application/pdf',
            size: pdf.length,
            sha256: crypto.createHash('sha256').update(pdf).digest('hex'),
            content: new Uint8Array(pdf),
          },
          select: { id: true },
        });
        return { documentId: created.id };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const stored = await db.document.findUniqueOrThrow({ where: { documentKey }, select: { id: true } });
        return { documentId: stored.id };
      }
    },
  };
}
