import { amountProblems, decisionProblems, reasonsProblems, type DecisionOutcome, type DecisionReasons } from '../../domain/decision-rules';
import { allocationProblem } from '../../domain/allocation';

const REQUESTED = 1_200_000;
const NONE: DecisionReasons = { criteria: [], text: '' };
const REAL_REASON: DecisionReasons = { criteria: [], text: 'Udgifter til forplejning kan ikke støttes efter retningslinjernes punkt 4.' };

describe('the amount of a decision', () => {
  it.each<[DecisionOutcome, bigint | number, string | null]>([
    ['approved', REQUESTED, null],
    ['approved', 800_000, 'errors.decision.amountInvalid'],
    ['approved', 1_300_000, 'errors.decision.amountInvalid'],
    ['partially_approved', 800_000, null],
    ['partially_approved', 1n, null],
    ['partially_approved', REQUESTED, 'errors.decision.amountInvalid'],
    ['partially_approved', 0, 'errors.decision.amountInvalid'],
    ['rejected', 0, null],
    ['rejected', 0n, null],
    ['rejected', 100_000, 'errors.decision.rejectedIsZero'],
    ['approved', -1, 'errors.decision.amountInvalid'],
    ['partially_approved', 800_000.5, 'errors.decision.amountInvalid'],
    ['partially_approved', Number.MAX_SAFE_INTEGER + 1, 'errors.decision.amountInvalid'],
  ])('%s granting %s øre of 12.000 kr.: %s', (outcome, amountGrantedOre, expected) => {
    const problems = amountProblems({ outcome, amountRequestedOre: REQUESTED, amountGrantedOre });
    expect(problems).toEqual(expected ? [{ field: 'amountGranted', messageKey: expected }] : []);
  });

  it('refuses any grant when nothing was requested', () => {
    expect(amountProblems({ outcome: 'rejected', amountRequestedOre: 0n, amountGrantedOre: 0n })).toEqual([{ field: 'amountGranted', messageKey: 'errors.decision.amountInvalid' }]);
  });
});

describe('the reasons of a decision (begrundelse)', () => {
  it.each<[DecisionOutcome, number, DecisionReasons, string | null]>([
    ['approved', REQUESTED, NONE, null],
    ['partially_approved', 800_000, NONE, 'errors.decision.reasonsRequired'],
    ['rejected', 0, NONE, 'errors.decision.reasonsRequired'],
    ['rejected', 0, { criteria: ['  '], text: ' \n ' }, 'errors.decision.reasonsRequired'],
    ['rejected', 0, REAL_REASON, null],
    ['partially_approved', 800_000, { criteria: ['Aktiviteten når kun få i målgruppen.'], text: '' }, null],
  ])('%s granting %s øre with %j: %s', (outcome, amountGrantedOre, reasons, expected) => {
    const problems = reasonsProblems({ outcome, amountRequestedOre: REQUESTED, amountGrantedOre, reasons });
    expect(problems).toEqual(expected ? [{ field: 'reasons', messageKey: expected }] : []);
  });

  it.each<[string[], string]>([
    [[], 'Ansøgningen er prioriteret inden for de tilgængelige midler.'],
    [[], 'Vi har desværre måttet prioritere inden for puljens midler, og jeres ansøgning blev ikke prioriteret.'],
    [['Prioriteret inden for puljens ramme'], ''],
    [[], 'Puljen var overtegnet.'],
    [[], 'Søknaden er dessverre ikke prioritert innenfor tilgjengelige midler.'],
    [[], 'Prioritised within available funds.'],
    [[], 'Unfortunately, the application could not be prioritized within the available budget.'],
  ])('"prioritised within available funds" alone is not enough (%j %s)', (criteria, text) => {
    expect(reasonsProblems({ outcome: 'rejected', amountRequestedOre: REQUESTED, amountGrantedOre: 0, reasons: { criteria, text } })).toEqual([
      { field: 'reasons', messageKey: 'errors.decision.reasonsOnlyFunds' },
    ]);
  });

  it('accepts the funds argument together with a real reason', () => {
    const text = 'Puljen var overtegnet. Andre ansøgninger når flere ældre, som er puljens første prioritet efter retningslinjernes punkt 2.';
    expect(reasonsProblems({ outcome: 'rejected', amountRequestedOre: REQUESTED, amountGrantedOre: 0, reasons: { criteria: [], text } })).toEqual([]);
  });

  it.each<[DecisionReasons, string | null]>([
    [{ criteria: ['budget_share'], text: '' }, null],
    [{ criteria: [], text: 'Prioriteret inden for de tilgængelige midler.' }, 'errors.decision.reasonsOnlyFunds'],
    [NONE, 'errors.decision.reasonsRequired'],
  ])('counts a chosen criterion code as a reason when only codes are known (%j)', (reasons, expected) => {
    const problems = reasonsProblems({ outcome: 'rejected', amountRequestedOre: REQUESTED, amountGrantedOre: 0, reasons }, 'codes');
    expect(problems.map((problem) => problem.messageKey)).toEqual(expected ? [expected] : []);
  });
});

describe('a whole decision', () => {
  it('names the amount before the reasons', () => {
    expect(decisionProblems({ outcome: 'rejected', amountRequestedOre: REQUESTED, amountGrantedOre: 5, reasons: NONE })).toEqual([
      { field: 'amountGranted', messageKey: 'errors.decision.rejectedIsZero' },
    ]);
  });
});

describe('an allocation of a deadline round', () => {
  const proposal = [
    { applicationId: 'a', requestedOre: 1_000_000 },
    { applicationId: 'b', requestedOre: 2_000_000 },
  ];
  const reasons: DecisionReasons = { criteria: ['budget_share'], text: '' };

  it.each<[string, Parameters<typeof allocationProblem>[0], ReturnType<typeof allocationProblem>]>([
    ['within the budget', [{ applicationId: 'a', outcome: 'approved', amountGrantedOre: 1_000_000, reasons: NONE }, { applicationId: 'b', outcome: 'partially_approved', amountGrantedOre: 1_000_000, reasons }], null],
    ['over the budget', [{ applicationId: 'a', outcome: 'approved', amountGrantedOre: 1_000_000, reasons: NONE }, { applicationId: 'b', outcome: 'approved', amountGrantedOre: 2_000_000, reasons: NONE }], { field: 'decisions', messageKey: 'errors.decision.allocationOverBudget' }],
    ['missing an application', [{ applicationId: 'a', outcome: 'approved', amountGrantedOre: 1_000_000, reasons: NONE }], { field: 'decisions', messageKey: 'errors.decision.allocationIncomplete' }],
    ['with an amount that does not match', [{ applicationId: 'a', outcome: 'approved', amountGrantedOre: 500_000, reasons }, { applicationId: 'b', outcome: 'rejected', amountGrantedOre: 0, reasons }], { field: 'decisions', messageKey: 'errors.decision.amountInvalid' }],
    ['with a reduction that gives no reasons', [{ applicationId: 'a', outcome: 'partially_approved', amountGrantedOre: 500_000, reasons: NONE }, { applicationId: 'b', outcome: 'rejected', amountGrantedOre: 0, reasons }], { field: 'reasons', messageKey: 'errors.decision.reasonsRequired' }],
  ])('%s', (_name, decisions, expected) => {
    expect(allocationProblem(decisions, proposal, 2_000_000)).toEqual(expected);
  });
});
