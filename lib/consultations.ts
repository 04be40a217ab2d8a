import type { Database } from './db';

/** A partshøring as a decision letter states it. */
export interface HeardConsultation {
  sentAt: Date;
  answerBy: Date;
  answeredAt?: Date;
}

/**
 * The latest partshøring of a case that had ended (answered, or its deadline passed) by `at`:
 * the one a decision made then rests on, and its letter says took place.
 */
export async function consultationBefore(db: Database, applicationId: string, at: Date): Promise<HeardConsultation | undefined> {
  const consultation = await db.consultation.findFirst({
    where: { applicationId, sentAt: { lte: at }, OR: [{ answeredAt: { not: null } }, { deadlinePassedAt: { not: null } }] },
    orderBy: { sequence: 'desc' },
  });
  if (!consultation) return undefined;
  return { sentAt: consultation.sentAt, answerBy: consultation.answerBy, ...(consultation.answeredAt ? { answeredAt: consultation.answeredAt } : {}) };
}
