import { caseTimelineFacts, type TimelineEvent } from '../../domain/stats/case-timeline';
import type { CaseStatus } from '../../domain/status';
import { activityTerm } from '../../domain/stats/activity-term';
import { caseFunnel, formFunnel } from '../../domain/stats/funnel';
import { roundBudgetFigures } from '../../domain/stats/round-budget';
import { groupFigures, previousPeriod } from '../../domain/stats/analysis';

const DAY = 86_400_000;
const submittedAt = new Date('2026-03-02T08:00:00Z');
const event = (type: string, from: CaseStatus | null, to: CaseStatus, days: number, details: Record<string, unknown> = {}): TimelineEvent => ({
  type,
  from,
  to,
  at: new Date(submittedAt.getTime() + days * DAY),
  details,
});
const continuous = { mode: 'continuous' as const, closesAt: null, decisionTargetMs: 30 * DAY };

describe('which decision the statistics count', () => {
  const reconsidered = caseTimelineFacts(
    submittedAt,
    [
      event('queued', 'SCREENING', 'IN_QUEUE', 0),
      event('claimed', 'IN_QUEUE', 'IN_REVIEW', 1),
      event('decided', 'IN_REVIEW', 'DECIDED', 10, { sequence: 1, outcome: 'rejected' }),
      event('reconsideration_requested', 'DECIDED', 'RECONSIDERATION_REQUESTED', 15, { sequence: 1 }),
      event('decision_proposed', 'RECONSIDERATION_REQUESTED', 'AWAITING_APPROVAL', 18, { sequence: 2, outcome: 'partially_approved' }),
      event('decision_approved', 'AWAITING_APPROVAL', 'DECIDED', 19, { sequence: 2, outcome: 'partially_approved' }),
      event('decision_changed', 'DECIDED', 'DECIDED', 19, { sequence: 2, outcome: 'partially_approved', previousSequence: 1 }),
      event('payout_adjusted', 'DECIDED', 'PAID', 19, { sequence: 2, differenceOre: 1_000_000 }),
    ],
    continuous,
  );

  it('measures the time to the first decision, when the association got its answer', () => {
    expect(reconsidered.decidedAt).toEqual(new Date(submittedAt.getTime() + 10 * DAY));
    expect(reconsidered.turnaroundSeconds).toBe(10 * 86_400);
    expect(reconsidered.stageSeconds.approval).toBeNull();
  });

  it('takes the outcome and the amount from the decision in force after reconsideration', () => {
    expect(reconsidered.outcome).toBe('partially_approved');
    expect(reconsidered.decisionSequence).toBe(2);
    expect(reconsidered.state).toBe('partially_approved');
  });
});

describe('the association’s time', () => {
  it('is null for a case that never waited for the association, so it is not counted as a wait of 0 days', () => {
    const facts = caseTimelineFacts(submittedAt, [event('queued', 'SCREENING', 'IN_QUEUE', 0), event('claimed', 'IN_QUEUE', 'IN_REVIEW', 1), event('decided', 'IN_REVIEW', 'DECIDED', 4, { sequence: 1, outcome: 'approved' })], continuous);
    expect(facts.applicantSeconds).toBeNull();
    expect(facts.stageSeconds.applicant).toBeNull();
    expect(facts.municipalitySeconds).toBe(4 * 86_400);
  });

  it('counts partshøring as well as information requests, and is the same figure as the stage', () => {
    const facts = caseTimelineFacts(
      submittedAt,
      [
        event('queued', 'SCREENING', 'IN_QUEUE', 0),
        event('claimed', 'IN_QUEUE', 'IN_REVIEW', 1),
        event('consultation_sent', 'IN_REVIEW', 'AWAITING_COMMENTS', 2),
        event('consultation_answered', 'AWAITING_COMMENTS', 'IN_REVIEW', 6),
        event('decided', 'IN_REVIEW', 'DECIDED', 10, { sequence: 1, outcome: 'rejected' }),
      ],
      continuous,
    );
    expect(facts.informationRequests).toBe(0);
    expect(facts.applicantSeconds).toBe(4 * 86_400);
    expect(facts.stageSeconds.applicant).toBe(facts.applicantSeconds);
    expect(facts.municipalitySeconds).toBe(6 * 86_400);
  });
});

describe('where a case stands', () => {
  it('is lapsed, withdrawn or open until a decision is in force', () => {
    const lapsed = caseTimelineFacts(submittedAt, [event('information_requested', 'SCREENING', 'AWAITING_APPLICANT', 0, { items: [] }), event('lapsed', 'AWAITING_APPLICANT', 'LAPSED', 14)], continuous);
    const withdrawn = caseTimelineFacts(submittedAt, [event('queued', 'SCREENING', 'IN_QUEUE', 0), event('withdrawn', 'IN_QUEUE', 'WITHDRAWN', 2)], continuous);
    const open = caseTimelineFacts(submittedAt, [event('queued', 'SCREENING', 'IN_QUEUE', 0)], continuous);
    expect([lapsed.state, withdrawn.state, open.state]).toEqual(['lapsed', 'withdrawn', 'open']);
  });
});

describe('the funnel', () => {
  it('counts every step from the same cases, so no step holds more than the one before', () => {
    const funnel = caseFunnel(new Map([['approved', 6], ['partially_approved', 2], ['rejected', 1], ['lapsed', 1], ['withdrawn', 1], ['open', 1]]));
    expect(funnel).toEqual({ received: 12, decided: 9, granted: 8, rejected: 1, lapsed: 1, withdrawn: 1, open: 1 });
    expect(caseFunnel(new Map())).toEqual({ received: 0, decided: 0, granted: 0, rejected: 0, lapsed: 0, withdrawn: 0, open: 0 });
    expect(formFunnel(7, 5)).toEqual({ started: 7, submitted: 5, stopped: 2 });
  });
});

describe('a round’s budget', () => {
  it('sets the budget beside what was asked for and what was granted, and says how far beyond it each went', () => {
    expect(roundBudgetFigures({ budgetOre: 15_000_000, requestedOre: 29_000_000, grantedOre: 19_000_000 })).toEqual({
      budgetKroner: 150_000,
      requestedKroner: 290_000,
      grantedKroner: 190_000,
      demandShare: 1.933,
      usedShare: 1.267,
      requestedOverBudgetKroner: 140_000,
      overBudgetKroner: 40_000,
    });
    expect(roundBudgetFigures({ budgetOre: 15_000_000, requestedOre: 9_000_000, grantedOre: 6_000_000 })).toMatchObject({ requestedOverBudgetKroner: 0, overBudgetKroner: 0, usedShare: 0.4 });
    expect(roundBudgetFigures({ budgetOre: 0, requestedOre: 100, grantedOre: 0 })).toMatchObject({ demandShare: null, usedShare: null });
  });
});

describe('the analysis', () => {
  it('calls an activity long-term when it runs for more than twelve months', () => {
    const start = new Date('2026-03-01T00:00:00Z');
    expect(activityTerm(start, new Date('2027-03-01T00:00:00Z'))).toBe('short_term');
    expect(activityTerm(start, new Date('2027-03-02T00:00:00Z'))).toBe('long_term');
    expect(activityTerm(start, new Date('2026-06-30T00:00:00Z'))).toBe('short_term');
  });

  it('compares a period with the one just before it: whole months by months, other periods by days', () => {
    expect(previousPeriod({ from: '2026-03-01', to: '2026-04-30' })).toEqual({ from: '2026-01-01', to: '2026-02-28' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-12-31' })).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(previousPeriod({ from: '2026-03-04', to: '2026-03-13' })).toEqual({ from: '2026-02-22', to: '2026-03-03' });
  });

  it('shows a group’s figures only where they rest on five cases or more', () => {
    const group = { byState: new Map([['approved', 4], ['rejected', 2], ['open', 1]] as const), requestedOre: 14_000_000, grantedOre: 8_000_000 };
    expect(groupFigures('lonely', 'Ensomme', group)).toEqual({ code: 'lonely', label: 'Ensomme', submitted: 7, decided: 6, granted: '<5', approvalRate: null, requestedKroner: 140_000, grantedKroner: null });
    expect(groupFigures('other', 'Andre', undefined)).toEqual({ code: 'other', label: 'Andre', submitted: 0, decided: 0, granted: 0, approvalRate: null, requestedKroner: null, grantedKroner: null });
  });
});
