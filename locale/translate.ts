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
        // `{amount, number, money}` in a message: whole kroner in the deployment's currency.
        formats: { number: { money: { style: 'currency', currency: localeSettings().currency, maximumFractionDigits: 0 } } },
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
  return oneFinalPeriod(plainSpaces(intl.formatMessage({ id: key }, values as Record<string, string | number | Date>)));
}

/**
 * A sentence that ends in an abbreviation ends with the abbreviation's period: a message writes
 * "Ansøgt: {amount}." in every language, and Danish "12.000 kr." must not become "kr..".
 */
function oneFinalPeriod(text: string): string {
  return text.replace(/\b(kr|ca|fx|mv|bl\.a|osv|pkt|nr)\.\./g, '$1.');
}

/**
 * Intl writes no-break spaces inside numbers and amounts ("12.000 kr."); texts use ordinary
 * spaces throughout, so what people copy, search and compare is what they see.
 */
export function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

/** True when the key exists (for codes from data, such as a round's own criteria). */
export function hasMessage(language: Language, key: string): key is MessageKey {
  return key in intlFor(language).messages;
}
