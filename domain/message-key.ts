import type { MessageKey } from '../locale/catalogue';

export type { MessageKey };

/**
 * Domain rules name what went wrong by message key, never by sentence: a schema's message is
 * `i18n:<key>`, which the language layer's zod error map turns into the reader's language.
 */
export function messageKey(key: MessageKey): string {
  return `i18n:${key}`;
}
