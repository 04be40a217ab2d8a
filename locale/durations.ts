import { durationAmountOf, durationOffsetOf, isoDurationOf, isoOffsetOf, DURATION_UNITS, type DurationAmount, type DurationUnit } from '../domain/duration-amounts';
import { LOCALE_TAGS, type Language } from '../lib/languages';
import type { MessageKey } from './catalogue';
import { plainSpaces, t } from './translate';

// Durations in words, both ways: "P14D" is shown as "14 dage" and "2 uger" is read as "P2W";
// offsets from a deadline ("-P30D") as "30 dage før fristen", read back with or without the
// deadline's own word ("30 dage før"). Every word comes from the catalogue (common.duration.*,
// common.offset.*), so what a page shows is what its form reads. ISO-8601 ("P14D", "-P30D") is
// read too, as the JSON API and earlier versions of the form wrote it.

const UNIT_KEYS = {
  year: 'common.duration.year',
  month: 'common.duration.month',
  week: 'common.duration.week',
  day: 'common.duration.day',
  hour: 'common.duration.hour',
  minute: 'common.duration.minute',
  second: 'common.duration.second',
} as const satisfies Record<DurationUnit, MessageKey>;

/** One amount of one unit in words: "14 dage", "1 uge", "2 weeks". */
export function formatDurationAmount(language: Language, duration: DurationAmount): string {
  return t(language, UNIT_KEYS[duration.unit], { count: duration.amount });
}

/** A stored duration in words ("P14D" → "14 dage"); anything that is no duration as it is. */
export function formatDuration(language: Language, value: string): string {
  const duration = durationAmountOf(value);
  return duration ? formatDurationAmount(language, duration) : value;
}

/** A stored offset from a deadline in words ("-P30D" → "30 dage før fristen"); anything else as it is. */
export function formatOffset(language: Language, value: string): string {
  const offset = durationOffsetOf(value);
  if (!offset) return value;
  if (offset.amount === 0) return t(language, 'common.offset.onTheDay');
  return t(language, offset.direction === 'before' ? 'common.offset.before' : 'common.offset.after', { duration: formatDurationAmount(language, offset) });
}

const normalised = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** Each unit's words in a language ("dag", "dage"), from the catalogue's own plural forms. */
function unitWords(language: Language): Map<string, DurationUnit> {
  const words = new Map<string, DurationUnit>();
  for (const unit of DURATION_UNITS) {
    for (const count of [0, 1, 2, 5, 1.5, 21, 22]) {
      const written = normalised(t(language, UNIT_KEYS[unit], { count }));
      const word = written.replace(/^[\d.,\s]+/, '');
      if (word && !words.has(word)) words.set(word, unit);
    }
  }
  return words;
}

const AMOUNT_AND_WORD = /^(\d[\d., ]*?) ?(\p{L}+\.?)$/u;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A number as the language writes it: "3.650" is three thousand six hundred and fifty in Danish
 * (as the form shows it), "1,5" one and a half; a decimal point or comma without thousands reads
 * either way ("1.5" and "1,5").
 */
function localeNumber(language: Language, text: string): number | undefined {
  const parts = new Intl.NumberFormat(LOCALE_TAGS[language]).formatToParts(12345.6);
  const group = escape(plainSpaces(parts.find((part) => part.type === 'group')?.value ?? ','));
  const decimal = escape(parts.find((part) => part.type === 'decimal')?.value ?? '.');
  const grouped = new RegExp(`^(\\d{1,3}(?:${group}\\d{3})+)(?:${decimal}(\\d+))?$`).exec(text);
  if (grouped) return Number(`${grouped[1]!.replace(new RegExp(group, 'g'), '')}.${grouped[2] ?? '0'}`);
  return /^\d+(?:[.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : undefined;
}

/** A duration as written in words in the language ("14 dage", "2 uger") or in a machine notation, as ISO-8601; undefined when it reads as neither. */
export function readDuration(language: Language, text: string): string | undefined {
  const written = normalised(text);
  const words = AMOUNT_AND_WORD.exec(written);
  const unit = words && unitWords(language).get(words[2]!);
  const amount = words && localeNumber(language, words[1]!);
  if (unit && amount !== null && amount !== undefined) return isoDurationOf({ amount, unit });
  // Of the machine notations only ISO-8601: in the `ms` notation a bare "14" is 14 milliseconds.
  const machine = /^p/.test(written) ? durationAmountOf(text.trim()) : undefined;
  return machine ? isoDurationOf(machine) : undefined;
}

/** A template's words after its placeholder as a pattern: the first word required, the rest (the deadline's own words) optional. */
function directionPattern(language: Language, key: 'common.offset.before' | 'common.offset.after'): RegExp {
  const PLACEHOLDER = 'xyzzy';
  const [before, after] = normalised(t(language, key, { duration: PLACEHOLDER })).split(PLACEHOLDER) as [string, string];
  const [first, ...rest] = after.trim().split(' ');
  const optional = rest.map((word) => `(?: ${escape(word)}`).join('') + ')?'.repeat(rest.length);
  return new RegExp(`^${escape(before)}(.+?) ${escape(first ?? '')}${optional}$`, 'u');
}

/**
 * An offset from a deadline as written in the language ("30 dage før", "14 dage efter fristen",
 * "på dagen", a bare "14 dage" being after) or as a signed ISO duration ("-P30D"), as the signed
 * ISO-8601 duration a round stores; undefined when it does not read as one.
 */
export function readOffset(language: Language, text: string): string | undefined {
  const written = normalised(text);
  if (written === normalised(t(language, 'common.offset.onTheDay')) || written === '0') return 'P0D';
  for (const direction of ['before', 'after'] as const) {
    const match = directionPattern(language, direction === 'before' ? 'common.offset.before' : 'common.offset.after').exec(written);
    const duration = match && durationAmountOf(readDuration(language, match[1]!) ?? '');
    if (duration) return isoOffsetOf({ ...duration, direction });
  }
  if (/^[-+]/.test(written)) {
    const offset = durationOffsetOf(text.trim());
    return offset ? isoOffsetOf(offset) : undefined;
  }
  const after = readDuration(language, text);
  return after && isoOffsetOf({ ...durationAmountOf(after)!, direction: 'after' });
}

/** The items of a list of durations or offsets: commas and semicolons separate them, a decimal comma ("1,5 uger") does not. */
export function durationListItems(text: string): string[] {
  return text
    .split(/;|,(?!\d)|(?<!\d),/)
    .map((item) => item.trim())
    .filter(Boolean);
}
