import { histogramPercentile, median, mergeHistograms, percentile } from '../../domain/stats/percentile';
import { ALIGNED_BOUNDS, DAY, HOUR, durationBucket, secondsToDays } from '../../domain/stats/buckets';
import { SUPPRESSED, shownCount, shownFigure, shownShare } from '../../domain/stats/suppression';

describe('percentiles', () => {
  it('interpolate between ranks as percentile_cont does', () => {
    expect(median([7, 5, 40, 10, 5])).toBe(7);
    expect(percentile([5, 5, 7, 10, 40], 0.9)).toBeCloseTo(28, 10);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(percentile([3], 0.9)).toBe(3);
    expect(median([])).toBeNull();
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
  });

  it('give the same answer from a histogram as from the values it counts', () => {
    const values = [5, 5, 7, 10, 40, 40, 40, 2];
    const histogram = [
      { value: 40, count: 3 },
      { value: 2, count: 1 },
      { value: 5, count: 2 },
      { value: 7, count: 1 },
      { value: 10, count: 1 },
      { value: 99, count: 0 },
    ];
    for (const p of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) expect(histogramPercentile(histogram, p)).toBeCloseTo(percentile(values, p)!, 10);
    expect(histogramPercentile([], 0.5)).toBeNull();
  });

  it('merge histograms of several periods by value', () => {
    expect(mergeHistograms([{ value: 1, count: 2 }], [{ value: 1, count: 1 }, { value: 3, count: 4 }])).toEqual([
      { value: 1, count: 3 },
      { value: 3, count: 4 },
    ]);
  });
});

describe('duration buckets', () => {
  it('round down to two hours below two days, twelve below fourteen, the day below ninety, then the week', () => {
    expect(durationBucket(0)).toBe(0);
    expect(durationBucket(2 * HOUR - 1)).toBe(0);
    expect(durationBucket(47 * HOUR + 59 * 60)).toBe(46 * HOUR);
    expect(durationBucket(2 * DAY + 11 * HOUR)).toBe(2 * DAY);
    expect(durationBucket(2 * DAY + 13 * HOUR)).toBe(2 * DAY + 12 * HOUR);
    expect(durationBucket(13 * DAY + 23 * HOUR)).toBe(13 * DAY + 12 * HOUR);
    expect(durationBucket(40 * DAY + 23 * HOUR)).toBe(40 * DAY);
    expect(durationBucket(96 * DAY)).toBe(90 * DAY);
    expect(durationBucket(97 * DAY)).toBe(97 * DAY);
    expect(durationBucket(-5)).toBe(0);
  });

  it('line up with the Prometheus bounds', () => {
    for (const bound of ALIGNED_BOUNDS) {
      expect(durationBucket(bound)).toBe(bound);
      expect(durationBucket(bound - 1)).toBeLessThan(bound);
    }
  });

  it('show days with one decimal', () => {
    expect(secondsToDays(7 * DAY)).toBe(7);
    expect(secondsToDays(36 * HOUR)).toBe(1.5);
    expect(secondsToDays(null)).toBeNull();
  });
});

describe('small-group suppression', () => {
  it('shows 1–4 as "<5", and 0 and 5 or more as they are', () => {
    expect([0, 1, 4, 5, 12].map(shownCount)).toEqual([0, SUPPRESSED, SUPPRESSED, 5, 12]);
  });

  it('hides a figure computed from fewer than five cases', () => {
    expect(shownFigure(4, 12.5)).toBeNull();
    expect(shownFigure(5, 12.5)).toBe(12.5);
  });

  it('hides a share of a small whole or of a small part', () => {
    expect(shownShare(3, 4)).toBeNull();
    expect(shownShare(3, 10)).toBeNull();
    expect(shownShare(0, 10)).toBe(0);
    expect(shownShare(8, 10)).toBe(0.8);
    expect(shownShare(10, 10)).toBe(1);
  });
});
