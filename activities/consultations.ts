import type { Database } from '../lib/db';
import { isUniqueViolation } from '../lib/db';
import type { ConsultationComments, OpenConsultation } from '../workflows/messages';

/** Idempotent writes of a case's partshøring: keyed by application and sequence. */
export function createConsultationActivities({ db }: { db: Database }) {
  return {
    async createConsultation(input: OpenConsultation & { applicationId: string }): Promise<void> {
      try {
        await db.consultation.create({
          data: {
            applicationId: input.applicationId,
            sequence: input.sequence,
            requestedBy: input.requestedBy,
            facts: input.facts.map((fact) => ({ ...fact })),
            message: input.message,
            answerBy: new Date(input.answerBy),
            sentAt: new Date(input.sentAt),
          },
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    },

    /** Sets (not increments) the count, so a retried activity does not count a reminder twice. */
    async noteConsultationReminder({ applicationId, sequence, remindersSent }: { applicationId: string; sequence: number; remindersSent: number }): Promise<void> {
      await db.consultation.updateMany({ where: { applicationId, sequence }, data: { remindersSent } });
    },

    async saveConsultationComments({ applicationId, comments }: { applicationId: string; comments: ConsultationComments }): Promise<void> {
      await db.consultation.updateMany({
        where: { applicationId, sequence: comments.consultationSequence, answeredAt: null },
        data: { answeredAt: new Date(comments.at), answer: { text: comments.text, documentIds: comments.documentIds } },
      });
    },

    async markConsultationDeadlinePassed({ applicationId, sequence, at }: { applicationId: string; sequence: number; at: string }): Promise<void> {
      await db.consultation.updateMany({ where: { applicationId, sequence, deadlinePassedAt: null, answeredAt: null }, data: { deadlinePassedAt: new Date(at) } });
    },
  };
}
