import { condition, patched } from '@temporalio/workflow';
import { consultationDeadlineProblem, consultationReminderOffsets } from '../domain/consultation';
import { activities } from './activities';
import type { CaseContext } from './case-journal';
import { backToCaseworker } from './back-to-caseworker';
import { DANISH_TIME_ZONE, deadlineAfter } from '../domain/time-zone';
import { invalidInput } from './refusals';
import { applicantActor, type ConsultInput, type OpenConsultation } from './messages';

// Partshøring (forvaltningsloven § 19): before a decision rests on facts the association has not
// itself given, they are sent to it for comment; the case waits for the comments or the deadline.

/**
 * The answer deadline a consultation gets: the one asked for, or the round's answer deadline from
 * now (whole days ending with the last of them on Danish clocks, once `endOfDay` says so).
 */
function answerByOf({ input }: CaseContext, answerBy: string | undefined, endOfDay = false): Date {
  if (answerBy) return new Date(answerBy);
  const period = input.round.timings.answerDeadlineMs;
  return endOfDay ? deadlineAfter(new Date(), period, DANISH_TIME_ZONE) : new Date(Date.now() + period);
}

/** Refuses a consultation without facts or with a deadline that has passed or lies too far ahead. */
export function validateConsultation(context: CaseContext, { facts, answerBy }: ConsultInput): void {
  if (facts.length === 0) throw invalidInput({ field: 'facts', messageKey: 'errors.consultation.factsRequired' });
  const empty = facts.findIndex((fact) => !fact.text.trim());
  if (empty >= 0) throw invalidInput({ field: `facts.${empty}.text`, messageKey: 'errors.consultation.factEmpty' });
  const problem = consultationDeadlineProblem(answerByOf(context, answerBy), new Date());
  if (problem) throw invalidInput(problem);
}

/** Sends the facts to the association with the deadline; the case waits for its comments. */
export async function sendConsultation(context: CaseContext, { caseworker, facts, message, answerBy }: ConsultInput): Promise<void> {
  const { input, memory, journal } = context;
  memory.consultationCount += 1;
  memory.comments = null;
  const consultation: OpenConsultation = {
    sequence: memory.consultationCount,
    requestedBy: caseworker,
    facts: facts.map((fact) => ({ text: fact.text.trim(), ...(fact.source ? { source: fact.source } : {}) })),
    message: message.trim(),
    sentAt: new Date().toISOString(),
    answerBy: answerByOf(context, answerBy, !answerBy && patched('consultation-deadline-end-of-day')).toISOString(),
  };
  memory.openConsultation = consultation;
  await journal.inOrder(() => activities.createConsultation({ applicationId: input.applicationId, ...consultation }));
  await journal.record('consultation_sent', caseworker, 'AWAITING_COMMENTS', { sequence: consultation.sequence, facts: consultation.facts.length, answerBy: consultation.answerBy });
  await journal.email('consultation', { sequence: consultation.sequence });
}

/**
 * Waits for the association’s comments, reminding it before the deadline. Either way the case
 * goes back to its caseworker (IN_REVIEW) with what happened recorded; a withdrawal ends the wait.
 */
export async function awaitComments(context: CaseContext, consultation: OpenConsultation): Promise<'answered' | 'deadline_passed' | 'withdrawn'> {
  const { input, memory, journal } = context;
  const { applicationId } = input;
  const { sequence } = consultation;
  const answeredOrWithdrawn = () => memory.comments !== null || memory.withdrawal !== null;
  const sentAt = Date.parse(consultation.sentAt);
  const answerBy = Date.parse(consultation.answerBy);
  let reminders = 0;
  const { answerRemindersMs, answerDeadlineMs } = input.round.timings;
  for (const offset of consultationReminderOffsets(answerRemindersMs, answerDeadlineMs, sentAt, answerBy)) {
    if (await condition(answeredOrWithdrawn, Math.max(0, sentAt + offset - Date.now()))) break;
    reminders += 1;
    const remindersSent = reminders;
    await journal.record('consultation_reminder_sent', 'system', memory.status, { sequence });
    await journal.inOrder(() => activities.noteConsultationReminder({ applicationId, sequence, remindersSent }));
    await journal.email('consultation_reminder', { sequence });
  }
  await condition(answeredOrWithdrawn, Math.max(0, answerBy - Date.now()));
  if (memory.withdrawal) return 'withdrawn';
  memory.openConsultation = null;
  const comments = memory.comments;
  if (!comments) {
    const at = new Date().toISOString();
    await journal.inOrder(() => activities.markConsultationDeadlinePassed({ applicationId, sequence, at }));
    if (patched('keep-caseworker')) await backToCaseworker(context, 'consultation_deadline_passed', 'system', { sequence });
    else await journal.record('consultation_deadline_passed', 'system', 'IN_REVIEW', { sequence });
    return 'deadline_passed';
  }
  await journal.inOrder(() => activities.saveConsultationComments({ applicationId, comments }));
  const details = { sequence, documents: comments.documentIds.length };
  if (patched('keep-caseworker')) await backToCaseworker(context, 'consultation_answered', applicantActor(comments), details);
  else await journal.record('consultation_answered', applicantActor(comments), 'IN_REVIEW', details);
  return 'answered';
}
