import { LOCALE_TAGS, type Language } from '../lib/languages';
import { intlFor, plainSpaces } from './translate';
import { localeSettings } from './settings';
import { isEndOfDayIn } from '../domain/time-zone';

// Every number, amount, date and time people read is formatted here, in the reader's language
// and the municipality's time zone and currency.

const ORE_PER_KRONE = 100n;

/** An amount in øre as the language writes money: "12.000 kr.", "12 000 DKK", "DKK 12,000". Øre only when there are any. */
export function formatMoney(language: Language, ore: bigint): string {
  const wholeKroner = ore % ORE_PER_KRONE === 0n;
  const value = wholeKroner ? Number(ore / ORE_PER_KRONE) : Number(ore) / 100;
  return plainSpaces(intlFor(language).formatNumber(value, {
    style: 'currency',
    currency: localeSettings().currency,
    minimumFractionDigits: wholeKroner ? 0 : 2,
    maximumFractionDigits: 2,
  }));
}

/** An amount in whole kroner (as the forms and the statistics hold it), written as money. */
export function formatKroner(language: Language, kroner: number | bigint): string {
  return formatMoney(language, BigInt(Math.round(Number(kroner) * 100)));
}

export function formatNumber(language: Language, value: number | bigint, options?: Intl.NumberFormatOptions): string {
  return plainSpaces(intlFor(language).formatNumber(value as number, options as Parameters<ReturnType<typeof intlFor>['formatNumber']>[1]));
}

export function formatPercent(language: Language, fraction: number, fractionDigits = 0): string {
  return plainSpaces(intlFor(language).formatNumber(fraction, { style: 'percent', maximumFractionDigits: fractionDigits }));
}

const KILOBYTE = 1024;
const MEGABYTE = 1024 * KILOBYTE;

/**
 * A file size as every page writes it: kB below a megabyte, else MB, counted in 1024s (as file
 * managers count, so a 10 MB upload limit reads "10 MB"), with the language's decimal mark and
 * one decimal at most: "1,6 kB", "10 MB". The smallest file still reads "0,1 kB", never "0 kB".
 */
export function formatBytes(language: Language, bytes: number): string {
  const [unit, size] = bytes >= MEGABYTE ? (['megabyte', bytes / MEGABYTE] as const) : (['kilobyte', Math.max(bytes / KILOBYTE, 0.1)] as const);
  return plainSpaces(new Intl.NumberFormat(LOCALE_TAGS[language], { style: 'unit', unit, maximumFractionDigits: 1 }).format(size));
}

export type DateStyle = 'long' | 'medium' | 'short';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date (`YYYY-MM-DD`, exactly as given) or the day of a moment in the municipality's
 * time zone.
 */
export function formatDate(language: Language, value: Date | string, style: DateStyle = 'long'): string {
  if (typeof value === 'string' && CALENDAR_DATE.test(value)) {
    return plainSpaces(intlFor(language).formatDate(new Date(`${value}T00:00:00Z`), { dateStyle: style, timeZone: 'UTC' }));
  }
  return plainSpaces(intlFor(language).formatDate(toDate(value), { dateStyle: style }));
}

/** A moment as date and time of day in the municipality's time zone. */
export function formatDateTime(language: Language, value: Date | string, style: DateStyle = 'medium'): string {
  return plainSpaces(intlFor(language).formatDate(toDate(value), { dateStyle: style, timeStyle: 'short' }));
}

/**
 * A deadline as people mean it: one that ends with its day is its date alone ("1. januar 2028",
 * never "kl. 23.59"); one at another time of day keeps its time, so no one is told a whole day
 * they do not have.
 */
export function formatDeadline(language: Language, value: Date | string, style: DateStyle = 'long'): string {
  const instant = toDate(value);
  return isEndOfDayIn(instant, localeSettings().timeZone) ? formatDate(language, instant, style) : formatDateTime(language, instant, style);
}

export function formatTime(language: Language, value: Date | string): string {
  return plainSpaces(intlFor(language).formatTime(toDate(value), { timeStyle: 'short' }));
}

function toDate(value: Date | string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${String(value)}`);
  return date;
}
