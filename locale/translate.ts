import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { LOCALE_TAGS, type Language } from '../lib/languages';
import { flatCatalogue, type MessageKey } from './catalogue';
import { localeSettings, onLocaleSettingsChange } from './settings';

/** Values a message may interpolate: ICU formats numbers, dates and plurals itself. */
export type MessageValues = Record<string, string | number | bigint | Date>;

const cache = createIntlCache();
let intls = new Map<Language, IntlShape<string>>();
onLocaleSettingsChange(() => {
  intls = new Map();
});

export class MessageFormatError extends Error {
  override name = 'MessageFormatError';
}

/** The ICU formatter of one language, with its catalogue and the deployment's time zone. */
export function intlFor(language: Language): IntlShape<string> {
  let intl = intls.get(language);
  if (!intl) {
    intl = createIntl(
      {
        locale: LOCALE_TAGS[language],
        messages: flatCatalogue(language),
        timeZone: localeSettings().timeZone,
        // A broken or missing message is a defect, never something to show a reader.
        onError: (error) => {
          throw new MessageFormatError(`${language}: ${error.message}`);
        },
      },
      cache,
    );
    intls.set(language, intl);
  }
  return intl;
}

/** The text of a message key in a language, with its placeholders filled. */
export function t(language: Language, key: MessageKey, values?: MessageValues): string {
  const intl = intlFor(language);
  if (!(key in intl.messages)) throw new MessageFormatError(`${language}: no message "${key}"`);
  return intl.formatMessage({ id: key }, values as Record<string, string | number | Date>);
}

/** True when the key exists (for codes from data, such as a round's own criteria). */
export function hasMessage(language: Language, key: string): key is MessageKey {
  return key in intlFor(language).messages;
}
