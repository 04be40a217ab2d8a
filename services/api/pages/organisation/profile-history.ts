import { hasMessage, t, type Language, type MessageKey } from '../../../../locale';

/** A profile event in the organisation's log: who, and which fields (in the reader's words). */
export function profileHistoryText(language: Language, entry: { type: string; actor: string; subject: string }): string {
  const fields = entry.subject
    .split(', ')
    .filter(Boolean)
    .map((name) => (hasMessage(language, `profile.fields.${name}`) ? t(language, `profile.fields.${name}` as MessageKey) : name))
    .join(', ');
  const key = `profile.history.${entry.type}`;
  return hasMessage(language, key) ? t(language, key as MessageKey, { actor: entry.actor, subject: fields }) : entry.type;
}
