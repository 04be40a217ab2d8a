import crypto from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { Database } from '../../lib/db';
import { isUniqueViolation } from '../../lib/db';
import { findStaffPerson } from '../../lib/staff-people';
import type { ReportRequirement } from '../../domain/tiers';
import type { DecisionOutcome } from '../../domain/decision-rules';
import { DecisionLetterError, decisionLetterData, renderDecisionLetter, type MunicipalitySettings, type Supersedes } from '../../documents/letter';

export type { MunicipalitySettings };

export interface DecisionLetterRequest {
  applicationId: string;
  decisionSequence: number;
  payoutDate?: string;
  reporting?: { requirement: ReportRequirement; dueAt: string };
  /** A changed decision: the decision it replaces, on what basis, and the payout difference. */
  supersedes?: { basis: Supersedes['basis']; previousSequence: number; boardDecidedOn?: string; differenceOre: number };
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
        caseworker: await findStaffPerson(db, decision.decidedBy),
        municipality,
        payoutDate: request.payoutDate,
        reporting: request.reporting,
        supersedes: request.supersedes ? await supersedesOf(db, request.applicationId, request.supersedes) : undefined,
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
      return storeLetterDocument(db, { documentKey, applicationId: request.applicationId, kind: 'decision_letter', filename: `afgoerelse-${reference}.pdf` }, pdf);
    },
  };
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

/** Keeps a rendered letter with the case's documents once: the same key never stores twice. */
export async function storeLetterDocument(
  db: Database,
  letter: { documentKey: string; applicationId: string; kind: string; filename: string },
  pdf: Buffer,
): Promise<{ documentId: string }> {
  try {
    const created = await db.document.create({
      data: {
        ...letter,
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
    const stored = await db.document.findUniqueOrThrow({ where: { documentKey: letter.documentKey }, select: { id: true } });
    return { documentId: stored.id };
  }
}
