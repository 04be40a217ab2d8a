import { activities } from './activities';
import type { CaseContext } from './case-journal';

/** What brought the case back from the association: an answer, comments, or a deadline passing. */
export type ReturnReason = 'information_received' | 'consultation_answered' | 'consultation_deadline_passed';

/**
 * When the association has answered (or its deadline passed), the case goes back to the
 * caseworker who asked, in her own list (IN_REVIEW), and she gets an email. Someone who is no
 * longer active staff cannot take it up: then it goes to the shared queue, unassigned.
 */
export async function backToCaseworker(
  { memory, journal }: CaseContext,
  reason: ReturnReason,
  actor: string,
  details: { sequence: number } & Record<string, unknown>,
): Promise<void> {
  const assignee = memory.assignee;
  const stillHere = assignee !== null && (await activities.isActiveCaseworker({ email: assignee }));
  if (!stillHere) {
    memory.assignee = null;
    await journal.record(reason, actor, 'IN_QUEUE', details, { assignee: null });
    return;
  }
  await journal.record(reason, actor, 'IN_REVIEW', details);
  await journal.email('back_to_caseworker', { sequence: details.sequence, assignee, reason });
}
