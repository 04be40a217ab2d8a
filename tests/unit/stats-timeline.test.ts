import { caseTimelineFacts, localDay, volunteerBand, type TimelineEvent } from '../../domain/stats/case-timeline';
import type { CaseStatus } from '../../domain/status';
import { periodRanges, monthsOf, defaultPeriod } from '../../services/api/stats/period';
import { excerpt } from '../../services/api/stats/stories';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const submittedAt = new Date('2026-03-02T08:00:00Z');
const at = (ms: number) => new Date(submittedAt.getTime() + ms);
const event = (type: string, from: CaseStatus | null, to: CaseStatus, offset: number, details: Record<string, unknown> = {}): TimelineEvent => ({ type, from, to, at: at(offset), details });
const continuous = { mode: 'continuous' as const, closesAt: null, decisionTargetMs: 30 * DAY };

describe('a case timeline', () => {
  it('splits the time to a decision into stages, and into municipality and association time', () => {
    const facts = caseTimelineFacts(
      submittedAt,
      [
        event('submitted', null, 'SUBMITTED', 0),
        event('screening_started', 'SUBMITTED', 'SCREENING', 0),
        event('queued', 'SCREENING', 'IN_QUEUE', 1 * HOUR),
        event('claimed', 'IN_QUEUE', 'IN_REVIEW', 10 * DAY),
        event('information_requested', 'IN_REVIEW', 'AWAITING_APPLICANT', 12 * DAY, { sequence: 1, items: ['Vedtægter'] }),
        event('information_reminder_sent', 'AWAITING_APPLICANT', 'AWAITING_APPLICANT', 19 * DAY),
        event('information_received', 'AWAITING_APPLICANT', 'IN_QUEUE', 20 * DAY),
        event('sla_breached', 'IN_QUEUE', 'IN_QUEUE', 20 * DAY + HOUR),
        event('claimed', 'IN_QUEUE', 'IN_REVIEW', 21 * DAY),
        event('decision_proposed', 'IN_REVIEW', 'AWAITING_APPROVAL', 38 * DAY),
        event('decision_approved', 'AWAITING_APPROVAL', 'DECIDED', 40 * DAY, { sequence: 1, outcome: 'approved' }),
        event('paid', 'DECIDED', 'PAID', 40 * DAY),
      ],
      continuous,
    );
    expect(facts.turnaroundSeconds).toBe(40 * 86_400);
    expect(facts.applicantSeconds).toBe(8 * 86_400);
    expect(facts.municipalitySeconds).toBe(32 * 86_400);
    expect(facts.withinTarget).toBe(false);
    expect(facts.outcome).toBe('approved');
    expect(facts.stageSeconds).toEqual({
      screening: 3_600,
      queue: 10 * 86_400 - 3_600 + 86_400,
      round_wait: null,
      review: 2 * 86_400 + 17 * 86_400,
      approval: 2 * 86_400,
      applicant: 8 * 86_400,
    });
    expect(facts.informationRequests).toBe(1);
    expect(facts.missingItems).toEqual(['Vedtægter']);
  });

  it('counts the wait for a deadline round to close apart from the queue', () => {
    const round = { mode: 'deadline' as const, closesAt: at(10 * DAY), decisionTargetMs: 60 * DAY };
    const facts = caseTimelineFacts(
      submittedAt,
      [event('queued', 'SCREENING', 'IN_QUEUE', 0), event('decided', 'IN_QUEUE', 'DECIDED', 14 * DAY, { outcome: 'rejected' })],
      round,
    );
    expect(facts.stageSeconds.round_wait).toBe(10 * 86_400);
    expect(facts.stageSeconds.queue).toBe(4 * 86_400);
    expect(facts.withinTarget).toBe(true);
  });

  it('leaves an undecided case without a turnaround, and records lapse, withdrawal and the report', () => {
    const lapsed = caseTimelineFacts(submittedAt, [event('information_requested', 'SCREENING', 'AWAITING_APPLICANT', 0, { items: ['a', 'b'] }), event('lapsed', 'AWAITING_APPLICANT', 'LAPSED', 14 * DAY)], continuous);
    expect(lapsed.turnaroundSeconds).toBeNull();
    expect(lapsed.withinTarget).toBeNull();
    expect(lapsed.lapsedAt).toEqual(at(14 * DAY));
    expect(lapsed.missingItems).toEqual(['a', 'b']);

    const reported = caseTimelineFacts(
      submittedAt,
      [
        event('decided', 'IN_REVIEW', 'DECIDED', 2 * DAY, { outcome: 'approved' }),
        event('report_due', 'PAID', 'REPORT_DUE', 3 * DAY, { dueAt: at(60 * DAY).toISOString() }),
        event('report_reminder_sent', 'REPORT_DUE', 'REPORT_DUE', 30 * DAY),
        event('report_submitted', 'REPORT_DUE', 'REPORT_SUBMITTED', 50 * DAY, { onTime: true }),
        event('report_returned', 'REPORT_SUBMITTED', 'REPORT_DUE', 52 * DAY),
        event('report_submitted', 'REPORT_DUE', 'REPORT_SUBMITTED', 55 * DAY, { onTime: true }),
        event('repayment_claimed', 'REPORT_SUBMITTED', 'REPORT_SUBMITTED', 56 * DAY, { repaymentOre: 100_000 }),
      ],
      continuous,
    );
    expect(reported.report).toEqual({ dueAt: at(60 * DAY), onTime: true, secondsToSubmit: 47 * 86_400, reminders: 1, returned: 1, repaymentOre: 100_000 });
  });

  it('puts days in the municipality’s time zone and sizes in bands', () => {
    expect(localDay(new Date('2026-03-31T22:30:00Z'))).toBe('2026-04-01');
    expect([1, 5, 6, 20, 21, 50, 51].map(volunteerBand)).toEqual(['1-5', '1-5', '6-20', '6-20', '21-50', '21-50', '51+']);
  });
});

describe('periods', () => {
  it('read full months from month rows and the edges from day rows', () => {
    expect(periodRanges({ from: '2026-03-01', to: '2026-04-30' })).toEqual({ monthsFrom: '2026-03-01', monthsTo: '2026-05-01', from: '2026-03-01', to: '2026-04-30' });
    expect(periodRanges({ from: '2026-03-04', to: '2026-06-15' })).toEqual({ monthsFrom: '2026-04-01', monthsTo: '2026-06-01', from: '2026-03-04', to: '2026-06-15' });
    expect(periodRanges({ from: '2026-03-04', to: '2026-04-15' })).toEqual({ monthsFrom: '2026-03-04', monthsTo: '2026-03-04', from: '2026-03-04', to: '2026-04-15' });
    expect(monthsOf({ from: '2025-12-15', to: '2026-02-01' })).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(defaultPeriod('2026-11-27')).toEqual({ from: '2025-12-01', to: '2026-11-27' });
  });

  it('cut stories at a word', () => {
    expect(excerpt('kort  tekst')).toBe('kort tekst');
    const long = excerpt('ord '.repeat(200), 40);
    expect(long.endsWith(' …')).toBe(true);
    expect(long.length).toBeLessThanOrEqual(42);
  });
});
