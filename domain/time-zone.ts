import { TZDate } from '@date-fns/tz';

// Time as people in the municipality mean it. A deadline is a date: "senest 1. januar 2028" means
// until that day ends on the municipality's clocks, 23:59:59.999 there, whatever UTC says and
// whether or not daylight saving time is on. An application sent at 00:30 Danish time on 3 May was
// sent on 3 May, though UTC still says 2 May.

/** Municipal deadlines are Danish calendar days (Europe/Oslo keeps the same clock since 1980). */
export const DANISH_TIME_ZONE = 'Europe/Copenhagen';

let configuredTimeZone = DANISH_TIME_ZONE;

/**
 * The deployment's time zone (MUNICIPALITY_TIME_ZONE; Danish until the service configures it).
 * The locale layer sets it with the rest of its settings, so domain rules need not import it.
 */
export function municipalityTimeZone(): string {
  return configuredTimeZone;
}

export function setMunicipalityTimeZone(timeZone: string): void {
  configuredTimeZone = timeZone;
}

/** A calendar date as written in forms and the API: YYYY-MM-DD. */
export const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface WallTime {
  hour: number;
  minute: number;
  second?: number;
  millisecond?: number;
}

/** The last moment of a day: a deadline on a date ends here. */
export const END_OF_DAY: WallTime = { hour: 23, minute: 59, second: 59, millisecond: 999 };
export const START_OF_DAY: WallTime = { hour: 0, minute: 0 };

/**
 * The instant a time zone's clocks show a date and time, or undefined when the date is no
 * calendar date (2027-02-30). A wall time that the spring change skips is read as the same
 * time after the change.
 */
export function wallTimeToInstant(date: string, time: WallTime, timeZone: string = municipalityTimeZone()): Date | undefined {
  const day = CALENDAR_DATE.exec(date);
  if (!day) return undefined;
  const [year, month, dayOfMonth] = [Number(day[1]), Number(day[2]), Number(day[3])];
  const local = new TZDate(year, month - 1, dayOfMonth, time.hour, time.minute, time.second ?? 0, time.millisecond ?? 0, timeZone);
  // A day the calendar does not have would roll over into the next month.
  if (local.getFullYear() !== year || local.getMonth() !== month - 1 || local.getDate() !== dayOfMonth) return undefined;
  return new Date(local.getTime());
}

/** The last moment of a date on the municipality's clocks: when a deadline on that date ends. */
export function endOfDayIn(date: string, timeZone: string = municipalityTimeZone()): Date {
  const instant = wallTimeToInstant(date, END_OF_DAY, timeZone);
  if (!instant) throw new RangeError(`Not a calendar date: ${date}`);
  return instant;
}

/** The first moment of a date on the municipality's clocks. */
export function startOfDayIn(date: string, timeZone: string = municipalityTimeZone()): Date {
  const instant = wallTimeToInstant(date, START_OF_DAY, timeZone);
  if (!instant) throw new RangeError(`Not a calendar date: ${date}`);
  return instant;
}

/** The calendar date a number of days after another (both YYYY-MM-DD); a day is a date, whatever its hours. */
export function addDays(date: string, days: number): string {
  const day = CALENDAR_DATE.exec(date);
  if (!day) throw new RangeError(`Not a calendar date: ${date}`);
  return new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + days)).toISOString().slice(0, 10);
}

/** The calendar date (YYYY-MM-DD) an instant falls on in a time zone. */
export function calendarDateIn(instant: Date, timeZone: string = municipalityTimeZone()): string {
  const local = new TZDate(instant.getTime(), timeZone);
  return `${String(local.getFullYear()).padStart(4, '0')}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
}

/** The date and time of day an instant shows on a time zone's clocks (what a form shows). */
export function wallClockIn(instant: Date, timeZone: string = municipalityTimeZone()): { date: string; hour: number; minute: number; second: number; millisecond: number } {
  const local = new TZDate(instant.getTime(), timeZone);
  return { date: calendarDateIn(instant, timeZone), hour: local.getHours(), minute: local.getMinutes(), second: local.getSeconds(), millisecond: local.getMilliseconds() };
}

/**
 * Whether an instant is the end of its day on the municipality's clocks (in the day's last minute,
 * 23:59): a deadline that is then written as its date alone, never "kl. 23.59".
 */
export function isEndOfDayIn(instant: Date, timeZone: string = municipalityTimeZone()): boolean {
  const { hour, minute } = wallClockIn(instant, timeZone);
  return hour === 23 && minute === 59;
}

const DAY_MS = 86_400_000;

/**
 * The deadline a period after a moment gives: whole days are counted on the calendar and end
 * with their day on the municipality's clocks (fourteen days from a Monday afternoon is the
 * Monday two weeks on, until 23:59); a period shorter than whole days is exact.
 */
export function deadlineAfter(from: Date, periodMs: number, timeZone: string = municipalityTimeZone()): Date {
  if (periodMs <= 0 || periodMs % DAY_MS !== 0) return new Date(from.getTime() + periodMs);
  return endOfDayIn(addDays(calendarDateIn(from, timeZone), periodMs / DAY_MS), timeZone);
}

/** A deadline given as a date (YYYY-MM-DD) ends with that day; an instant is taken as it is. */
export function deadlineInstant(value: string, timeZone: string = municipalityTimeZone()): Date {
  return CALENDAR_DATE.test(value) ? endOfDayIn(value, timeZone) : new Date(value);
}
