import { ApplicationFailure } from '@temporalio/common';
import type { Database } from '../../lib/db';
import { findStaffPerson } from '../../lib/staff-people';
import { consultationBefore } from '../../lib/consultations';
import type { ReportRequirement } from '../../domain/tiers';
import type { DecisionOutcome } from '../../domain/decision-rules';
import {
  DecisionLetterError,
  afvisningLetterData,
  decisionLetterData,
  renderAfvisningLetter,
  renderDecisionLetter,
  type MunicipalitySettings,
  type Supersedes,
} from '../../documents/letter';
import { storeLetterPdf, storedLetter } from './store-letter';

export type { MunicipalitySettings };

export interface DecisionLetterRequest {
  applicationId: string;
  decisionSequence: number;
  payoutDate?: string;
  /** The grant waits for the signatory's acceptance, by this time (ISO). */
  acceptBy?: string;
  reporting?: { requirement: ReportRequirement; dueAt: string };
  /** A long-term grant: each year's payment and report due date, first year first. */
  grantYears?: { year: number; amountOre: number; reportDueAt: string }[];
  /** A changed decision: the decision it replaces, on what basis, and the payout difference. */
  supersedes?: { basis: Supersedes['basis']; previousSequence: number; boardDecidedOn?: string; differenceOre: number };
}

/** Renders the letter of each decision once and keeps the PDF with the case's documents. */
export function createDecisionLetterActivities({ db, municipality }: { db: Database; municipality: MunicipalitySettings }) {
  return {
    async storeDecisionLetter(request: DecisionLetterRequest): Promise<{ documentId: string }> {
      const documentKey = `letter:${request.applicationId}:${request.decisionSequence}`;
      const existing = await storedLetter(db, documentKey);
      if (existing) return existing;

      const { application, decision } = await caseAndDecision(db, request.applicationId, request.decisionSequence);
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
        caseworker: await findStaffPerson(db, decision.decidedBy),
        municipality,
        payoutDate: request.payoutDate,
        acceptBy: request.acceptBy,
        reporting: request.reporting,
        grantYears: request.grantYears,
        consultation: await consultationBefore(db, request.applicationId, decision.decidedAt),
        supersedes: request.supersedes ? await supersedesOf(db, request.applicationId, request.supersedes) : undefined,
      });

      let pdf: Buffer;
      try {
        pdf = await renderDecisionLetter(data);
      } catch (error) {
        // A letter that may not be sent as worded will not become sendable by retrying.
        if (error instanceof DecisionLetterError) throw ApplicationFailure.nonRetryable(error.message, 'DecisionLetterError');
        throw error;
      }
      return storeLetterPdf(db, { documentKey, applicationId: request.applicationId, filename: `afgoerelse-${data.reference}.pdf`, pdf });
    },

    /** The afvisning of an application that arrived after the deadline: the letter of its one decision. */
    async storeAfvisningLetter(request: { applicationId: string; decisionSequence: number }): Promise<{ documentId: string }> {
      const documentKey = `letter:${request.applicationId}:${request.decisionSequence}`;
      const existing = await storedLetter(db, documentKey);
      if (existing) return existing;

      const { application, decision } = await caseAndDecision(db, request.applicationId, request.decisionSequence);
      const data = afvisningLetterData({ application, date: decision.decidedAt, municipality });
      const pdf = await renderAfvisningLetter(data);
      return storeLetterPdf(db, { documentKey, applicationId: request.applicationId, filename: `afvisning-${data.reference}.pdf`, pdf });
    },
  };
}

/** The case with its round, and the decision a letter is about. */
async function caseAndDecision(db: Database, applicationId: string, sequence: number) {
  const application = await db.application.findUniqueOrThrow({ where: { id: applicationId }, include: { round: true } });
  const decision = await db.decision.findUniqueOrThrow({ where: { applicationId_sequence: { applicationId, sequence } } });
  return { application, decision };
}

/** What a changed decision's letter says about the decision it replaces. */
async function supersedesOf(db: Database, applicationId: string, request: NonNullable<DecisionLetterRequest['supersedes']>): Promise<Supersedes> {
  const earlier = await db.decision.findUniqueOrThrow({ where: { applicationId_sequence: { applicationId, sequence: request.previousSequence } } });
  return {
    basis: request.basis,
    earlierDate: earlier.approvedAt ?? earlier.decidedAt,
    ...(request.boardDecidedOn ? { boardDecidedOn: new Date(`${request.boardDecidedOn}T12:00:00Z`) } : {}),
    differenceOre: BigInt(request.differenceOre),
  };
}
