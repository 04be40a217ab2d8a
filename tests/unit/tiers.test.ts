import { kronerToOre } from '../../domain/money';
import {
  DEFAULT_REPORTING_TIERS,
  calendarDateIn,
  reportDueDate,
  reportRequirementFor,
  requiredApplicationDocuments,
  tierFor,
  type ReportDueRule,
  type ReportingTier,
} from '../../domain/tiers';
import { reportDueRuleSchema, reportingTiersSchema } from '../../domain/tier-schemas';

const ONE_ORE = 1n;

describe('default reporting tiers', () => {
  it('are valid configuration', () => {
    expect(reportingTiersSchema.safeParse(DEFAULT_REPORTING_TIERS).success).toBe(true);
  });

  it.each([
    ['1 øre', ONE_ORE, 'declaration'],
    ['9,500 kr', kronerToOre(9_500), 'declaration'],
    ['exactly 10,000 kr', kronerToOre(10_000), 'declaration'],
    ['10,000 kr and 1 øre', kronerToOre(10_000) + ONE_ORE, 'accounts'],
    ['exactly 100,000 kr', kronerToOre(100_000), 'accounts'],
    ['100,000 kr and 1 øre', kronerToOre(100_000) + ONE_ORE, 'audited_accounts'],
    ['5 million kr', kronerToOre(5_000_000), 'audited_accounts'],
  ])('a grant of %s is reported with %s', (_label, grantedOre, requirement) => {
    expect(reportRequirementFor(grantedOre, DEFAULT_REPORTING_TIERS)).toBe(requirement);
  });

  it.each([
    ['exactly 10,000 kr', kronerToOre(10_000), ['statutes']],
    ['10,000 kr and 1 øre', kronerToOre(10_000) + ONE_ORE, ['statutes', 'annual_accounts']],
    ['exactly 100,000 kr', kronerToOre(100_000), ['statutes', 'annual_accounts']],
    ['100,000 kr and 1 øre', kronerToOre(100_000) + ONE_ORE, ['statutes', 'annual_accounts', 'budget']],
  ])('an application for %s must come with %j', (_label, requestedOre, documents) => {
    expect(requiredApplicationDocuments(requestedOre, DEFAULT_REPORTING_TIERS)).toEqual(documents);
  });

  it('cannot be changed by a caller that edits the list it got back', () => {
    requiredApplicationDocuments(kronerToOre(1_000), DEFAULT_REPORTING_TIERS).push('budget');
    expect(requiredApplicationDocuments(kronerToOre(1_000), DEFAULT_REPORTING_TIERS)).toEqual(['statutes']);
  });
});

describe('tierFor', () => {
  const tiers: ReportingTier[] = [
    { upToKroner: 5_000, requirement: 'short_report', applicationDocuments: [] },
    { upToKroner: null, requirement: 'accounts', applicationDocuments: ['statutes'] },
  ];
  it.each([
    [0n, 'short_report'],
    [kronerToOre(5_000), 'short_report'],
    [kronerToOre(5_000) + ONE_ORE, 'accounts'],
  ])('%d øre falls in the %s tier', (amountOre, requirement) => {
    expect(tierFor(amountOre, tiers).requirement).toBe(requirement);
  });
  it('refuses a negative amount', () => {
    expect(() => tierFor(-ONE_ORE, tiers)).toThrow(RangeError);
  });
  it('says so when the tiers leave an amount without a tier', () => {
    expect(() => tierFor(kronerToOre(6_000), [tiers[0]!])).toThrow(/reportingTiersSchema/);
  });
});

describe('reportingTiersSchema', () => {
  const tier = (upToKroner: number | null, requirement = 'accounts', applicationDocuments: string[] = ['statutes']) => ({
    upToKroner,
    requirement,
    applicationDocuments,
  });

  it.each([
    ['one open-ended tier', [tier(null)]],
    ['ascending tiers ending open-ended', [tier(5_000, 'declaration'), tier(20_000), tier(null, 'audited_accounts')]],
    ['a tier without documents', [tier(5_000, 'declaration', []), tier(null)]],
  ])('accepts %s', (_label, tiers) => {
    expect(reportingTiersSchema.safeParse(tiers).success).toBe(true);
  });

  it.each([
    ['no tiers', []],
    ['no open-ended last tier', [tier(5_000), tier(20_000)]],
    ['an open-ended tier before the last', [tier(null), tier(20_000)]],
    ['two open-ended tiers', [tier(5_000), tier(null), tier(null)]],
    ['descending bounds', [tier(20_000), tier(5_000), tier(null)]],
    ['a duplicate bound', [tier(5_000), tier(5_000), tier(null)]],
    ['a zero bound', [tier(0), tier(null)]],
    ['a fractional bound', [tier(5_000.5), tier(null)]],
    ['an unknown requirement', [tier(null, 'receipts')]],
    ['an unknown document', [tier(null, 'accounts', ['passport'])]],
    ['a document listed twice', [tier(null, 'accounts', ['statutes', 'statutes'])]],
  ])('rejects %s', (_label, tiers) => {
    expect(reportingTiersSchema.safeParse(tiers).success).toBe(false);
  });

  it('points at the tier that is out of order', () => {
    const result = reportingTiersSchema.safeParse([tier(20_000), tier(5_000), tier(null)]);
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual([1, 'upToKroner']);
  });
});

describe('reportDueDate', () => {
  const activityEnd = new Date('2026-06-30T12:00:00.000Z');

  it.each<[string, ReportDueRule, string, string]>([
    // Danish summer time (UTC+2): 23:59:59.999 on 1 April is 21:59:59.999 UTC.
    ['1 April after a decision in January', { kind: 'fixed_date_next_year', month: 4, day: 1 }, '2026-01-15T10:00:00Z', '2027-04-01T21:59:59.999Z'],
    ['1 June after a decision in December', { kind: 'fixed_date_next_year', month: 6, day: 1 }, '2026-12-10T10:00:00Z', '2027-06-01T21:59:59.999Z'],
    // Danish winter time (UTC+1).
    ['15 January', { kind: 'fixed_date_next_year', month: 1, day: 15 }, '2026-03-01T10:00:00Z', '2027-01-15T22:59:59.999Z'],
    // 31 December 23:30 UTC is already 1 January in Denmark, so the decision year is 2027.
    ['a decision just after midnight Danish time on New Year', { kind: 'fixed_date_next_year', month: 4, day: 1 }, '2026-12-31T23:30:00Z', '2028-04-01T21:59:59.999Z'],
    ['seconds after the activity (as in tests)', { kind: 'after_activity_end', duration: 'PT5S' }, '2026-01-15T10:00:00Z', '2026-06-30T12:00:05.000Z'],
    ['ms-style seconds after the activity', { kind: 'after_activity_end', duration: '30s' }, '2026-01-15T10:00:00Z', '2026-06-30T12:00:30.000Z'],
    ['three months (90 days) after the activity', { kind: 'after_activity_end', duration: 'P3M' }, '2026-01-15T10:00:00Z', '2026-09-28T12:00:00.000Z'],
  ])('%s', (_label, rule, decidedAt, expected) => {
    expect(reportDueDate(rule, { decidedAt: new Date(decidedAt), activityEnd }).toISOString()).toBe(expected);
  });

  it('refuses a date that does not exist every year', () => {
    expect(() =>
      reportDueDate({ kind: 'fixed_date_next_year', month: 2, day: 29 }, { decidedAt: new Date('2026-01-01T12:00:00Z'), activityEnd }),
    ).toThrow(RangeError);
  });

  it('refuses an invalid decision date', () => {
    expect(() =>
      reportDueDate({ kind: 'fixed_date_next_year', month: 4, day: 1 }, { decidedAt: new Date('not a date'), activityEnd }),
    ).toThrow(RangeError);
  });
});

describe('reportDueRuleSchema', () => {
  it.each([
    [{ kind: 'fixed_date_next_year', month: 4, day: 1 }],
    [{ kind: 'fixed_date_next_year', month: 12, day: 31 }],
    [{ kind: 'fixed_date_next_year', month: 2, day: 28 }],
    [{ kind: 'after_activity_end', duration: 'P90D' }],
    [{ kind: 'after_activity_end', duration: '5s' }],
  ])('accepts %j', (rule) => {
    expect(reportDueRuleSchema.parse(rule)).toEqual(rule);
  });

  it.each([
    [{ kind: 'fixed_date_next_year', month: 0, day: 1 }],
    [{ kind: 'fixed_date_next_year', month: 13, day: 1 }],
    [{ kind: 'fixed_date_next_year', month: 4, day: 31 }],
    [{ kind: 'fixed_date_next_year', month: 2, day: 29 }],
    [{ kind: 'fixed_date_next_year', month: 4.5, day: 1 }],
    [{ kind: 'after_activity_end', duration: 'three months' }],
    [{ kind: 'after_activity_end' }],
    [{ kind: 'at_some_point' }],
  ])('rejects %j', (rule) => {
    expect(reportDueRuleSchema.safeParse(rule).success).toBe(false);
  });
});

describe('calendarDateIn', () => {
  it.each([
    ['2026-05-02T21:59:59Z', '2026-05-02'],
    ['2026-05-02T22:00:00Z', '2026-05-03'],
    ['2026-01-01T22:59:59Z', '2026-01-01'],
    ['2026-01-01T23:00:00Z', '2026-01-02'],
  ])('%s is %s in Denmark', (instant, date) => expect(calendarDateIn(new Date(instant))).toBe(date));
});
