import { parseDuration } from '../../lib/durations';
import { durationMsSchema, durationSchema } from '../../domain/duration-schema';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseDuration', () => {
  // Each duration with every notation, ISO-8601 and ms-style, that must mean it.
  const notationsByDuration: [number, string[]][] = [
    [0, ['P0D', 'PT0S', '0', '0s']],
    [500, ['PT0.5S', 'PT0,5S', '500ms', '.5s']],
    [1000, ['1000']],
    [2 * SECOND, ['PT2S', '2s']],
    [2 * MINUTE, ['2m']],
    [10 * MINUTE, ['10 min']],
    [90 * MINUTE, ['PT90M', '1.5h']],
    [36 * HOUR, ['P1DT12H', 'P1.5D']],
    [7 * DAY, ['P1W', '1w']],
    [14 * DAY, ['p14d']],
    [30 * DAY, ['P30D', 'P1M', '30 days']],
    [90 * DAY, ['P3M']],
    [365 * DAY, ['P1Y']],
    [365.25 * DAY, ['1y']],
    [365 * DAY + 60 * DAY + 3 * DAY + 4 * HOUR + 5 * MINUTE + 6 * SECOND, ['P1Y2M3DT4H5M6S']],
  ];
  it.each(notationsByDuration.flatMap(([expected, notations]) => notations.map((value) => [value, expected] as const)))(
    '%s is %d ms',
    (value, expected) => expect(parseDuration(value)).toBe(expected),
  );

  it.each([
    ['', /empty/],
    ['P', /not a duration/],
    ['PT', /not a duration/],
    ['P1DT', /not a duration/],
    ['PT.5S', /not a duration/],
    ['P1H', /not a duration/],
    ['-2s', /negative/],
    ['-0', /negative/],
    ['-P1D', /not a duration/],
    ['-1000', /negative/],
    ['P1.5DT2H', /only the last part/],
    ['abc', /not a duration/],
    ['2 fortnights', /not a duration/],
    ['1e3', /not a duration/],
    ['3M', /ambiguous/],
    [' 2s', /spaces/],
    ['2s ', /spaces/],
    ['PT0.0004S', /shorter than one millisecond/],
    ['99999999999999999999y', /too long/],
  ])('rejects %j', (value, reason) => {
    expect(() => parseDuration(value)).toThrow(reason);
    expect(() => parseDuration(value)).toThrow(/P30D/);
  });

  it('rounds to whole milliseconds', () => {
    expect(parseDuration('PT0.0015S')).toBe(2);
    expect(parseDuration('1.4')).toBe(1);
  });
});

describe('durationSchema', () => {
  it.each(['P30D', '2s', '30 days'])('keeps %j as written', (value) => {
    expect(durationSchema.parse(value)).toBe(value);
  });
  it.each(['', 'soon', '-P1D', 42])('rejects %j', (value) => {
    expect(durationSchema.safeParse(value).success).toBe(false);
  });
  it('says what is wrong and what to write instead', () => {
    const result = durationSchema.safeParse('soon');
    expect(result.error?.issues[0]?.message).toMatch(/"soon".*P30D/);
  });
});

describe('durationMsSchema', () => {
  it.each([
    ['P30D', 30 * DAY],
    ['PT2S', 2 * SECOND],
    ['2s', 2 * SECOND],
    ['500ms', 500],
  ])('turns %j into %d ms', (value, expected) => expect(durationMsSchema.parse(value)).toBe(expected));
  it('rejects what parseDuration rejects', () => {
    expect(durationMsSchema.safeParse('P').success).toBe(false);
  });
});
