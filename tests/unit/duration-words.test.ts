import { durationAmountOf, durationOffsetOf, isoDurationOf, isoOffsetOf } from '../../domain/duration-amounts';
import { durationListItems, formatDuration, formatOffset, readDuration, readOffset } from '../../locale/durations';
import { LANGUAGES } from '../../lib/languages';

describe('duration amounts (domain)', () => {
  it.each([
    ['P14D', { amount: 14, unit: 'day' }],
    ['P2W', { amount: 2, unit: 'week' }],
    ['P3M', { amount: 3, unit: 'month' }],
    ['P1Y', { amount: 1, unit: 'year' }],
    ['PT1H', { amount: 1, unit: 'hour' }],
    ['PT0.5S', { amount: 0.5, unit: 'second' }],
    ['P0D', { amount: 0, unit: 'day' }],
  ] as const)('%s is one amount of one unit, and back', (iso, amount) => {
    expect(durationAmountOf(iso)).toEqual(amount);
    expect(isoDurationOf(amount)).toBe(iso);
  });

  it('reads several parts and the ms notation as the largest unit that holds them whole', () => {
    expect(durationAmountOf('P1DT12H')).toEqual({ amount: 36, unit: 'hour' });
    expect(durationAmountOf('30 days')).toEqual({ amount: 30, unit: 'day' });
    expect(durationAmountOf('1h')).toEqual({ amount: 1, unit: 'hour' });
    expect(durationAmountOf('90s')).toEqual({ amount: 90, unit: 'second' });
    expect(durationAmountOf('0s')).toEqual({ amount: 0, unit: 'day' });
    expect(durationAmountOf('seven')).toBeUndefined();
    expect(durationAmountOf('-P30D')).toBeUndefined();
  });

  it('turns offsets into signed durations and back', () => {
    expect(durationOffsetOf('-P30D')).toEqual({ amount: 30, unit: 'day', direction: 'before' });
    expect(durationOffsetOf('P14D')).toEqual({ amount: 14, unit: 'day', direction: 'after' });
    expect(durationOffsetOf('P0D')).toEqual({ amount: 0, unit: 'day', direction: 'after' });
    for (const iso of ['-P30D', 'P0D', 'P14D', '-P1W', 'P2M']) expect(isoOffsetOf(durationOffsetOf(iso)!)).toBe(iso);
    expect(isoOffsetOf({ amount: 0, unit: 'day', direction: 'before' })).toBe('P0D');
    expect(durationOffsetOf('-seven')).toBeUndefined();
  });
});

describe('durations in words (locale)', () => {
  it('shows durations in each language, with plurals', () => {
    expect(formatDuration('da', 'P14D')).toBe('14 dage');
    expect(formatDuration('da', 'P1D')).toBe('1 dag');
    expect(formatDuration('da', 'P2W')).toBe('2 uger');
    expect(formatDuration('da', 'P1M')).toBe('1 måned');
    expect(formatDuration('nb', 'P14D')).toBe('14 dager');
    expect(formatDuration('nb', 'P1W')).toBe('1 uke');
    expect(formatDuration('en', 'P4W')).toBe('4 weeks');
    expect(formatDuration('en', 'P1D')).toBe('1 day');
    expect(formatDuration('da', 'P1.5W')).toBe('1,5 uge');
    expect(formatDuration('da', 'not one')).toBe('not one');
  });

  it('shows offsets from a deadline in each language', () => {
    expect(formatOffset('da', '-P30D')).toBe('30 dage før fristen');
    expect(formatOffset('da', 'P0D')).toBe('på fristens dag');
    expect(formatOffset('da', 'P14D')).toBe('14 dage efter fristen');
    expect(formatOffset('nb', 'P14D')).toBe('14 dager etter fristen');
    expect(formatOffset('en', '-P1W')).toBe('1 week before the deadline');
  });

  it.each([
    ['da', '14 dage', 'P14D'],
    ['da', '1 dag', 'P1D'],
    ['da', '2 uger', 'P2W'],
    ['da', '  3   Måneder ', 'P3M'],
    ['da', '1,5 uge', 'P1.5W'],
    ['nb', '14 dager', 'P14D'],
    ['nb', '1 uke', 'P1W'],
    ['en', '2 weeks', 'P2W'],
    ['en', '1.5 days', 'P1.5D'],
    ['da', '3.650 dage', 'P3650D'],
    ['nb', '3 650 dager', 'P3650D'],
    ['en', '3,650 days', 'P3650D'],
    ['da', '1.5 uge', 'P1.5W'],
    ['da', 'P14D', 'P14D'],
    ['da', 'PT1H', 'PT1H'],
    ['en', '30 days', 'P30D'],
  ])('reads %s "%s" as %s', (language, text, iso) => {
    expect(readDuration(language as 'da', text)).toBe(iso);
  });

  it.each([['da', 'fjorten dage'], ['da', '14 weeks'], ['da', '14'], ['da', '1h'], ['da', ''], ['nb', '2 uger'], ['da', '-P3D']])('refuses %s "%s"', (language, text) => {
    expect(readDuration(language as 'da', text)).toBeUndefined();
  });

  it.each([
    ['da', '30 dage før', '-P30D'],
    ['da', '30 dage før fristen', '-P30D'],
    ['da', '14 dage efter', 'P14D'],
    ['da', '14 dage', 'P14D'],
    ['da', 'på fristens dag', 'P0D'],
    ['da', '0', 'P0D'],
    ['da', '-P30D', '-P30D'],
    ['nb', '2 uker etter fristen', 'P2W'],
    ['en', '1 week before', '-P1W'],
    ['en', '1 week before the deadline', '-P1W'],
    ['en', 'on the deadline', 'P0D'],
  ])('reads the offset %s "%s" as %s', (language, text, iso) => {
    expect(readOffset(language as 'da', text)).toBe(iso);
  });

  it.each([['da', '30 dage inden'], ['da', 'før'], ['en', '30 dage før']])('refuses the offset %s "%s"', (language, text) => {
    expect(readOffset(language as 'da', text)).toBeUndefined();
  });

  it('round-trips every stored duration and offset through its words, in every language', () => {
    for (const language of LANGUAGES) {
      for (const iso of ['P1D', 'P14D', 'P30D', 'P3650D', 'P1W', 'P4W', 'P1M', 'P3M', 'P1Y', 'PT1H', 'PT30S', 'P1.5W', 'P1234.5D']) {
        expect(readDuration(language, formatDuration(language, iso))).toBe(iso);
      }
      for (const iso of ['-P30D', '-P7D', 'P0D', 'P7D', 'P14D', '-P1W', 'P1M']) {
        expect(readOffset(language, formatOffset(language, iso))).toBe(iso);
      }
    }
  });

  it('splits lists on commas, but not on a decimal comma', () => {
    expect(durationListItems('30 dage før, på fristens dag,14 dage efter')).toEqual(['30 dage før', 'på fristens dag', '14 dage efter']);
    expect(durationListItems('1,5 uge; 2 uger')).toEqual(['1,5 uge', '2 uger']);
    expect(durationListItems(' , ')).toEqual([]);
  });
});
