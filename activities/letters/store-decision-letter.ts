import crypto from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { Database } from '../../lib/db';
import { isUniqueViolation } from '../../lib/db';
import { findStaffPerson } from '../../lib/staff-people';
import { consultationBefore } from '../../lib/consultations';
import type { ReportRequirement } from '../../domain/tiers';
import type { DecisionOutcome } from '../../domain/decision-rules';
import { DecisionLetterError, decisionLetterData, renderDecisionLetter, type MunicipalitySettings } from '../../documents/letter';

export type { MunicipalitySettings };

export interface DecisionLetterRequest {
  applicationId: string;
  decisionSequence: number;
  payoutDate?: string;
  reporting?: { requirement: ReportRequirement; dueAt: string };
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
        consultation: await consultationBefore(db, request.applicationId, decision.decidedAt),
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
