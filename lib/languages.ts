/** Danish first; Norwegian bokmål and English on request. */
export const LANGUAGES = ['da', 'nb', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'da';

/** The BCP 47 tag each language is formatted with (numbers, dates, plural rules). */
export const LOCALE_TAGS: Record<Language, string> = { da: 'da-DK', nb: 'nb-NO', en: 'en-GB' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * `?lang=` wins, then the browser's Accept-Language (no/nn count as bokmål), then the fallback:
 * Danish, or the deployment's own language (bokmål in Norway).
 */
export function pickLanguage(queryLang: unknown, acceptLanguage: string | undefined, fallback: Language = DEFAULT_LANGUAGE): Language {
  if (isLanguage(queryLang)) return queryLang;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase().split('-')[0];
    if (tag === 'no' || tag === 'nn') return 'nb';
    if (isLanguage(tag)) return tag;
  }
  return fallback;
}
