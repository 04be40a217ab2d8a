import { hasMessage, t, type Language, type MessageKey } from '../../../locale';

/** What a member did, from a `member_action` case event's details, in the reader's language. */
export function memberActionLabel(language: Language, details: unknown): string {
  const action = (details as { action?: unknown } | null)?.action;
  const key = `organisation.action.${String(action)}`;
  return hasMessage(language, key) ? t(language, key as MessageKey) : t(language, 'organisation.action.other');
}

/** A member's action as the association's case page lists it: who, and what. */
export function memberActionLine(language: Language, actor: string, details: unknown): string {
  return t(language, 'organisation.caseEvent.member_action', { member: actor, action: memberActionLabel(language, details) });
}
