import { isPermanentRejection, retryDelayMs } from '../../services/mailer/retry';

describe('the outbox retry policy', () => {
  const policy = { baseMs: 10_000, maxMs: 3_600_000 };

  it('doubles the wait after each failure, up to the cap, with half of it random', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, () => 0))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, () => 1))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(retryDelayMs(30, policy, () => 1)).toBe(3_600_000);
    expect(retryDelayMs(30, policy, () => 0)).toBe(1_800_000);
  });

  it('spreads messages that failed together', () => {
    const waits = new Set(Array.from({ length: 50 }, () => retryDelayMs(3, policy)));
    expect(waits.size).toBeGreaterThan(40);
    for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(20_000);
  });

  it('gives up at once only on a recipient refused for good', () => {
    expect(isPermanentRejection({ code: 'EENVELOPE', responseCode: 550 })).toBe(true);
    expect(isPermanentRejection({ code: 'EENVELOPE', responseCode: 451 })).toBe(false);
    expect(isPermanentRejection({ code: 'EAUTH', responseCode: 535 })).toBe(false);
    expect(isPermanentRejection(new Error('connect ECONNREFUSED'))).toBe(false);
  });
});
