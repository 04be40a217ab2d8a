// Dates as people type them in the form ("1.3.2027", "01-03-2027", "01/03/2027") and as the
// submission holds them ("2027-03-01"). The form shows and takes day.month.year; the schema and
// the API keep the calendar date.

const DAY_MONTH_YEAR = /^(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{4})$/;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function calendarDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** The calendar date ("2027-03-01") a typed day.month.year (or a calendar date) stands for; undefined when it is no date. */
export function calendarDateFromTyped(typed: string): string | undefined {
  const compact = typed.trim().replace(/\s*([.\-/])\s*/g, '$1');
  const dayFirst = DAY_MONTH_YEAR.exec(compact);
  if (dayFirst) return calendarDate(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  const yearFirst = CALENDAR_DATE.exec(compact);
  if (yearFirst) return calendarDate(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  return undefined;
}

/** A calendar date as the form shows it ("01.03.2027"); anything else as it was typed. */
export function typedFromCalendarDate(value: string): string {
  const date = CALENDAR_DATE.exec(value);
  return date ? `${date[3]}.${date[2]}.${date[1]}` : value;
}
