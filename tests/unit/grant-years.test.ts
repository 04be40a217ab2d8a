import { t } from '../../locale';
import { roundFromForm } from '../../services/api/pages/admin/round-form';
import { plannedGrantYears, yearlyAmountsOre, yearsLater } from '../../domain/grant-years';
import { roundInputSchema } from '../../domain/round-input';

describe('a long-term grant’s years', () => {
  it('shares the grant in whole kroner, the remainder in the first year', () => {
    expect(yearlyAmountsOre(3_000_100, 3)).toEqual([1_000_100, 1_000_000, 1_000_000]);
    expect(yearlyAmountsOre(1_000_050, 2)).toEqual([500_050, 500_000]);
    expect(yearlyAmountsOre(1_200_000, 1)).toEqual([1_200_000]);
    for (const [total, years] of [[3_000_100, 3], [1_000_050, 2], [100, 3]] as const) {
      expect(yearlyAmountsOre(total, years).reduce((a, b) => a + b, 0)).toBe(total);
    }
  });

  it('moves a date by calendar years, back and forth', () => {
    expect(yearsLater('2027-03-31T21:59:59.999Z', 1)).toBe('2028-03-31T21:59:59.999Z');
    expect(yearsLater('2030-06-30T21:59:59.999Z', -2)).toBe('2028-06-30T21:59:59.999Z');
  });

  it('plans each year with its registered payout, or the share still to come', () => {
    const paid = { year: 1, amountOre: 1_000_100n, id: 'a' };
    const plan = plannedGrantYears(3, 3_000_100n, [paid, { year: 1, amountOre: -5_000n, id: 'payback' }]);
    expect(plan).toEqual([
      { year: 1, amountOre: 1_000_100n, payout: paid },
      { year: 2, amountOre: 1_000_000n, payout: null },
      { year: 3, amountOre: 1_000_000n, payout: null },
    ]);
  });
});

describe('a round’s grant years', () => {
  const round = (extra: object) => ({ slug: 'pulje', scheme: 'paragraf-18', name: 'Pulje', budget: 100_000, maxAmount: 10_000, opensAt: '2027-01-01', ...extra });
  const issues = (extra: object) => {
    const parsed = roundInputSchema.safeParse(round(extra));
    return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it('grants for one year unless told otherwise', () => {
    expect(roundInputSchema.parse(round({}))).toMatchObject({ grantYears: 1, yearlyBudgets: [] });
  });

  it('needs one budget a year when it grants for more than one year', () => {
    expect(issues({ grantYears: 3, yearlyBudgets: [1, 2, 3] })).toEqual([]);
    expect(issues({ grantYears: 2 })).toEqual(['yearlyBudgets: i18n:errors.round.yearlyBudgetsRequired']);
    expect(issues({ grantYears: 3, yearlyBudgets: [1, 2] })).toEqual(['yearlyBudgets: i18n:errors.round.yearlyBudgetsRequired']);
    expect(issues({ yearlyBudgets: [1] })).toEqual(['yearlyBudgets: i18n:errors.round.yearlyBudgetsSingleYear']);
    expect(issues({ grantYears: 4, yearlyBudgets: [1, 1, 1] })[0]).toBe('grantYears: i18n:errors.round.grantYears');
    expect(issues({ grantYears: 0 })[0]).toBe('grantYears: i18n:errors.round.grantYears');
  });
});

describe('the round form’s grant years', () => {
  it('reads the years and the yearly budgets as the administrator writes them', () => {
    const { input, errors } = roundFromForm({ grantYears: '3', yearlyBudgets: '200.000, 200 000,150000' }, 'da');
    expect(input).toMatchObject({ grantYears: 3, yearlyBudgets: [200_000, 200_000, 150_000] });
    expect(errors.yearlyBudgets).toBeUndefined();
  });

  it('leaves both out when left empty, and refuses a budget that is not a number', () => {
    const empty = roundFromForm({}, 'da').input;
    expect(empty).not.toHaveProperty('grantYears');
    expect(empty).not.toHaveProperty('yearlyBudgets');
    expect(roundFromForm({ grantYears: '2', yearlyBudgets: '100.000, mange' }, 'en').errors.yearlyBudgets).toBe(t('en', 'admin.notANumber'));
  });
});
