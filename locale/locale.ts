import type { Language } from '../lib/languages';
import type { MessageKey } from './catalogue';
import { formatDate, formatDateTime, formatDeadline, formatKroner, formatMoney, formatNumber, type DateStyle } from './format';
import { t, type MessageValues } from './translate';

/** One reader's language, bound: what a page, email or letter renders with. */
export interface Locale {
  language: Language;
  t(key: MessageKey, values?: MessageValues): string;
  money(ore: bigint): string;
  kroner(kroner: number | bigint): string;
  number(value: number | bigint): string;
  date(value: Date | string, style?: DateStyle): string;
  dateTime(value: Date | string, style?: DateStyle): string;
  /** A deadline: its date alone when it ends with its day, else date and time. */
  deadline(value: Date | string, style?: DateStyle): string;
}

export function localeFor(language: Language): Locale {
  return {
    language,
    t: (key, values) => t(language, key, values),
    money: (ore) => formatMoney(language, ore),
    kroner: (kroner) => formatKroner(language, kroner),
    number: (value) => formatNumber(language, value),
    date: (value, style) => formatDate(language, value, style),
    dateTime: (value, style) => formatDateTime(language, value, style),
    deadline: (value, style) => formatDeadline(language, value, style),
  };
}
