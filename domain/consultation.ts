import type { MessageKey } from './message-key';

// Partshøring (forvaltningsloven § 19): before a refusal or a partial grant that rests on facts
// the association has not itself given, the caseworker sends those facts for comment with a
// deadline. These are the rules for what such a consultation must contain.

/** Where a fact the decision rests on comes from. */
export const FACT_SOURCES = ['register', 'earlier_report', 'own_findings', 'other'] as const;
export type FactSource = (typeof FACT_SOURCES)[number];

export interface ConsultationFact {
  text: string;
  source?: FactSource;
}

/** The longest answer deadline a caseworker may set: eight weeks from sending. */
export const CONSULTATION_MAX_DEADLINE_MS = 8 * 7 * 86_400_000;

/** What is wrong with an answer deadline, judged at `now`: it must lie ahead, and at most eight weeks ahead. */
export function consultationDeadlineProblem(answerBy: Date, now: Date): { field: 'answerBy'; messageKey: MessageKey } | undefined {
  if (Number.isNaN(answerBy.getTime())) return { field: 'answerBy', messageKey: 'errors.consultation.deadlineInvalid' };
  if (answerBy.getTime() <= now.getTime()) return { field: 'answerBy', messageKey: 'errors.consultation.deadlinePast' };
  if (answerBy.getTime() - now.getTime() > CONSULTATION_MAX_DEADLINE_MS) return { field: 'answerBy', messageKey: 'errors.consultation.deadlineTooFar' };
  return undefined;
}

/**
 * When to remind (ms after sending): as long before the deadline as the round's answer reminders
 * come before its own answer deadline. With the round's deadline that is the round's reminders; a
 * longer or shorter deadline moves them with it, and none falls at or before sending.
 */
export function consultationReminderOffsets(remindersMs: readonly number[], answerDeadlineMs: number, sentAt: number, answerBy: number): number[] {
  const window = answerBy - sentAt;
  return remindersMs.map((offset) => window - (answerDeadlineMs - offset)).filter((offset) => offset > 0 && offset < window);
}
