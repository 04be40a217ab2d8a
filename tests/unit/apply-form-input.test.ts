import { calendarDateFromTyped, typedFromCalendarDate } from '../../domain/typed-date';
import { t } from '../../locale';
import { checkStep } from '../../services/api/drafts/validation';
import { answersFromForm, budgetLineToRemove, withoutBudgetLine } from '../../services/api/pages/apply/form-input';

const ROUND = { maxAmountOre: 5_000_000n, excludedCostCategories: [] };

describe('dates as the form takes them', () => {
  it.each([
    ['01.03.2027', '2027-03-01'],
    ['1.3.2027', '2027-03-01'],
    ['1-3-2027', '2027-03-01'],
    ['01/03/2027', '2027-03-01'],
    [' 1. 3. 2027 ', '2027-03-01'],
    ['29.02.2028', '2028-02-29'],
    ['2027-03-01', '2027-03-01'],
  ])('reads %p as %s', (typed, date) => {
    expect(calendarDateFromTyped(typed)).toBe(date);
  });

  it.each(['31.04.2027', '29.02.2027', '00.03.2027', '01.13.2027', '2027-02-30', '1.3.27', 'i morgen', ''])('finds no date in %p', (typed) => {
    expect(calendarDateFromTyped(typed)).toBeUndefined();
  });

  it('shows a calendar date as day.month.year and anything else as typed', () => {
    expect(typedFromCalendarDate('2027-03-01')).toBe('01.03.2027');
    expect(typedFromCalendarDate('31.04.2027')).toBe('31.04.2027');
  });

  it('gives the schema the calendar date, and keeps what is no date as typed for the schema to name', () => {
    const answers = answersFromForm('project', { 'project.startDate': '1.3.2027', 'project.endDate': '31.04.2027' });
    expect(answers.project).toMatchObject({ startDate: '2027-03-01', endDate: '31.04.2027' });
    const checked = checkStep('project', answers, answers, ROUND, 'da', 'DK');
    const issues = checked.issues.filter((issue) => issue.path.endsWith('Date'));
    expect(issues).toEqual([{ path: 'project.endDate', message: t('da', 'errors.date.invalid') }]);
  });

  it('says a missing date is missing, not wrong', () => {
    const checked = checkStep('project', { project: {} }, {}, ROUND, 'da', 'DK');
    expect(checked.issues.find((issue) => issue.path === 'project.startDate')?.message).toBe(t('da', 'errors.field.required'));
  });
});

describe('removing a budget line from the posted form', () => {
  const body = {
    action: 'next',
    'remove-line': '1',
    'budget.lines.0.category': 'food',
    'budget.lines.0.amount': '7.000',
    'budget.lines.1.category': 'wages',
    'budget.lines.1.amount': '2500',
    'budget.lines.2.category': 'materials',
    'budget.lines.2.description': 'Service',
    'budget.lines.2.amount': '1 200',
    amountRequested: '8000',
  };

  it('knows which line the button names', () => {
    expect(budgetLineToRemove(body)).toBe(1);
    expect(budgetLineToRemove({ ...body, 'remove-line': 'x' })).toBeUndefined();
    expect(budgetLineToRemove({ action: 'next' })).toBeUndefined();
  });

  it('leaves that line out and keeps everything else typed', () => {
    const answers = answersFromForm('budget', withoutBudgetLine(body, 1));
    expect(answers).toEqual({
      budget: {
        lines: [
          { category: 'food', description: undefined, amount: 7000 },
          { category: 'materials', description: 'Service', amount: 1200 },
        ],
        cofinancing: [],
      },
      amountRequested: 8000,
    });
  });
});

describe('a choice left unanswered', () => {
  it('is a missing answer, not a list of the values the schema knows', () => {
    const checked = checkStep('project', { project: {} }, {}, ROUND, 'da', 'DK');
    expect(checked.issues.find((issue) => issue.path === 'project.targetGroup')?.message).toBe(t('da', 'errors.field.required'));
    const lines = checkStep('budget', { budget: { lines: [{ description: 'Råvarer', amount: 100 }] } }, {}, ROUND, 'da', 'DK');
    expect(lines.issues.find((issue) => issue.path === 'budget.lines.0.category')?.message).toBe(t('da', 'errors.field.required'));
  });
});
