// A statistics period: whole local days, from and to inclusive. The rollup has a row per month
// and per day; full months are read from month rows and the days at either edge from day rows.

export interface StatsPeriod {
  from: string; // YYYY-MM-DD
  to: string; // YYYY-MM-DD, inclusive
}

export interface PeriodRanges {
  /** Month rows with period_start in [monthsFrom, monthsTo); empty when equal. */
  monthsFrom: string;
  monthsTo: string;
  /** Day rows in [from, monthsFrom) and [monthsTo, to]. */
  from: string;
  to: string;
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const parse = (value: string) => new Date(`${value}T00:00:00Z`);

export function addDays(value: string, days: number): string {
  const date = parse(value);
  date.setUTCDate(date.getUTCDate() + days);
  return day(date);
}

export function periodRanges({ from, to }: StatsPeriod): PeriodRanges {
  const start = parse(from);
  const firstFull = start.getUTCDate() === 1 ? start : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  const afterTo = parse(addDays(to, 1));
  const endFull = afterTo.getUTCDate() === 1 ? afterTo : new Date(Date.UTC(afterTo.getUTCFullYear(), afterTo.getUTCMonth(), 1));
  if (firstFull >= endFull) return { monthsFrom: from, monthsTo: from, from, to };
  return { monthsFrom: day(firstFull), monthsTo: day(endFull), from, to };
}

/** Every month (YYYY-MM) the period touches, in order. */
export function monthsOf({ from, to }: StatsPeriod): string[] {
  const months: string[] = [];
  const cursor = new Date(Date.UTC(parse(from).getUTCFullYear(), parse(from).getUTCMonth(), 1));
  const end = parse(to);
  while (cursor <= end) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}

/** The last twelve full months up to today's month (the default period). */
export function defaultPeriod(today: string): StatsPeriod {
  const now = parse(today);
  const from = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth() + 1, 1));
  return { from: day(from), to: today };
}
