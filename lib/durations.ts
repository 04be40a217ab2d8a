import ms from 'ms';

// Every waiting period in a round's configuration (reminders, answer deadline, SLA, reporting
// deadline) is a duration string. Municipal staff and operators write them in one of two
// notations, so both are accepted:
//
// - ISO-8601 durations, e.g. "P30D", "PT2S", "P1W", "P1DT12H", "PT0.5S". A calendar month or
//   year has no fixed length, so two approximations apply: P1M = 30 days and P1Y = 365 days.
//   A day is always 24 hours (a deadline across a daylight-saving change moves by an hour).
// - The notation of the `ms` package, e.g. "2s", "500ms", "30 days", "1.5h", and a bare number
//   meaning milliseconds. Note that there "m" means minutes (ISO "P1M" is a month) and "y" is
//   365.25 days, exactly as `ms` (and Temporal, which uses it) computes them. One deliberate
//   exception: a capital "M" alone ("3M") is refused as ambiguous, see parseMsDuration.
//
// Negative durations are refused (an offset before a date is the caller's sign, not the
// duration's). Zero ("P0D", "0s") is allowed because "on the day itself" is a real reminder
// offset; a setting that must be positive checks that itself.

const ISO_NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const ISO_DURATION = new RegExp(
  `^P(?!$)(?:${ISO_NUMBER}Y)?(?:${ISO_NUMBER}M)?(?:${ISO_NUMBER}W)?(?:${ISO_NUMBER}D)?` +
    `(?:T(?=\\d)(?:${ISO_NUMBER}H)?(?:${ISO_NUMBER}M)?(?:${ISO_NUMBER}S)?)?$`,
  'i',
);

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Order matches the capture groups of ISO_DURATION. */
const ISO_UNIT_MS = [365 * DAY, 30 * DAY, 7 * DAY, DAY, HOUR, MINUTE, SECOND] as const;

function invalidDuration(value: string, why: string): Error {
  return new Error(
    `Invalid duration ${JSON.stringify(value)}: ${why}. Use an ISO-8601 duration such as "P30D" or "PT2S", ` +
      `or a number with a unit such as "2s", "500ms" or "30 days".`,
  );
}

function parseIsoDuration(value: string): number | undefined {
  const match = ISO_DURATION.exec(value);
  if (!match) return undefined;
  const components = match.slice(1);
  const present = components.flatMap((text, index) => (text === undefined ? [] : [{ text, index }]));
  // ISO-8601 allows a fraction only on the smallest component given ("P1.5DT2H" is not valid).
  const fractional = present.filter(({ text }) => /[.,]/.test(text));
  if (fractional.length > 1 || (fractional.length === 1 && fractional[0] !== present[present.length - 1])) {
    throw invalidDuration(value, 'only the last part of an ISO-8601 duration may have decimals');
  }
  return present.reduce((total, { text, index }) => total + Number(text.replace(',', '.')) * ISO_UNIT_MS[index]!, 0);
}

function parseMsDuration(value: string): number | undefined {
  // `ms` reads "3M" as three minutes; anyone writing a capital M almost certainly meant months,
  // and a deadline of minutes instead of months fails silently, so ask which was meant.
  if (/^[\d.]+ *M$/.test(value)) {
    throw invalidDuration(value, 'a capital "M" is ambiguous; write "3min" for minutes or "P3M" for months');
  }
  // `ms` returns undefined (despite its type) for anything it does not recognise.
  const parsed: number | undefined = ms(value as ms.StringValue);
  return typeof parsed === 'number' ? parsed : undefined;
}

/** A duration in either accepted notation (see above), in whole milliseconds. */
export function parseDuration(value: string): number {
  if (typeof value !== 'string' || value.length === 0) throw invalidDuration(String(value), 'it is empty');
  if (value.trim() !== value) throw invalidDuration(value, 'it has spaces before or after it');
  const parsed = /^p/i.test(value) ? parseIsoDuration(value) : parseMsDuration(value);
  if (parsed === undefined || !Number.isFinite(parsed)) throw invalidDuration(value, 'it is not a duration');
  if (parsed < 0 || value.startsWith('-')) throw invalidDuration(value, 'it is negative');
  // Timers work in whole milliseconds; "PT0.0004S" would otherwise silently become no wait at all.
  const milliseconds = Math.round(parsed);
  if (milliseconds === 0 && parsed > 0) throw invalidDuration(value, 'it is shorter than one millisecond');
  if (!Number.isSafeInteger(milliseconds)) throw invalidDuration(value, 'it is too long');
  return milliseconds;
}

const WHOLE_YEARS = /^P(\d{1,3})Y$/i;

/**
 * The whole years of an ISO-8601 period such as "P5Y", for periods counted in financial years
 * (where 365-day years would end a day early after a leap year); anything else is refused.
 */
export function wholeYears(value: string): number {
  const match = WHOLE_YEARS.exec(value.trim());
  if (!match) throw new Error(`Invalid period ${JSON.stringify(value)}: a period counted from the end of a financial year is whole years, such as "P5Y"`);
  return Number(match[1]);
}
