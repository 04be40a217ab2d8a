import type { Language } from '../lib/languages';

/**
 * A scheme's name or description in the reader's language, from its stored JSON column (every
 * language is required when a scheme is saved; Danish stands in for a text a row written another
 * way lacks).
 */
export function schemeText(stored: unknown, language: Language): string {
  const texts = (stored && typeof stored === 'object' ? stored : {}) as Partial<Record<Language, string>>;
  return texts[language] ?? texts.da ?? '';
}
