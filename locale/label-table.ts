import { LANGUAGES, type Language } from '../lib/languages';
import type { MessageKey } from './catalogue';
import { t } from './translate';

/**
 * The names of a family of codes in every language, read from the catalogue
 * (`<prefix>.<code>` for each code): for code that looks a code's name up by language.
 */
export function labelTable<Code extends string>(prefix: string, codes: readonly Code[]): Record<Code, Record<Language, string>> {
  return Object.fromEntries(
    codes.map((code) => [code, Object.fromEntries(LANGUAGES.map((language) => [language, t(language, `${prefix}.${code}` as MessageKey)]))]),
  ) as Record<Code, Record<Language, string>>;
}
