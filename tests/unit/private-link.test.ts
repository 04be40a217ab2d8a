import { privateLinkState } from '../../domain/private-link';

const DAY = 24 * 3600 * 1000;
const now = new Date('2027-06-01T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);

describe('privateLinkState', () => {
  test('an open case keeps its links, however old', () => {
    expect(privateLinkState({ revokedAt: null, createdAt: daysAgo(500) }, null, 365 * DAY, now)).toBe('valid');
  });
  test('a closed case’s link works until the period after closing has passed', () => {
    expect(privateLinkState({ revokedAt: null, createdAt: daysAgo(500) }, daysAgo(364), 365 * DAY, now)).toBe('valid');
    expect(privateLinkState({ revokedAt: null, createdAt: daysAgo(500) }, daysAgo(365), 365 * DAY, now)).toBe('expired');
  });
  test('a new link asked for after the case closed works for the period from when it was issued', () => {
    expect(privateLinkState({ revokedAt: null, createdAt: daysAgo(10) }, daysAgo(400), 365 * DAY, now)).toBe('valid');
    expect(privateLinkState({ revokedAt: null, createdAt: daysAgo(365) }, daysAgo(400), 365 * DAY, now)).toBe('expired');
  });
  test('a revoked link is revoked, open case or not, and says so before expiry', () => {
    expect(privateLinkState({ revokedAt: daysAgo(1), createdAt: daysAgo(500) }, null, 365 * DAY, now)).toBe('revoked');
    expect(privateLinkState({ revokedAt: daysAgo(1), createdAt: daysAgo(500) }, daysAgo(400), 365 * DAY, now)).toBe('revoked');
  });
});
