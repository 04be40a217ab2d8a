import { reportOpensAt, reportWindowOpen } from '../../domain/report-window';

const DAY = 86_400_000;

describe('when the report form opens', () => {
  it('opens on the activity’s end date when that comes first', () => {
    const dueAt = new Date('2027-09-28T21:59:59Z');
    expect(reportOpensAt({ activityEndDate: '2027-06-30', dueAt, opensBeforeDueMs: 30 * DAY })).toEqual(new Date('2027-06-30T00:00:00Z'));
  });

  it('opens the set time before the due date when the activity ends later than that', () => {
    // A fixed due date (1 April) before a long activity ends: the association still gets 30 days.
    const dueAt = new Date('2027-04-01T21:59:59Z');
    expect(reportOpensAt({ activityEndDate: '2027-12-31', dueAt, opensBeforeDueMs: 30 * DAY })).toEqual(new Date(dueAt.getTime() - 30 * DAY));
  });

  it('refuses what is not a date', () => {
    expect(() => reportOpensAt({ activityEndDate: 'snart', dueAt: new Date(), opensBeforeDueMs: DAY })).toThrow(RangeError);
    expect(() => reportOpensAt({ activityEndDate: '2027-06-30', dueAt: new Date('x'), opensBeforeDueMs: DAY })).toThrow(RangeError);
  });

  it('is open from that moment on, and always for a report without a window', () => {
    const now = new Date('2027-06-30T12:00:00Z');
    expect(reportWindowOpen(new Date('2027-06-30T00:00:00Z'), now)).toBe(true);
    expect(reportWindowOpen('2027-06-30T12:00:00.000Z', now)).toBe(true);
    expect(reportWindowOpen(new Date('2027-07-01T00:00:00Z'), now)).toBe(false);
    expect(reportWindowOpen(null, now)).toBe(true);
    expect(reportWindowOpen(undefined, now)).toBe(true);
  });
});
