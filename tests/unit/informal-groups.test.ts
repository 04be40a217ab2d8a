import { applicantOf, applicantRefusal, applicantSchema } from '../../domain/informal-groups';
import { applicationInputSchema } from '../../domain/application-input';
import { draftRuleIssues } from '../../domain/draft-steps';
import { screenApplication, type ScreeningInput } from '../../domain/eligibility';
import { kronerToOre } from '../../domain/money';
import { DEFAULT_REPORTING_TIERS } from '../../domain/tiers';
import { describeRuleResult, ruleTitle } from '../../locale';
import { renderDecisionLetter, type DecisionLetterData } from '../../documents/letter';
import { endOfDayIn } from '../../domain/time-zone';
import { parsePdf } from '../support/pdf-text';
import { sampleLetterCommon } from '../support/letter-fixtures';

const GROUP = { kind: 'informalGroup' as const, groupName: 'Strikkecaféen på Nørregade', members: 6 };

describe('the applicant in the submission schema', () => {
  it('is an association when left out, as every submission before groups existed', () => {
    expect(applicantSchema.parse(undefined)).toEqual({ kind: 'association' });
    expect(applicantOf({ organization: {} })).toEqual({ kind: 'association' });
    expect(applicantOf({ applicant: GROUP })).toEqual(GROUP);
  });

  it('asks a group for its name and at least two people, with the message in the issue', () => {
    const parsed = applicantSchema.safeParse({ kind: 'informalGroup', groupName: ' ', members: 1 });
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(['groupName', 'members']);
    expect(parsed.error!.issues[1]!.message).toBe('i18n:errors.informalGroup.members');
  });

  it('is documented in the one schema the form and the API share', () => {
    const shape = applicationInputSchema('DK').shape;
    expect(shape.applicant).toBeDefined();
  });
});

describe('the round’s rule for groups', () => {
  it('refuses a group unless the round takes groups through a sponsor, and never an association', () => {
    expect(applicantRefusal(GROUP, 'none')).toBe('errors.informalGroup.notAllowed');
    expect(applicantRefusal(GROUP, 'sponsor')).toBeUndefined();
    expect(applicantRefusal({ kind: 'association' }, 'none')).toBeUndefined();
  });

  it('is a field issue on the organisation step of a draft, also for a round stored before the setting', () => {
    const round = { maxAmountOre: kronerToOre(50_000), excludedCostCategories: [] };
    expect(draftRuleIssues('organization', { applicant: GROUP }, round)).toEqual([{ path: 'applicant.kind', messageKey: 'errors.informalGroup.notAllowed' }]);
    expect(draftRuleIssues('organization', { applicant: GROUP }, { ...round, informalGroups: 'sponsor' })).toEqual([]);
    expect(draftRuleIssues('budget', { applicant: GROUP }, round)).toEqual([]);
  });
});

function screeningInput(applicant?: ScreeningInput['application']['applicant']): ScreeningInput {
  return {
    submittedAt: new Date('2026-04-20T09:00:00.000Z'),
    round: { closesAt: null, maxAmountOre: kronerToOre(50_000), excludedCostCategories: [], reportingTiers: DEFAULT_REPORTING_TIERS },
    application: {
      applicant,
      organizationName: 'Pårørendenetværket',
      cvr: '13748136',
      amountRequestedOre: kronerToOre(8_000),
      project: { startDate: '2026-09-01', endDate: '2026-12-31', childrenUnder15: false },
      budgetLines: [{ category: 'activities', description: 'Garn', amountOre: kronerToOre(8_000) }],
      declarations: { truthful: true, childCertificates: false },
      documents: [{ kind: 'statutes' }],
    },
    register: { found: true, active: true, name: 'Pårørendenetværket Eksempel Kommune' },
    earlierGrants: [],
  };
}

describe('screening a self-organised group', () => {
  it('checks the sponsor’s number under E1 and asks the caseworker to look at the group and the confirmation', () => {
    const result = screenApplication(screeningInput(GROUP));
    expect(result.results.find((rule) => rule.rule === 'E1')).toMatchObject({ outcome: 'pass', values: { cvr: '13748136', name: 'Pårørendenetværket Eksempel Kommune' } });
    const sponsor = result.results.find((rule) => rule.rule === 'SPONSOR')!;
    expect(sponsor).toMatchObject({ outcome: 'needs_judgement', values: { groupName: GROUP.groupName, members: 6, sponsorName: 'Pårørendenetværket Eksempel Kommune' } });
    expect(result.needsJudgement).toBe(true);
    expect(result.missingItems).toEqual([]);
    expect(describeRuleResult('da', sponsor)).toBe(
      'Ansøgningen er fra den selvorganiserede gruppe Strikkecaféen på Nørregade (6 personer) med Pårørendenetværket Eksempel Kommune som sponsor. CVR-tjekket gælder sponsoren. En sagsbehandler ser på gruppen, og om sponsoren har bekræftet.',
    );
    expect(ruleTitle('en', 'SPONSOR')).toBe('Self-organised group with a sponsor');
  });

  it('names the sponsor as the application gives it when the register does not know the number', () => {
    const input = screeningInput(GROUP);
    input.register = { found: false };
    expect(screenApplication(input).results.find((rule) => rule.rule === 'SPONSOR')!.values.sponsorName).toBe('Pårørendenetværket');
  });

  it('adds nothing for an association’s own application', () => {
    expect(screenApplication(screeningInput()).results.map((rule) => rule.rule)).not.toContain('SPONSOR');
    expect(screenApplication(screeningInput({ kind: 'association' })).results.map((rule) => rule.rule)).not.toContain('SPONSOR');
  });
});

describe('the decision letter to a sponsored group', () => {
  const data = (language: 'da' | 'nb' | 'en'): DecisionLetterData => ({
    ...sampleLetterCommon({ language, recipient: { organizationName: 'Pårørendenetværket Eksempel Kommune', cvr: '99102748', contactName: 'Maja Holm', groupName: 'Strikkecaféen på Nørregade' } }),
    outcome: 'approved',
    amountRequestedOre: 1_200_000n,
    amountGrantedOre: 1_200_000n,
    reasons: { criteria: [], text: '' },
    conditions: [],
    reporting: { requirement: 'short_report', dueDate: endOfDayIn('2027-08-01') },
    payoutDate: new Date('2026-12-20T10:00:00Z'),
  });
  const spaced = (text: string) => text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');

  it('is addressed to the group in care of its sponsor and names the sponsor as payee, in each language', async () => {
    const da = spaced((await parsePdf(await renderDecisionLetter(data('da')))).text);
    expect(da).toMatch(/Strikkecaféen på Nørregade c\/o sponsor Pårørendenetværket Eksempel Kommune Att\. Maja Holm/);
    expect(da).toContain('Udbetales til Pårørendenetværket Eksempel Kommune, CVR-nr. 99102748');
    expect(da).toContain('til NemKontoen for sponsoren, Pårørendenetværket Eksempel Kommune, som er knyttet til CVR-nr. 99102748, ikke til en person i gruppen.');
    expect(da).not.toContain('I skal ikke gøre noget for at få pengene');
    const en = spaced((await parsePdf(await renderDecisionLetter(data('en')))).text);
    expect(en).toContain('Paid to Pårørendenetværket Eksempel Kommune, CVR no. 99102748');
    const nb = spaced((await parsePdf(await renderDecisionLetter(data('nb')))).text);
    expect(nb).toContain('Utbetales til Pårørendenetværket Eksempel Kommune');
  });

  it('names no payee for a refusal', async () => {
    const refused = { ...data('da'), outcome: 'rejected' as const, amountGrantedOre: 0n, reasons: { criteria: ['Aktiviteten ligger uden for puljens formål.'], text: '' }, reporting: undefined, payoutDate: undefined };
    const text = spaced((await parsePdf(await renderDecisionLetter(refused))).text);
    expect(text).toContain('c/o sponsor Pårørendenetværket Eksempel Kommune');
    expect(text).not.toContain('Udbetales til');
  });
});
