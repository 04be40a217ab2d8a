import { parseDuration } from '../lib/durations';

// A round's durations are stored as ISO-8601 strings ("P14D", "-P30D"); people read and write
// them as one amount of one unit ("14 dage", "30 dage før fristen"). This is the conversion both
// ways, apart from the words (the language layer's). A stored value of several parts ("P1DT12H")
// or in the `ms` notation ("36h") reads as its length in the largest unit that holds it whole.

export const DURATION_UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** The units a round's durations are normally set in; the smaller ones only for short test rounds. */
export const CALENDAR_UNITS: readonly DurationUnit[] = ['day', 'week', 'month'];

export interface DurationAmount {
  amount: number;
  unit: DurationUnit;
}

/** A duration relative to a date: before or after it (zero is the day itself, written as after). */
export interface DurationOffset extends DurationAmount {
  direction: 'before' | 'after';
}

const ISO_LETTER: Record<DurationUnit, string> = { year: 'Y', month: 'M', week: 'W', day: 'D', hour: 'H', minute: 'M', second: 'S' };
const TIME_UNITS: readonly DurationUnit[] = ['hour', 'minute', 'second'];

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WHOLE_UNITS: readonly [DurationUnit, number][] = [['day', DAY], ['hour', HOUR], ['minute', MINUTE]];

/** One amount of one unit as an ISO-8601 duration: P14D, P2W, P3M, PT1H, PT0.5S. */
export function isoDurationOf({ amount, unit }: DurationAmount): string {
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`Not a duration: ${amount} ${unit}`);
  return `P${TIME_UNITS.includes(unit) ? 'T' : ''}${amount}${ISO_LETTER[unit]}`;
}

/** An offset as the signed ISO-8601 duration the round stores: "-P30D", "P0D", "P14D". */
export function isoOffsetOf(offset: DurationOffset): string {
  const iso = isoDurationOf(offset);
  return offset.direction === 'before' && offset.amount > 0 ? `-${iso}` : iso;
}

const SINGLE_ISO = /^P(?:(\d+(?:[.,]\d+)?)([YMWD])|T(\d+(?:[.,]\d+)?)([HMS]))$/i;

/**
 * The amount and unit a stored duration is written in: "P2W" is 2 weeks, "P30D" 30 days. A value
 * of several parts or in the `ms` notation is its length in the largest unit that holds it whole
 * (days, hours, minutes, else seconds). Undefined when it is not a duration at all.
 */
export function durationAmountOf(value: string): DurationAmount | undefined {
  const single = SINGLE_ISO.exec(value.trim());
  if (single) {
    const [, dateAmount, dateLetter, timeAmount, timeLetter] = single;
    const letter = (dateLetter ?? timeLetter)!.toUpperCase();
    const units = dateLetter ? (['year', 'month', 'week', 'day'] as const) : (['hour', 'minute', 'second'] as const);
    const unit = units.find((candidate) => ISO_LETTER[candidate] === letter)!;
    return { amount: Number((dateAmount ?? timeAmount)!.replace(',', '.')), unit };
  }
  let milliseconds: number;
  try {
    milliseconds = parseDuration(value.trim());
  } catch {
    return undefined;
  }
  if (milliseconds === 0) return { amount: 0, unit: 'day' };
  const whole = WHOLE_UNITS.find(([, length]) => milliseconds % length === 0);
  return whole ? { amount: milliseconds / whole[1], unit: whole[0] } : { amount: milliseconds / SECOND, unit: 'second' };
}

/** A stored offset ("-P30D", "P0D", "P14D") as direction and amount; undefined when it is none. */
export function durationOffsetOf(value: string): DurationOffset | undefined {
  const trimmed = value.trim();
  const duration = durationAmountOf(trimmed.replace(/^[-+]/, ''));
  if (!duration) return undefined;
  return { ...duration, direction: trimmed.startsWith('-') && duration.amount > 0 ? 'before' : 'after' };
}
