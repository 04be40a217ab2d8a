import type { Database } from '../lib/db';
import { isUniqueViolation } from '../lib/db';
import type { DecisionReasons, ReconsiderationProcedure } from '../workflows/messages';

/** Idempotent writes of a reconsideration (Norway: klage): the request, the answer, the klagenemnd's decision. */
export function createReconsiderationActivities({ db }: { db: Database }) {
  return {
    async saveReconsiderationRequest(input: {
      applicationId: string;
      sequence: number;
      procedure: ReconsiderationProcedure;
      decisionSequence: number;
      requestedAt: string;
      reasons: string;
      documentIds: string[];
    }): Promise<void> {
      try {
        await db.reconsideration.create({
          data: {
            applicationId: input.applicationId,
            sequence: input.sequence,
            procedure: input.procedure,
            decisionSequence: input.decisionSequence,
            reasons: input.reasons,
            documentIds: input.documentIds,
            requestedAt: new Date(input.requestedAt),
          },
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    },

    async recordReconsiderationAnswer(input: {
      applicationId: string;
      sequence: number;
      outcome: 'upheld' | 'changed' | 'forwarded';
      answeredBy: string;
      answeredAt: string;
      answerReasons: DecisionReasons;
      newDecisionSequence?: number;
    }): Promise<void> {
      await db.reconsideration.updateMany({
        where: { applicationId: input.applicationId, sequence: input.sequence, answeredAt: null },
        data: {
          outcome: input.outcome,
          answeredBy: input.answeredBy,
          answeredAt: new Date(input.answeredAt),
          answerReasons: { criteria: input.answerReasons.criteria, text: input.answerReasons.text },
          newDecisionSequence: input.newDecisionSequence ?? null,
        },
      });
    },

    async recordBoardDecision(input: {
      applicationId: string;
      sequence: number;
      boardOutcome: 'upheld' | 'changed';
      decidedOn: string;
      text: string;
      registeredBy: string;
      at: string;
      newDecisionSequence?: number;
    }): Promise<void> {
      await db.reconsideration.updateMany({
        where: { applicationId: input.applicationId, sequence: input.sequence, boardRegisteredAt: null },
        data: {
          boardOutcome: input.boardOutcome,
          boardDecidedOn: new Date(`${input.decidedOn}T00:00:00Z`),
          boardText: input.text,
          boardRegisteredBy: input.registeredBy,
          boardRegisteredAt: new Date(input.at),
          ...(input.newDecisionSequence ? { newDecisionSequence: input.newDecisionSequence } : {}),
        },
      });
    },
  };
}
