import { condition, patched } from '@temporalio/workflow';
import { activities } from './activities';
import type { CaseContext } from './case-journal';
import { backToCaseworker } from './back-to-caseworker';
import { DANISH_TIME_ZONE, deadlineAfter } from '../domain/time-zone';
import { applicantActor, type OpenInformationRequest } from './messages';

/** Asks the association for what is missing; the case waits for its answer. */
export async function askApplicant({ input, memory, journal }: CaseContext, requestedBy: string, items: string[], message: string): Promise<void> {
  memory.requestCount += 1;
  memory.answer = null;
  const sequence = memory.requestCount;
  const createdAt = new Date();
  const request: OpenInformationRequest = {
    sequence,
    requestedBy,
    items,
    message,
    answerBy: new Date(createdAt.getTime() + input.round.timings.answerDeadlineMs).toISOString(),
  };
  // Whole days to answer end with the last of them on Danish clocks; reminders count from the asking.
  if (patched('information-deadline-end-of-day')) {
    request.answerBy = deadlineAfter(createdAt, input.round.timings.answerDeadlineMs, DANISH_TIME_ZONE).toISOString();
    request.requestedAt = createdAt.toISOString();
  }
  memory.openRequest = request;
  await journal.inOrder(() => activities.createInformationRequest({ applicationId: input.applicationId, ...request, createdAt: createdAt.toISOString() }));
  await journal.record('information_requested', requestedBy, 'AWAITING_APPLICANT', { sequence, items });
  await journal.email('information_request', { sequence });
}

/** Waits for the applicant's answer with reminders; no answer by the deadline lapses the case. */
export async function awaitAnswer({ input, memory, journal }: CaseContext, request: OpenInformationRequest): Promise<'answered' | 'withdrawn' | 'lapsed'> {
  const { timings } = input.round;
  const answeredOrWithdrawn = () => memory.answer !== null || memory.withdrawal !== null;
  const requestedAt = request.requestedAt ? Date.parse(request.requestedAt) : Date.parse(request.answerBy) - timings.answerDeadlineMs;
  for (const offset of timings.answerRemindersMs) {
    if (offset >= timings.answerDeadlineMs) break;
    const wait = Math.max(0, requestedAt + offset - Date.now());
    if (await condition(answeredOrWithdrawn, wait)) break;
    await journal.record('information_reminder_sent', 'system', memory.status, { sequence: request.sequence });
    await journal.email('information_reminder', { sequence: request.sequence });
  }
  const untilDeadline = Math.max(0, Date.parse(request.answerBy) - Date.now());
  await condition(answeredOrWithdrawn, untilDeadline);
  if (memory.withdrawal) return 'withdrawn';
  const received = memory.answer;
  if (!received) {
    await journal.inOrder(() => activities.markInformationRequestLapsed({ applicationId: input.applicationId, sequence: request.sequence, at: new Date().toISOString() }));
    await journal.record('lapsed', 'system', 'LAPSED', { sequence: request.sequence });
    await journal.email('lapsed');
    return 'lapsed';
  }
  await journal.inOrder(() => activities.saveSupplement({ applicationId: input.applicationId, supplement: received }));
  memory.openRequest = null;
  const details = { sequence: request.sequence, documents: received.documentIds.length };
  // Back to the caseworker who asked; a request from screening (nobody asked yet) goes to the queue.
  if (patched('keep-caseworker')) await backToCaseworker({ input, memory, journal }, 'information_received', applicantActor(received), details);
  else await journal.record('information_received', applicantActor(received), 'IN_QUEUE', details);
  return 'answered';
}
