import { z } from 'zod';
import type { Language } from '../lib/languages';
import type { MessageKey } from './catalogue';
import { hasMessage, t } from './translate';

const zodLocales = { da: z.locales.da, nb: z.locales.no, en: z.locales.en } as const;

/** Schemas name a message key as `i18n:<key>` (see domain/message-key.ts) where zod's own wording would not do. */
const KEYED = 'i18n:';

/** zod's error map for a language: keyed messages from the catalogue, the rest from zod's own locale. */
export function zodErrorMap(language: Language): z.core.$ZodErrorMap {
  const localeError = zodLocales[language]().localeError;
  return (issue) => {
    const message = (issue as { message?: string }).message;
    if (message?.startsWith(KEYED)) {
      const key = message.slice(KEYED.length);
      if (hasMessage(language, key)) return t(language, key as MessageKey, issue.params as Record<string, string>);
    }
    // Nothing given is a missing answer, also for a choice (zod names an enum's values otherwise).
    if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) return t(language, 'errors.field.required');
    return localeError(issue);
  };
}
