import { hasMessage, t, type Language } from '../../../locale';

/**
 * The name of a code the data holds (`common.outcome.${code}`), or `fallback` when the catalogue
 * has none: a code from older data, or a round's own decision criterion.
 */
export function nameOf(language: Language, key: string, fallback: string): string {
  return hasMessage(language, key) ? t(language, key) : fallback;
}
