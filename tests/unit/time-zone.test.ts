import { calendarDateIn, deadlineAfter, deadlineInstant, endOfDayIn, isEndOfDayIn, startOfDayIn, wallTimeToInstant } from '../../domain/time-zone';
import { reportDueDate } from '../../domain/tiers';
import { roundInputSchema } from '../../domain/round-input';
import { configureLocale, DEFAULT_LOCALE_SETTINGS, formatDeadline } from '../../locale';
import { localInstant } from '../../services/api/pages/admin/round-form';

// Danish clocks in 2027: summer time from Sunday 28 March 02:00 (UTC+1 → UTC+2) to Sunday
// 31 October 03:00 (back to UTC+1). A deadline is a date; it ends at 23:59:59.999 there.

afterEach(() => configureLocale(DEFAULT_LOCALE_SETTINGS));

describe('the end of a day on the municipality’s clocks', () => {
  it.each([
    ['winter time (UTC+1)', '2028-01-01', '2028-01-01T22:59:59.999Z'],
    ['summer time (UTC+2)', '2027-07-01', '2027-07-01T21:59:59.999Z'],
    ['the day before summer time starts', '2027-03-27', '2027-03-27T22:59:59.999Z'],
    ['the day summer time starts (a 23-hour day)', '2027-03-28', '2027-03-28T21:59:59.999Z'],
    ['the day before summer time ends', '2027-10-30', '2027-10-30T21:59:59.999Z'],
    ['the day summer time ends (a 25-hour day)', '2027-10-31', '2027-10-31T22:59:59.999Z'],
  ])('%s: %s ends at %s', (_label, date, expected) => {
    const end = endOfDayIn(date);
    expect(end.toISOString()).toBe(expected);
    expect(calendarDateIn(end)).toBe(date);
    expect(isEndOfDayIn(end)).toBe(true);
    // One millisecond later it is the next day.
    expect(calendarDateIn(new Date(end.getTime() + 1))).not.toBe(date);
  });

  it('starts a day at local midnight, also on the days the clocks change', () => {
    expect(startOfDayIn('2027-03-28').toISOString()).toBe('2027-03-27T23:00:00.000Z');
    expect(startOfDayIn('2027-03-29').toISOString()).toBe('2027-03-28T22:00:00.000Z');
    expect(startOfDayIn('2027-10-31').toISOString()).toBe('2027-10-30T22:00:00.000Z');
    expect(startOfDayIn('2027-11-01').toISOString()).toBe('2027-10-31T23:00:00.000Z');
    // 25 hours from the start of 31 October to the start of 1 November, 23 on 28 March.
    expect(startOfDayIn('2027-11-01').getTime() - startOfDayIn('2027-10-31').getTime()).toBe(25 * 3_600_000);
    expect(startOfDayIn('2027-03-29').getTime() - startOfDayIn('2027-03-28').getTime()).toBe(23 * 3_600_000);
  });

  it('reads the Danish date of an instant, not the UTC one', () => {
    expect(calendarDateIn(new Date('2027-03-27T23:30:00Z'))).toBe('2027-03-28');
    expect(calendarDateIn(new Date('2027-10-30T22:30:00Z'))).toBe('2027-10-31');
    expect(calendarDateIn(new Date('2027-10-30T21:30:00Z'))).toBe('2027-10-30');
  });

  it('does not take UTC midnight or the end of a UTC day for the end of a Danish day', () => {
    expect(isEndOfDayIn(new Date('2028-01-01T00:00:00Z'))).toBe(false);
    expect(isEndOfDayIn(new Date('2027-12-31T23:59:59Z'))).toBe(false);
    expect(isEndOfDayIn(new Date('2027-07-01T22:59:59.999Z'))).toBe(false);
  });

  it('refuses a date the calendar does not have', () => {
    expect(wallTimeToInstant('2027-02-30', { hour: 12, minute: 0 })).toBeUndefined();
    expect(wallTimeToInstant('2027-13-01', { hour: 12, minute: 0 })).toBeUndefined();
    expect(() => endOfDayIn('2027-02-29')).toThrow(RangeError);
  });

  it('follows the configured time zone', () => {
    configureLocale({ timeZone: 'America/New_York' });
    expect(endOfDayIn('2028-01-01').toISOString()).toBe('2028-01-02T04:59:59.999Z');
    expect(deadlineInstant('2028-01-01').toISOString()).toBe('2028-01-02T04:59:59.999Z');
  });

  it('takes a deadline given as an instant as it is', () => {
    expect(deadlineInstant('2028-01-01T12:00:00+01:00').toISOString()).toBe('2028-01-01T11:00:00.000Z');
    expect(deadlineInstant('2028-01-01').toISOString()).toBe('2028-01-01T22:59:59.999Z');
  });
});

describe('a deadline a period from now', () => {
  const DAY = 86_400_000;
  it('counts whole days on the calendar and ends with the last of them, across the clock changes', () => {
    // Asked on Monday 22 March 2027 at 14:05; fourteen days cross the spring change.
    expect(deadlineAfter(new Date('2027-03-22T13:05:00Z'), 14 * DAY).toISOString()).toBe('2027-04-05T21:59:59.999Z');
    // Asked on 20 October 2027; fourteen days cross the autumn change.
    expect(deadlineAfter(new Date('2027-10-20T12:00:00Z'), 14 * DAY).toISOString()).toBe('2027-11-03T22:59:59.999Z');
    // Asked at 00:30 Danish time: the Danish date counts, not UTC's.
    expect(calendarDateIn(deadlineAfter(new Date('2027-01-04T23:30:00Z'), DAY))).toBe('2027-01-06');
  });

  it('is exact for periods that are not whole days', () => {
    expect(deadlineAfter(new Date('2027-03-22T13:05:00Z'), 3_600_000).toISOString()).toBe('2027-03-22T14:05:00.000Z');
    expect(deadlineAfter(new Date('2027-03-22T13:05:00Z'), 1.5 * DAY).toISOString()).toBe('2027-03-24T01:05:00.000Z');
  });
});

describe('a deadline as people read it', () => {
  it('is its date alone when it ends with its day, in every language', () => {
    expect(formatDeadline('da', endOfDayIn('2028-01-01'))).toBe('1. januar 2028');
    expect(formatDeadline('nb', endOfDayIn('2028-01-01'))).toBe('1. januar 2028');
    expect(formatDeadline('en', endOfDayIn('2028-01-01'))).toBe('1 January 2028');
    expect(formatDeadline('da', endOfDayIn('2027-10-31'))).toBe('31. oktober 2027');
    expect(formatDeadline('da', endOfDayIn('2027-03-28'))).toBe('28. marts 2027');
  });

  it('keeps its time when it ends at another time of day, so no one is promised the whole day', () => {
    expect(formatDeadline('da', new Date('2028-01-01T11:00:00Z'))).toBe('1. januar 2028 kl. 12.00');
    // What UTC midnight used to be shown as.
    expect(formatDeadline('da', new Date('2028-01-01T00:00:00Z'))).toBe('1. januar 2028 kl. 01.00');
  });
});

describe('report due dates counted after the activity', () => {
  it('end with their day when whole days are counted from an activity that ends with its day, across the autumn change', () => {
    // Activity ends 30 September (summer time); 60 days later is 29 November (winter time).
    const activityEnd = endOfDayIn('2027-09-30');
    const due = reportDueDate({ kind: 'after_activity_end', duration: 'P60D' }, { decidedAt: new Date('2027-05-01T10:00:00Z'), activityEnd });
    expect(due.toISOString()).toBe('2027-11-29T22:59:59.999Z');
    expect(formatDeadline('da', due)).toBe('29. november 2027');
  });

  it('end with their day across the spring change too', () => {
    const activityEnd = endOfDayIn('2027-02-28');
    const due = reportDueDate({ kind: 'after_activity_end', duration: 'P3M' }, { decidedAt: new Date('2027-01-10T10:00:00Z'), activityEnd });
    expect(due.toISOString()).toBe('2027-05-29T21:59:59.999Z');
    expect(calendarDateIn(due)).toBe('2027-05-29');
  });

  it('are exact for periods shorter than whole days', () => {
    const activityEnd = endOfDayIn('2027-09-30');
    const due = reportDueDate({ kind: 'after_activity_end', duration: 'PT5S' }, { decidedAt: new Date('2027-05-01T10:00:00Z'), activityEnd });
    expect(due.getTime() - activityEnd.getTime()).toBe(5_000);
  });
});

describe('a round’s opening and closing given as dates', () => {
  const round = { slug: 'pulje-2028', name: 'Puljen 2028', budget: 100_000, maxAmount: 10_000, mode: 'deadline' as const, scheme: 'paragraf-18' };

  it('closes as the closing date ends and opens as the opening date begins, Danish time', () => {
    const parsed = roundInputSchema.parse({ ...round, opensAt: '2027-10-31', closesAt: '2028-01-01' });
    expect(parsed.closesAt).toBe('2028-01-01T22:59:59.999Z');
    expect(parsed.opensAt).toBe('2027-10-30T22:00:00.000Z');
  });

  it('still takes instants with their offset', () => {
    const parsed = roundInputSchema.parse({ ...round, opensAt: '2027-10-01T08:00:00+02:00', closesAt: '2028-01-01T12:00:00Z' });
    expect(parsed.closesAt).toBe('2028-01-01T12:00:00Z');
    expect(parsed.opensAt).toBe('2027-10-01T08:00:00+02:00');
  });

  it('refuses what is neither, naming the message to show', () => {
    const result = roundInputSchema.safeParse({ ...round, opensAt: '2027-10-01', closesAt: '2028-02-30' });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['closesAt', 'i18n:errors.round.momentFormat']]);
    const noZone = roundInputSchema.safeParse({ ...round, opensAt: '2027-10-01T08:00:00', closesAt: '2028-01-01' });
    expect(noZone.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['opensAt']);
  });

  it('in the round form, a closing date without a time (or with 23:59) is the end of that day', () => {
    expect(localInstant('2028-01-01', '', 'end')).toBe('2028-01-01T22:59:59.999Z');
    expect(localInstant('2028-01-01', '23:59', 'end')).toBe('2028-01-01T22:59:59.999Z');
    expect(localInstant('2027-03-01', '12:00', 'end')).toBe('2027-03-01T11:00:00.000Z');
    expect(localInstant('2027-03-28', '', 'start')).toBe('2027-03-27T23:00:00.000Z');
    expect(localInstant('2027-02-30', '', 'end')).toBeUndefined();
    expect(localInstant('2027-03-01', '25:00', 'end')).toBeUndefined();
  });
});
