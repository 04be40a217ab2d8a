import path from 'node:path';
import { isValidCvr } from '../../lib/cvr';
import { isValidOrgnr, normalizeOrgnr, orgnrCheckDigit, organizationNumberRule } from '../../lib/organization-number';
import { loadConfig } from '../../lib/config';
import { loadLocalRegister } from '../../lib/register';
import { applicationInputSchema, organizationNumberSchema } from '../../domain/application-input';
import { stepSchemas } from '../../domain/draft-steps';
import { GLOSSARY_TERMS } from '../../domain/glossary';
import { glossaryTermsFor, jurisdictionRules } from '../../domain/jurisdiction';
import { checkCvr } from '../../domain/eligibility';
import { describeRuleResult, t } from '../../locale';

// Public organisation numbers from Enhetsregisteret, each checked here by the algorithm.
const PUBLIC_ORGANISASJONSNUMMER = [
  ['974760673', 'Brønnøysundregistrene'],
  ['923609016', 'Equinor ASA'],
  ['984851006', 'DNB Bank ASA'],
  ['958935420', 'Oslo kommune (sum divisible by 11: check digit 0)'],
];

describe('Norwegian organisasjonsnummer (modulus 11, weights 3,2,7,6,5,4,3,2)', () => {
  it.each(PUBLIC_ORGANISASJONSNUMMER)('accepts %s (%s)', (number) => expect(isValidOrgnr(number)).toBe(true));

  it('computes the check digit: 11 − (sum mod 11), 11 becomes 0', () => {
    // 9·3 + 7·2 + 4·7 + 7·6 + 6·5 + 0·4 + 6·3 + 7·2 = 173; 173 mod 11 = 8; 11 − 8 = 3.
    expect(orgnrCheckDigit('97476067')).toBe(3);
    // 9·3 + 5·2 + 8·7 + 9·6 + 3·5 + 5·4 + 4·3 + 2·2 = 198 = 18·11: 11 − 0 = 11, written 0.
    expect(orgnrCheckDigit('95893542')).toBe(0);
  });

  it('issues no number where the remainder leaves 10: every ninth digit is refused', () => {
    // 1·3 + 0·2 + 0·7 + 0·6 + 0·5 + 8·4 + 2·3 + 2·2 = 45; 45 mod 11 = 1; 11 − 1 = 10: no check digit.
    expect(orgnrCheckDigit('10000822')).toBeNull();
    for (let digit = 0; digit <= 9; digit++) expect(isValidOrgnr(`10000822${digit}`)).toBe(false);
  });

  it.each([
    ['974760674', 'wrong check digit'],
    ['974760672', 'wrong check digit'],
    ['958935421', 'check digit 1 where 0 is right'],
    ['97476067', 'eight digits'],
    ['9747606730', 'ten digits'],
    ['97476067a', 'a letter'],
    ['', 'empty'],
  ])('refuses %s (%s)', (number) => expect(isValidOrgnr(number)).toBe(false));

  it('normalises what people type', () => {
    expect(normalizeOrgnr('974 760 673')).toBe('974760673');
    expect(normalizeOrgnr('NO 974760673 MVA')).toBe('974760673');
    expect(normalizeOrgnr('974.760.673')).toBe('974760673');
  });
});

describe('the organisation number rule of a jurisdiction', () => {
  it('is the CVR rule in Denmark and the organisasjonsnummer rule in Norway, each refusing the other', () => {
    const dk = organizationNumberRule('DK');
    const no = organizationNumberRule('NO');
    expect(dk.digits).toBe(8);
    expect(no.digits).toBe(9);
    expect(dk.isValid('13748136')).toBe(isValidCvr('13748136'));
    expect(dk.isValid('974760673')).toBe(false);
    expect(no.isValid('974760673')).toBe(true);
    expect(no.isValid('13748136')).toBe(false);
    expect(dk.normalize('DK 1374 8136')).toBe('13748136');
    expect(no.normalize('NO 974 760 673')).toBe('974760673');
  });

  it('opens pages in Danish or bokmål, and lists only its own identifier in the glossary', () => {
    expect(jurisdictionRules('DK').defaultLanguage).toBe('da');
    expect(jurisdictionRules('NO').defaultLanguage).toBe('nb');
    expect(glossaryTermsFor('DK')).toContain('cvr-nummer');
    expect(glossaryTermsFor('DK')).not.toContain('organisasjonsnummer');
    expect(glossaryTermsFor('NO')).toContain('organisasjonsnummer');
    expect(glossaryTermsFor('NO')).not.toContain('cvr-nummer');
    // A Norwegian municipality's own words under Norwegian law: neither the CVR number nor the
    // NemKonto (a Norwegian organisation gives its account number), nor børneattest or afgørelse.
    for (const danish of ['nemkonto', 'boerneattest', 'afgoerelse', 'klagevejledning', 'genvurdering', 'paragraf-18'] as const) expect(glossaryTermsFor('NO')).not.toContain(danish);
    expect(glossaryTermsFor('NO')).toEqual(expect.arrayContaining(['kontonummer', 'politiattest', 'enkeltvedtak', 'klage', 'innsyn']));
    for (const norwegian of ['kontonummer', 'politiattest', 'enkeltvedtak']) expect(glossaryTermsFor('DK')).not.toContain(norwegian);
    // Every term is in one country's glossary or both.
    expect(GLOSSARY_TERMS.filter((term) => !glossaryTermsFor('DK').includes(term) && !glossaryTermsFor('NO').includes(term))).toEqual([]);
  });
});

describe('the submission schema per jurisdiction (the API words its messages in the reader\'s language: tests/integration/jurisdiction.test.ts)', () => {
  const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    (result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]);

  it('in Norway takes a valid organisasjonsnummer as typed, and names a wrong check digit in bokmål', () => {
    const ok = stepSchemas('NO').organization.safeParse({ organization: { cvr: '974 760 673', name: 'Forening', email: 'post@forening.no', bankAccount: '1234.56.78903' } });
    expect(ok.success && ok.data.organization.cvr).toBe('974760673');
    expect(messages(organizationNumberSchema('NO').safeParse('974760674'))).toEqual([['', 'i18n:errors.orgnr.checkDigit']]);
    expect(t('nb', 'errors.orgnr.checkDigit')).toBe('Organisasjonsnummeret er ikke gyldig. Det har 9 sifre; sjekk det i Enhetsregisteret.');
    expect(messages(organizationNumberSchema('NO').safeParse('13748136'))).toEqual([['', 'i18n:errors.orgnr.format']]);
    expect(t('nb', 'errors.orgnr.format')).toBe('Et organisasjonsnummer består av 9 sifre.');
  });

  it('in Denmark is what it was: 8 digits, a 9-digit number refused', () => {
    expect(organizationNumberSchema('DK').parse('DK 1374 8136')).toBe('13748136');
    expect(messages(organizationNumberSchema('DK').safeParse('974760673'))).toEqual([['', 'i18n:errors.cvr.format']]);
    expect(messages(organizationNumberSchema('DK').safeParse('13748137'))).toEqual([['', 'i18n:errors.cvr.checkDigit']]);
    expect(applicationInputSchema()).toBe(applicationInputSchema('DK'));
  });

  it('builds each schema once per jurisdiction', () => {
    expect(applicationInputSchema('NO')).toBe(applicationInputSchema('NO'));
    expect(applicationInputSchema('NO')).not.toBe(applicationInputSchema('DK'));
    expect(stepSchemas('NO')).toBe(stepSchemas('NO'));
  });

  it('screens an organisasjonsnummer with the Norwegian rule (E1)', () => {
    const register = { found: true as const, active: true, name: 'Forening' };
    expect(checkCvr('974760673', register, 'NO')).toMatchObject({ outcome: 'pass', reasonKey: 'E1.activeOrgnr' });
    expect(checkCvr('974760674', register, 'NO')).toMatchObject({ outcome: 'fail', reasonKey: 'E1.invalidOrgnr' });
    expect(checkCvr('974760673', { found: false }, 'NO')).toMatchObject({ outcome: 'needs_judgement', reasonKey: 'E1.notInRegisterOrgnr' });
    expect(describeRuleResult('nb', checkCvr('974760673', register, 'NO'))).toBe('Forening (organisasjonsnummer 974760673) er aktiv i Enhetsregisteret.');
    expect(checkCvr('974760673', register).outcome).toBe('fail');
  });
});

describe('JURISDICTION and the local register', () => {
  const minimal = { NODE_ENV: 'development', DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/grantflow' };

  it('is DK unless set, NO picks the Norwegian register file, anything else is refused', () => {
    expect(loadConfig(minimal)).toMatchObject({ JURISDICTION: 'DK', BUSINESS_REGISTER_FILE: expect.stringMatching(/associations\.json$/) });
    expect(loadConfig({ ...minimal, JURISDICTION: 'NO' })).toMatchObject({ JURISDICTION: 'NO', BUSINESS_REGISTER_FILE: expect.stringMatching(/organisasjoner\.json$/) });
    expect(loadConfig({ ...minimal, JURISDICTION: 'NO', BUSINESS_REGISTER_FILE: 'mine.json' }).BUSINESS_REGISTER_FILE).toBe('mine.json');
    // The notices' authorities follow unless MUNICIPALITY_COUNTRY says otherwise.
    expect(loadConfig({ ...minimal, JURISDICTION: 'NO' }).MUNICIPALITY_COUNTRY).toBe('NO');
    expect(loadConfig({ ...minimal, JURISDICTION: 'NO', MUNICIPALITY_COUNTRY: 'DK' }).MUNICIPALITY_COUNTRY).toBe('DK');
    expect(loadConfig(minimal).MUNICIPALITY_COUNTRY).toBe('DK');
    // The example municipality is Norwegian too, where the settings leave it to the defaults.
    expect(loadConfig({ ...minimal, JURISDICTION: 'NO' })).toMatchObject({ MUNICIPALITY_NAME: 'Eksempel kommune', MUNICIPALITY_TIME_ZONE: 'Europe/Oslo', MUNICIPALITY_EMAIL: 'frivillighet@eksempel.no' });
    expect(loadConfig({ ...minimal, JURISDICTION: 'NO', MUNICIPALITY_NAME: 'Fjordby kommune' }).MUNICIPALITY_NAME).toBe('Fjordby kommune');
    expect(loadConfig(minimal)).toMatchObject({ MUNICIPALITY_NAME: 'Eksempel Kommune', MUNICIPALITY_TIME_ZONE: 'Europe/Copenhagen' });
    expect(() => loadConfig({ ...minimal, JURISDICTION: 'SE' })).toThrow(/JURISDICTION: must be DK \(Denmark\) or NO \(Norway\)/);
  });

  it('ships fictional Norwegian organisations with valid numbers, active and not', async () => {
    const file = path.join(__dirname, '..', '..', 'infra', 'register', 'organisasjoner.json');
    const register = loadLocalRegister(file, 'NO');
    expect(register.size).toBeGreaterThanOrEqual(8);
    const active = await register.lookup('100 000 008');
    expect(active).toMatchObject({ found: true, entity: { name: 'Frivilligsentralen i Eksempelby', active: true, address: { municipalityCode: 9999 } } });
    expect(await register.lookup('100006855')).toMatchObject({ found: true, entity: { status: 'Slettet', active: false } });
    expect(await register.lookup('100009595')).toMatchObject({ found: true, entity: { status: 'Konkurs', active: false } });
    expect(await register.lookup('100012332')).toEqual({ found: false, cvr: '100012332' });
    // Read as a Danish file, its nine-digit numbers are refused at start-up.
    expect(() => loadLocalRegister(file, 'DK')).toThrow(/must be eight digits/);
  });
});
