import {
  MANUAL_CHECKLIST,
  screenApplication,
  type EligibilityReasonKey,
  type MissingItem,
  type RuleId,
  type RuleOutcome,
  type RuleResult,
  type ScreeningInput,
} from '../../domain/eligibility';
import { describeMissingItem, describeRuleResult, formatKroner } from '../../locale';
import { flatCatalogue } from '../../locale/catalogue';
import { BUDGET_CATEGORIES } from '../../domain/categories';
import { kronerToOre } from '../../domain/money';
import { APPLICATION_DOCUMENT_KINDS, DEFAULT_REPORTING_TIERS } from '../../domain/tiers';
import { LANGUAGES, type Language } from '../../lib/languages';

const VALID_CVR = '13748136';
const DEADLINE = new Date('2026-05-03T10:00:00.000Z'); // 12:00 Danish summer time

/** An application that passes every automatic rule: 8,000 kr, statutes attached, on time. */
function baseInput(): ScreeningInput {
  return {
    submittedAt: new Date('2026-04-20T09:00:00.000Z'),
    round: {
      closesAt: DEADLINE,
      maxAmountOre: kronerToOre(50_000),
      excludedCostCategories: ['marketing', 'wages'],
      reportingTiers: DEFAULT_REPORTING_TIERS,
    },
    application: {
      cvr: VALID_CVR,
      amountRequestedOre: kronerToOre(8_000),
      project: { startDate: '2026-09-01', endDate: '2026-12-31', childrenUnder15: false },
      budgetLines: [
        { category: 'activities', description: 'Ture for ensomme ældre', amountOre: kronerToOre(6_000) },
        { category: 'food', description: 'Kaffe og kage', amountOre: kronerToOre(2_000) },
      ],
      declarations: { truthful: true, childCertificates: false },
      documents: [{ kind: 'statutes' }],
    },
    register: { found: true, active: true, name: 'Besøgsvennerne' },
    earlierGrants: [],
  };
}

type Change = (input: ScreeningInput) => void;

function screenWith(...changes: Change[]) {
  const input = baseInput();
  for (const change of changes) change(input);
  return screenApplication(input);
}

function ruleResult(rule: RuleId, ...changes: Change[]): RuleResult {
  const found = screenWith(...changes).results.find((result) => result.rule === rule);
  if (!found) throw new Error(`no result for ${rule}`);
  return found;
}

const setCvr = (cvr: string): Change => (input) => void (input.application.cvr = cvr);
const inNorway: Change = (input) => void (input.jurisdiction = 'NO');
const setRegister = (register: ScreeningInput['register']): Change => (input) => void (input.register = register);
const setStartDate = (startDate: string): Change => (input) => void (input.application.project.startDate = startDate);
const setSubmittedAt = (iso: string): Change => (input) => void (input.submittedAt = new Date(iso));
const setClosesAt = (closesAt: Date | null): Change => (input) => void (input.round.closesAt = closesAt);
const addBudgetLine = (category: string, kroner: number): Change => (input) =>
  void input.application.budgetLines.push({ category, description: category, amountOre: kronerToOre(kroner) });
const setEarlierGrants = (...statuses: ScreeningInput['earlierGrants'][number]['reportStatus'][]): Change => (input) =>
  void (input.earlierGrants = statuses.map((reportStatus, index) => ({ reference: `GF-2025-0000${index + 1}`, reportStatus })));
const setChildren = (childrenUnder15: boolean, childCertificates: boolean): Change => (input) => {
  input.application.project.childrenUnder15 = childrenUnder15;
  input.application.declarations.childCertificates = childCertificates;
};
const setRequestedOre = (ore: bigint): Change => (input) => void (input.application.amountRequestedOre = ore);
const setDocuments = (...kinds: string[]): Change => (input) => void (input.application.documents = kinds.map((kind) => ({ kind })));
const noDocumentsRequired: Change = (input) =>
  void (input.round.reportingTiers = [{ upToKroner: null, requirement: 'declaration', applicationDocuments: [] }]);

// Every path of every rule: the input change, the outcome, the reason and what goes missing.
const rulePaths: [string, RuleId, Change[], RuleOutcome, EligibilityReasonKey, MissingItem[]][] = [
  ['active CVR', 'E1', [], 'pass', 'E1.active', []],
  ['CVR typed with spaces', 'E1', [setCvr('1374 8136')], 'pass', 'E1.active', []],
  ['wrong check digit', 'E1', [setCvr('13748137')], 'fail', 'E1.invalidCvr', []],
  ['seven digits', 'E1', [setCvr('1374813')], 'fail', 'E1.invalidCvr', []],
  ['check digit wins over the register', 'E1', [setCvr('13748137'), setRegister({ found: false })], 'fail', 'E1.invalidCvr', []],
  ['inactive in the register', 'E1', [setRegister({ found: true, active: false, name: 'Gamle Forening' })], 'fail', 'E1.inactive', []],
  ['valid CVR unknown to the register', 'E1', [setRegister({ found: false })], 'needs_judgement', 'E1.notInRegister', []],
  // A Norwegian deployment: the organisasjonsnummer, its check digit and Enhetsregisteret.
  ['active organisasjonsnummer', 'E1', [inNorway, setCvr('974 760 673')], 'pass', 'E1.activeOrgnr', []],
  ['organisasjonsnummer with a wrong check digit', 'E1', [inNorway, setCvr('974760674')], 'fail', 'E1.invalidOrgnr', []],
  ['a CVR number in Norway', 'E1', [inNorway], 'fail', 'E1.invalidOrgnr', []],
  ['inactive in Enhetsregisteret', 'E1', [inNorway, setCvr('974760673'), setRegister({ found: true, active: false, name: 'Gamle Forening' })], 'fail', 'E1.inactiveOrgnr', []],
  ['organisasjonsnummer unknown to Enhetsregisteret', 'E1', [inNorway, setCvr('974760673'), setRegister({ found: false })], 'needs_judgement', 'E1.notInRegisterOrgnr', []],

  ['starts after submission', 'E7', [], 'pass', 'E7.startsAfterSubmission', []],
  ['starts on the submission day', 'E7', [setStartDate('2026-04-20')], 'pass', 'E7.startsAfterSubmission', []],
  ['started the day before', 'E7', [setStartDate('2026-04-19')], 'needs_judgement', 'E7.startedBeforeSubmission', []],
  // 22:30 UTC on 19 April is 00:30 on 20 April in Denmark: the activity starts that day.
  ['starts on the Danish submission day', 'E7', [setSubmittedAt('2026-04-19T22:30:00Z'), setStartDate('2026-04-20')], 'pass', 'E7.startsAfterSubmission', []],
  ['starts the Danish day before', 'E7', [setSubmittedAt('2026-04-19T22:30:00Z'), setStartDate('2026-04-19')], 'needs_judgement', 'E7.startedBeforeSubmission', []],
  ['unreadable start date', 'E7', [setStartDate('1. september')], 'needs_judgement', 'E7.startDateUnreadable', []],

  ['no excluded costs', 'E8', [], 'pass', 'E8.noExcludedCosts', []],
  ['one excluded category', 'E8', [addBudgetLine('marketing', 500)], 'needs_judgement', 'E8.excludedCosts', []],
  ['two excluded categories', 'E8', [addBudgetLine('marketing', 500), addBudgetLine('wages', 1_000), addBudgetLine('marketing', 250)], 'needs_judgement', 'E8.excludedCosts', []],
  ['nothing excluded in the round', 'E8', [addBudgetLine('marketing', 500), (input) => void (input.round.excludedCostCategories = [])], 'pass', 'E8.noExcludedCosts', []],

  ['no earlier grants', 'E9', [], 'pass', 'E9.allReported', []],
  ['earlier reports accepted or not yet due', 'E9', [setEarlierGrants('accepted', 'not_due')], 'pass', 'E9.allReported', []],
  ['an earlier report submitted, not reviewed', 'E9', [setEarlierGrants('accepted', 'submitted')], 'needs_judgement', 'E9.reportsAwaitingReview', []],
  ['an earlier report due', 'E9', [setEarlierGrants('due')], 'needs_judgement', 'E9.reportsMissing', [{ code: 'earlier_report', detail: 'GF-2025-00001' }]],
  [
    'reports due and overdue, one awaiting review',
    'E9',
    [setEarlierGrants('overdue', 'submitted', 'due')],
    'needs_judgement',
    'E9.reportsMissing',
    [
      { code: 'earlier_report', detail: 'GF-2025-00001' },
      { code: 'earlier_report', detail: 'GF-2025-00003' },
    ],
  ],

  ['no children under 15', 'E10', [setChildren(false, false)], 'pass', 'E10.noChildren', []],
  ['children under 15, declared', 'E10', [setChildren(true, true)], 'pass', 'E10.declared', []],
  ['children under 15, not declared', 'E10', [setChildren(true, false)], 'fail', 'E10.declarationMissing', [{ code: 'child_certificate_declaration', detail: 'declarations.childCertificates' }]],

  ['before the deadline', 'E11', [], 'pass', 'E11.onTime', []],
  ['exactly at the deadline', 'E11', [setSubmittedAt(DEADLINE.toISOString())], 'pass', 'E11.onTime', []],
  ['one millisecond late', 'E11', [setSubmittedAt('2026-05-03T10:00:00.001Z')], 'fail', 'E11.late', []],
  ['continuous round', 'E11', [setClosesAt(null), setSubmittedAt('2030-01-01T00:00:00Z')], 'pass', 'E11.noDeadline', []],

  ['below the maximum', 'AMOUNT', [], 'pass', 'AMOUNT.withinMaximum', []],
  ['exactly the maximum', 'AMOUNT', [setRequestedOre(kronerToOre(50_000)), setDocuments('statutes', 'annual_accounts')], 'pass', 'AMOUNT.withinMaximum', []],
  ['one øre above the maximum', 'AMOUNT', [setRequestedOre(kronerToOre(50_000) + 1n), setDocuments('statutes', 'annual_accounts')], 'needs_judgement', 'AMOUNT.overMaximum', []],

  ['statutes attached for a small amount', 'DOCUMENTS', [], 'pass', 'DOCUMENTS.complete', []],
  ['nothing attached for a small amount', 'DOCUMENTS', [setDocuments()], 'fail', 'DOCUMENTS.missing', [{ code: 'document', detail: 'statutes' }]],
  ['exactly 10,000 kr needs only statutes', 'DOCUMENTS', [setRequestedOre(kronerToOre(10_000))], 'pass', 'DOCUMENTS.complete', []],
  [
    'just above 10,000 kr needs annual accounts too',
    'DOCUMENTS',
    [setRequestedOre(kronerToOre(10_000) + 1n)],
    'fail',
    'DOCUMENTS.missing',
    [{ code: 'document', detail: 'annual_accounts' }],
  ],
  [
    'above 100,000 kr with nothing attached',
    'DOCUMENTS',
    [setRequestedOre(kronerToOre(100_001)), setDocuments('other')],
    'fail',
    'DOCUMENTS.missing',
    [
      { code: 'document', detail: 'statutes' },
      { code: 'document', detail: 'annual_accounts' },
      { code: 'document', detail: 'budget' },
    ],
  ],
  ['a tier with no documents', 'DOCUMENTS', [setDocuments(), noDocumentsRequired], 'pass', 'DOCUMENTS.noneRequired', []],
];

describe('screening rules', () => {
  it.each(rulePaths)('%s: %s is %s (%s)', (_label, rule, changes, outcome, reasonKey, missing) => {
    const result = ruleResult(rule, ...changes);
    expect(result).toMatchObject({ rule, outcome, reasonKey });
    expect(result.missing).toEqual(missing);
  });

  it('gives one result per automatic rule, in checklist order', () => {
    expect(screenWith().results.map((result) => result.rule)).toEqual(['E1', 'E7', 'E8', 'E9', 'E10', 'E11', 'AMOUNT', 'DOCUMENTS']);
  });

  it('names the excluded categories once each and adds up their amounts', () => {
    const result = ruleResult('E8', addBudgetLine('marketing', 500), addBudgetLine('wages', 1_000), addBudgetLine('marketing', 250));
    expect(result.values).toEqual({ categories: 'marketing, wages', excludedKroner: 1_750 });
  });

  it('reports the amounts in whole kroner', () => {
    expect(ruleResult('AMOUNT', setRequestedOre(kronerToOre(60_000))).values).toEqual({ requestedKroner: 60_000, maxKroner: 50_000 });
  });

  it('takes the required documents from the round, not the defaults', () => {
    const strictRound: Change = (input) =>
      void (input.round.reportingTiers = [{ upToKroner: null, requirement: 'accounts', applicationDocuments: ['statutes', 'budget'] }]);
    expect(ruleResult('DOCUMENTS', strictRound).missing).toEqual([{ code: 'document', detail: 'budget' }]);
  });
});

describe('screening summary', () => {
  it('an application that passes every rule', () => {
    const screening = screenWith();
    expect(screening.results.every((result) => result.outcome === 'pass')).toBe(true);
    expect(screening).toMatchObject({ missingItems: [], lateSubmission: false, needsJudgement: false });
  });

  it.each<[string, Change[], { lateSubmission: boolean; needsJudgement: boolean }]>([
    ['late only', [setSubmittedAt('2026-05-03T10:00:01Z')], { lateSubmission: true, needsJudgement: false }],
    ['inactive CVR is a failure, not an automatic rejection', [setRegister({ found: true, active: false, name: 'X' })], { lateSubmission: false, needsJudgement: false }],
    ['missing documents only', [setDocuments()], { lateSubmission: false, needsJudgement: false }],
    ['unverified CVR', [setRegister({ found: false })], { lateSubmission: false, needsJudgement: true }],
    ['over the maximum and late', [setRequestedOre(kronerToOre(60_000)), setSubmittedAt('2026-06-01T00:00:00Z')], { lateSubmission: true, needsJudgement: true }],
  ])('%s', (_label, changes, expected) => {
    expect(screenWith(...changes)).toMatchObject(expected);
  });

  it('collects what is missing from every rule', () => {
    const screening = screenWith(setDocuments(), setChildren(true, false), setEarlierGrants('overdue'));
    expect(screening.missingItems).toEqual([
      { code: 'earlier_report', detail: 'GF-2025-00001' },
      { code: 'child_certificate_declaration', detail: 'declarations.childCertificates' },
      { code: 'document', detail: 'statutes' },
    ]);
    expect(screening.needsJudgement).toBe(true);
  });

  it('lists the same earlier report once even if it appears twice', () => {
    const twice: Change = (input) =>
      void (input.earlierGrants = [
        { reference: 'GF-2025-00007', reportStatus: 'due' },
        { reference: 'GF-2025-00007', reportStatus: 'overdue' },
      ]);
    expect(screenWith(twice).missingItems).toEqual([{ code: 'earlier_report', detail: 'GF-2025-00007' }]);
  });

  it('hands the rules no machine can settle to the caseworker', () => {
    expect(screenWith().manualChecklist).toEqual([
      { rule: 'E2', labelKey: 'checklist.E2' },
      { rule: 'E3', labelKey: 'checklist.E3' },
      { rule: 'E4', labelKey: 'checklist.E4' },
      { rule: 'E5', labelKey: 'checklist.E5' },
      { rule: 'E6', labelKey: 'checklist.E6' },
      { rule: 'E12', labelKey: 'checklist.E12' },
      { rule: 'E13', labelKey: 'checklist.E13' },
    ]);
  });

  it('does not change its input', () => {
    const input = baseInput();
    const before = JSON.stringify(input, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
    screenApplication(input);
    expect(JSON.stringify(input, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))).toBe(before);
  });
});

describe('texts', () => {
  // The eligibility namespace of each language's catalogue, by the key within the namespace.
  const catalogue = (language: Language): Record<string, string> =>
    Object.fromEntries(
      Object.entries(flatCatalogue(language))
        .filter(([key]) => key.startsWith('eligibility.'))
        .map(([key, text]) => [key.slice('eligibility.'.length), text]),
    );
  const texts = { da: catalogue('da'), nb: catalogue('nb'), en: catalogue('en') };
  const keys = Object.keys(texts.da);
  const placeholders = (text: string | undefined) => [...(text ?? '').matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

  it.each(keys)('%s has Danish, Norwegian and English with the same placeholders', (key) => {
    for (const language of LANGUAGES) expect(texts[language][key]?.trim().length).toBeGreaterThan(0);
    expect(placeholders(texts.nb[key])).toEqual(placeholders(texts.da[key]));
    expect(placeholders(texts.en[key])).toEqual(placeholders(texts.da[key]));
  });

  it('has a label for every manual checklist rule, document kind and budget category', () => {
    for (const item of MANUAL_CHECKLIST) expect(keys).toContain(item.labelKey);
    for (const kind of APPLICATION_DOCUMENT_KINDS) expect(keys).toContain(`document.${kind}`);
    for (const category of BUDGET_CATEGORIES) expect(keys).toContain(`category.${category}`);
  });

  // Every reason the rules can give, described with the values the rules give it.
  const producedResults = rulePaths.map(([label, rule, changes]) => [label, ruleResult(rule, ...changes)] as const);
  const languageCases = producedResults.flatMap(([label, result]) => LANGUAGES.map((language) => [label, language, result] as const));

  it('the rule paths above reach every reason text', () => {
    const reasonKeys = keys.filter((key) => /^(E\d+|AMOUNT|DOCUMENTS)\./.test(key));
    expect(new Set(producedResults.map(([, result]) => result.reasonKey))).toEqual(new Set(reasonKeys));
  });

  it.each(languageCases)('%s, in %s, leaves no placeholder unfilled', (_label, language, result) => {
    const text = describeRuleResult(language, result);
    expect(text).not.toMatch(/[{}]/);
    expect(text.length).toBeGreaterThan(10);
  });

  const allMissingItems: MissingItem[] = [
    ...APPLICATION_DOCUMENT_KINDS.map((kind) => ({ code: 'document' as const, detail: kind })),
    { code: 'child_certificate_declaration', detail: 'declarations.childCertificates' },
    { code: 'earlier_report', detail: 'GF-2025-00001' },
  ];
  const missingCases = allMissingItems.flatMap((item) => LANGUAGES.map((language) => [item.code, item.detail, language, item] as const));
  it.each(missingCases)('missing %s %s, in %s, is described without placeholders', (_code, _detail, language, item) => {
    expect(describeMissingItem(language, item)).not.toMatch(/[{}]/);
  });

  it.each([
    ['da', 'Vedtægter (foreningens love)'],
    ['nb', 'Vedtekter (foreningens lover)'],
    ['en', "Statutes (the association's rules)"],
  ] as const)('names the statutes in plain words in %s', (language, text) => {
    expect(describeMissingItem(language, { code: 'document', detail: 'statutes' })).toBe(text);
  });

  it('names the earlier case of a missing report', () => {
    expect(describeMissingItem('da', { code: 'earlier_report', detail: 'GF-2025-00042' })).toBe(
      'Afrapportering for tidligere tilskud (sag GF-2025-00042)',
    );
  });

  it('shows a document kind it has no text for as it is', () => {
    expect(describeMissingItem('en', { code: 'document', detail: 'board_minutes' })).toBe('board_minutes');
  });

  it('names documents and cost categories in the reader’s language, not as codes', () => {
    const documents = ruleResult('DOCUMENTS', setRequestedOre(kronerToOre(100_001)), setDocuments());
    expect(describeRuleResult('da', documents)).toContain('Vedtægter (foreningens love), Seneste årsregnskab, Budget for hele aktiviteten');
    const costs = ruleResult('E8', addBudgetLine('marketing', 500), addBudgetLine('wages', 1_000));
    expect(describeRuleResult('da', costs)).toContain('markedsføring, løn');
    expect(describeRuleResult('en', costs)).toContain('marketing, wages');
  });

  it('writes amounts, dates and deadlines the way readers expect them', () => {
    const amount = ruleResult('AMOUNT', setRequestedOre(kronerToOre(60_000)));
    expect(describeRuleResult('da', amount)).toContain(formatKroner('da', 60_000)); // 60.000 kr.
    expect(describeRuleResult('en', amount)).toContain(formatKroner('en', 60_000)); // DKK 60,000

    const late = describeRuleResult('da', ruleResult('E11', setSubmittedAt('2026-05-03T10:15:00Z')));
    expect(late).toContain('3. maj 2026');
    expect(late).toMatch(/12[.:]00/); // the deadline in Danish time, not UTC
    expect(late).toMatch(/12[.:]15/);

    const started = describeRuleResult('en', ruleResult('E7', setStartDate('2026-04-01')));
    expect(started).toContain('1 April 2026');
    expect(started).toContain('20 April 2026');
  });
});
