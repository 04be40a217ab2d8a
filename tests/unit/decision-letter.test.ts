import fs from 'node:fs';
import { parsePdf, parsePdfs, type ParsedPdf } from '../support/pdf-text';
import { expectArchivalPdf } from '../support/pdf-bytes';
import os from 'node:os';
import path from 'node:path';
import { endOfDayIn } from '../../domain/time-zone';
import {
  renderDecisionLetter,
  type DecisionLetterData,
  type DecisionOutcome,
  type LetterLanguage,
} from '../../documents/letter';

// ─── Fixtures ────────────────────────────────────────────────────────────────────────────────

const DANISH_MUNICIPALITY: DecisionLetterData['municipality'] = {
  name: 'Vordingborg Kommune',
  department: 'Social og Sundhed, Frivillighed',
  address: 'Valdemarsgade 43, 4760 Vordingborg',
  email: 'frivillig@vordingborg.dk',
  phone: '55 36 36 36',
};

const DANISH_FRAME: DecisionLetterData['frame'] = {
  law: 'DK',
  legalBasis: 'serviceloven § 18',
  guidelines: { name: 'Retningslinjer for § 18-puljen 2026', adoptedOn: '2025-11-20', adoptedBy: 'Social- og Sundhedsudvalget' },
  decisionMaker: { kind: 'delegation', body: 'Social- og Sundhedsudvalget' },
  contact: { name: 'Lise Frandsen', phone: '55 36 10 10', email: 'puljer@vordingborg.dk' },
  reconsiderBy: new Date('2026-03-30T09:00:00Z'),
};

const NORWEGIAN_MUNICIPALITY: DecisionLetterData['municipality'] = {
  name: 'Bodø kommune',
  department: 'Frivilligsentralen',
  address: 'Kongens gate 13, 8006 Bodø',
  email: 'tilskudd@bodo.kommune.no',
  phone: '75 55 50 00',
};

const NORWEGIAN_FRAME: DecisionLetterData['frame'] = {
  law: 'NO',
  legalBasis: 'kommunens tilskuddsordning for frivillig sosialt arbeid',
  guidelines: { name: 'Retningslinjer for tilskudd til frivillig sosialt arbeid', adoptedOn: '2025-12-11', adoptedBy: 'bystyret' },
  decisionMaker: { kind: 'committee', body: 'Helse- og omsorgsutvalget', meetingDate: '2026-02-26' },
  contact: { name: 'Ola Berg', phone: '75 55 51 51', email: 'frivillig@bodo.kommune.no' },
  reconsiderBy: new Date('2026-03-23T09:00:00Z'),
};

const REASONS: Record<LetterLanguage, DecisionLetterData['reasons']> = {
  da: {
    criteria: ['Udgifter til forplejning kan ikke støttes efter retningslinjernes punkt 4.'],
    text: 'Vi har derfor trukket 4.000 kr. til kaffe og kage ud af budgettet.',
  },
  nb: {
    criteria: ['Utgifter til bevertning dekkes ikke etter retningslinjenes punkt 4.'],
    text: 'Vi har derfor trukket ut 4.000 kr. til kaffe og kaker fra budsjettet.',
  },
  en: {
    criteria: ['Catering costs cannot be funded under section 4 of the guidelines.'],
    text: 'We have therefore removed the 4,000 kr. budgeted for coffee and cake.',
  },
};

const CONDITIONS: Record<LetterLanguage, string> = {
  da: 'Kommunens logo skal stå på opslag om aktiviteten.',
  nb: 'Kommunens logo skal stå på plakater om aktiviteten.',
  en: "The municipality's logo must appear on posters for the activity.",
};

/** The amounts as each language writes money. */
const MONEY: Record<LetterLanguage, Record<DecisionOutcome | 'requested', string>> = {
  da: { requested: '12.000 kr.', approved: '12.000 kr.', partially_approved: '8.000 kr.', rejected: '0 kr.' },
  nb: { requested: '12 000 DKK', approved: '12 000 DKK', partially_approved: '8 000 DKK', rejected: '0 DKK' },
  en: { requested: 'DKK 12,000', approved: 'DKK 12,000', partially_approved: 'DKK 8,000', rejected: 'DKK 0' },
};

const AMOUNTS: Record<DecisionOutcome, bigint> = { approved: 1_200_000n, partially_approved: 800_000n, rejected: 0n };

function letter(language: LetterLanguage, outcome: DecisionOutcome, overrides: Partial<DecisionLetterData> = {}): DecisionLetterData {
  const granted = outcome !== 'rejected';
  return {
    language,
    municipality: language === 'nb' ? NORWEGIAN_MUNICIPALITY : DANISH_MUNICIPALITY,
    frame: language === 'nb' ? NORWEGIAN_FRAME : DANISH_FRAME,
    glossaryUrl: 'https://tilskud.example.dk/ordliste',
    date: new Date('2026-03-02T09:00:00Z'),
    reference: 'GF-2026-00042',
    recipient:
      language === 'nb'
        ? { organizationName: 'Nabohjelp Bodø', cvr: '912345678', contactName: 'Kari Nordmann', address: 'Storgata 1, 8006 Bodø' }
        : { organizationName: 'Foreningen Nabohjælp Stege', cvr: '13748136', contactName: 'Birthe Hansen', address: 'Storegade 12, 4780 Stege' },
    roundName: language === 'nb' ? 'Tilskudd til frivillig sosialt arbeid 2026' : '§ 18-puljen 2026',
    project: { title: language === 'nb' ? 'Strikkekafé for eldre' : 'Strikkecafé for ensomme ældre', startDate: '2026-04-01', endDate: '2026-12-31' },
    outcome,
    amountRequestedOre: 1_200_000n,
    amountGrantedOre: AMOUNTS[outcome],
    reasons: REASONS[language],
    conditions: [CONDITIONS[language]],
    ...(granted ? { reporting: { requirement: 'short_report' as const, dueDate: endOfDayIn('2027-04-01') }, payoutDate: new Date('2026-03-16T10:00:00Z') } : {}),
    caseworker: { name: 'Mette Sørensen', email: 'mette.sorensen@kommune.example', phone: '55 36 12 34' },
    // A Norwegian organisation gave the account the grant is paid to; a Danish one has its NemKonto.
    ...(language === 'nb' ? { payoutAccount: '•••• •• 78903' } : {}),
    ...overrides,
  };
}

/** What each language's letter must say, in its own words. */
const EXPECTED: Record<
  LetterLanguage,
  {
    heading: Record<DecisionOutcome, string>;
    orgNumberLabel: string;
    legalBasis: string[];
    reasonsHeading: string;
    period: string;
    standardConditions: string[];
    reportDue: string;
    payout: string[];
    appeal: string[];
    access: string;
    page: (current: number, total: number) => string;
  }
> = {
  da: {
    heading: {
      approved: 'I får 12.000 kr. i tilskud',
      partially_approved: 'I får 8.000 kr. af de 12.000 kr., I søgte om',
      rejected: 'I får desværre ikke tilskud denne gang',
    },
    orgNumberLabel: 'CVR-nr. 13748136',
    legalBasis: [
      'Afgørelsen er truffet efter serviceloven § 18.',
      'Retningslinjer for § 18-puljen 2026, vedtaget af Social- og Sundhedsudvalget den 20. november 2025',
      'Afgørelsen er truffet af forvaltningen efter delegation fra Social- og Sundhedsudvalget.',
    ],
    reasonsHeading: '(begrundelse)',
    period: '1. april 2026 – 31. december 2026',
    standardConditions: [
      'Pengene må kun bruges til »Strikkecafé for ensomme ældre«',
      'Penge, I ikke bruger, skal betales tilbage',
      'Fortæl os hurtigst muligt, hvis aktiviteten ændrer sig',
      'stikprøvekontrol',
      'børneattest',
      'kan foreningen ikke få nye tilskud fra puljen, og vi kan kræve tilskuddet betalt tilbage',
    ],
    reportDue: 'Senest den 1. april 2027 skal I sende os en kort beretning',
    payout: ['den 16. marts 2026 til foreningens NemKonto', 'I skal ikke gøre noget for at få pengene'],
    appeal: [
      'Hvis I er uenige i afgørelsen (klagevejledning)',
      'Afgørelsen kan ikke klages til en anden myndighed.',
      'Skriv senest den 30. marts 2026',
      'Lise Frandsen på puljer@vordingborg.dk',
      'Ankestyrelsen fører tilsyn',
      'Folketingets Ombudsmand',
      'puljens kontaktperson, Lise Frandsen, på telefon 55 36 10 10',
    ],
    access: 'aktindsigt',
    page: (current, total) => `Side ${current} af ${total}`,
  },
  nb: {
    heading: {
      approved: 'Dere får 12 000 DKK i tilskudd',
      partially_approved: 'Dere får 8 000 DKK av de 12 000 DKK dere søkte om',
      rejected: 'Dere får dessverre ikke tilskudd denne gangen',
    },
    orgNumberLabel: 'Org.nr. 912345678',
    legalBasis: [
      'Vedtaket bygger på kommunens tilskuddsordning for frivillig sosialt arbeid og på Retningslinjer for tilskudd til frivillig sosialt arbeid, vedtatt av bystyret 11. desember 2025',
      'Vedtaket er et enkeltvedtak (forvaltningsloven § 2 første ledd bokstav b)',
      'de hovedhensynene som har vært avgjørende (forvaltningsloven §§ 24 og 25)',
      'Vedtaket er fattet av Helse- og omsorgsutvalget i møtet 26. februar 2026.',
    ],
    reasonsHeading: '(begrunnelse)',
    period: '1. april 2026 – 31. desember 2026',
    standardConditions: [
      'Pengene skal bare brukes til «Strikkekafé for eldre»',
      'Penger dere ikke bruker, skal betales tilbake',
      'Gi oss beskjed så snart som mulig hvis aktiviteten endres',
      'stikkprøver',
      'politiattest',
      'kan organisasjonen ikke få nye tilskudd fra ordningen, og vi kan kreve tilskuddet betalt tilbake',
    ],
    reportDue: 'Innen 1. april 2027 skal dere sende oss en kort rapport',
    payout: ['16. mars 2026 til kontonummer •••• •• 78903, som organisasjonen oppga i søknaden', 'Dere trenger ikke å gjøre noe for å få pengene'],
    appeal: ['klageveiledning', 'Klagefristen er 3 uker', 'forvaltningsloven § 29', 'klagenemnd', 'forvaltningsloven § 33', 'forvaltningsloven § 28 andre ledd', 'forvaltningsloven § 32', 'partsinnsyn, forvaltningsloven § 18', 'innsyn i saken etter offentleglova', 'Ola Berg, på telefon 75 55 51 51'],
    access: 'innsyn',
    page: (current, total) => `Side ${current} av ${total}`,
  },
  en: {
    heading: {
      approved: 'You will receive a grant of DKK 12,000',
      partially_approved: 'You will receive DKK 8,000 of the DKK 12,000 you applied for',
      rejected: 'Unfortunately, you will not receive a grant this time',
    },
    orgNumberLabel: 'CVR no. 13748136',
    legalBasis: [
      'This decision is made under serviceloven § 18 (Danish law).',
      'adopted by Social- og Sundhedsudvalget on 20 November 2025',
      'under powers delegated by Social- og Sundhedsudvalget',
    ],
    reasonsHeading: '(begrundelse)',
    period: '1 April 2026 to 31 December 2026',
    standardConditions: [
      'Use the money only for "Strikkecafé for ensomme ældre"',
      'Pay back any money you do not use',
      'Tell us as soon as possible if the activity changes',
      'spot checks',
      'børneattest',
      'your association cannot receive new grants from this fund, and we may ask you to pay the grant back',
    ],
    reportDue: 'By 1 April 2027, send us a short report',
    payout: ["on 16 March 2026 into your association's NemKonto", 'You do not need to do anything to receive the money'],
    appeal: [
      'If you disagree with the decision (klagevejledning)',
      'You cannot appeal this decision to another authority.',
      'Write to us by 30 March 2026',
      'Ankestyrelsen',
      'Folketingets Ombudsmand',
      "the round's contact person, Lise Frandsen, on 55 36 10 10",
    ],
    access: 'aktindsigt',
    page: (current, total) => `Page ${current} of ${total}`,
  },
};

// ─── Helpers ─────────────────────────────────────────────────────────────────────────────────

type ParsedLetter = ParsedPdf;

async function parse(pdf: Buffer): Promise<ParsedLetter> {
  return parsePdf(pdf);
}

const parseAll = parsePdfs;

function expectRealPdf(pdf: Buffer): void {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.subarray(-16).toString('latin1')).toMatch(/%%EOF\s*$/);
}

const LANGUAGES: LetterLanguage[] = ['da', 'nb', 'en'];
const OUTCOMES: DecisionOutcome[] = ['approved', 'partially_approved', 'rejected'];
const CASES = LANGUAGES.flatMap((language) => OUTCOMES.map((outcome) => [language, outcome] as const));

// ─── Content ─────────────────────────────────────────────────────────────────────────────────

describe('decision letter', () => {
  const rendered = new Map<string, { pdf: Buffer; parsed: ParsedLetter }>();

  beforeAll(async () => {
    // A full approval carries no reasons at all: it must not need any.
    const pdfs = await Promise.all(
      CASES.map(([language, outcome]) => renderDecisionLetter(letter(language, outcome, outcome === 'approved' ? { reasons: { criteria: [], text: '' } } : {}))),
    );
    const parsed = await parseAll(pdfs);
    CASES.forEach(([language, outcome], index) => rendered.set(`${language}/${outcome}`, { pdf: pdfs[index]!, parsed: parsed[index]! }));
  });

  describe.each(CASES)('in %s, %s', (language, outcome) => {
    const expected = EXPECTED[language];
    let pdf: Buffer;
    let parsed: ParsedLetter;

    beforeAll(() => {
      ({ pdf, parsed } = rendered.get(`${language}/${outcome}`)!);
    });

    it('is a real PDF', () => expectRealPdf(pdf));

    it('is tagged in its language, PDF/A-2, with its fonts embedded', () => {
      // Every letter has a list: a grant its conditions, a refusal its criteria.
      const structure = ['Document', 'H1', 'H2', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD'];
      expectArchivalPdf(pdf, { da: 'da-DK', nb: 'nb-NO', en: 'en-GB' }[language], structure);
    });

    it('names sender, date, case, recipient and CVR', () => {
      const { text } = parsed;
      expect(text).toContain(language === 'nb' ? 'Bodø kommune' : 'Vordingborg Kommune');
      expect(text).toContain(language === 'nb' ? 'tilskudd@bodo.kommune.no' : 'frivillig@vordingborg.dk');
      expect(text).toContain('GF-2026-00042');
      expect(text).toContain({ da: '2. marts 2026', nb: '2. mars 2026', en: '2 March 2026' }[language]);
      expect(text).toContain(language === 'nb' ? 'Nabohjelp Bodø' : 'Foreningen Nabohjælp Stege');
      expect(text).toContain(expected.orgNumberLabel);
    });

    it('states the decision, the amounts, the activity and the period', () => {
      const { text } = parsed;
      expect(text).toContain(expected.heading[outcome]);
      const money = MONEY[language];
      expect(text).toContain(money.requested);
      expect(text).toContain(money[outcome]);
      expect(text).toContain(language === 'nb' ? 'Strikkekafé for eldre' : 'Strikkecafé for ensomme ældre');
      expect(text).toContain(expected.period);
    });

    it('gives the legal basis', () => {
      for (const phrase of expected.legalBasis) expect(parsed.text).toContain(phrase);
    });

    it('explains a refusal or reduction with the caseworker’s reasons, and a full grant needs none', () => {
      if (outcome === 'approved') {
        expect(parsed.text).not.toContain(expected.reasonsHeading);
        return;
      }
      expect(parsed.text).toContain(expected.reasonsHeading);
      expect(parsed.text).toContain(REASONS[language].criteria[0]);
      expect(parsed.text).toContain(REASONS[language].text);
    });

    it('sets the conditions, the reporting deadline and the payout only for a grant', () => {
      const all = [...expected.standardConditions, CONDITIONS[language], expected.reportDue, ...expected.payout];
      for (const phrase of all) {
        if (outcome === 'rejected') expect(parsed.text).not.toContain(phrase);
        else expect(parsed.text).toContain(phrase);
      }
    });

    it('includes the appeal guidance, contact details and access to documents', () => {
      for (const phrase of expected.appeal) expect(parsed.text).toContain(phrase);
      expect(parsed.text).toContain('Mette Sørensen');
      expect(parsed.text).toContain('mette.sorensen@kommune.example');
      expect(parsed.text).toContain('55 36 12 34');
      expect(parsed.text).toContain(expected.access);
    });

    it('numbers its pages', () => {
      expect(parsed.text).toContain(expected.page(1, parsed.pages));
      expect(parsed.text).toContain(expected.page(parsed.pages, parsed.pages));
    });
  });

  it('numbers every page of a long letter', async () => {
    const conditions = Array.from({ length: 40 }, (_, i) => `Særlig betingelse nummer ${i + 1}: aktiviteten skal også afholdes i landdistrikterne, og det skal fremgå af afrapporteringen.`);
    const parsed = await parse(await renderDecisionLetter(letter('da', 'partially_approved', { conditions })));
    expect(parsed.pages).toBeGreaterThanOrEqual(3);
    for (let page = 1; page <= parsed.pages; page++) expect(parsed.text).toContain(`Side ${page} af ${parsed.pages}`);
    expect(parsed.text).not.toContain(`Side ${parsed.pages + 1} af`);
    expect(parsed.text).toContain('Særlig betingelse nummer 40');
  });

  it('carries title, author, subject and language in its metadata, and is dated by the letter', async () => {
    const pdf = await renderDecisionLetter(letter('da', 'approved'));
    const { info } = await parse(pdf);
    expect(info.Title).toBe('Afgørelse om tilskud – GF-2026-00042');
    expect(info.Author).toBe('Vordingborg Kommune');
    expect(info.Subject).toContain('serviceloven § 18');
    expect(info.CreationDate).toMatch(/^D:20260302/);
    expect(pdf.toString('latin1')).toContain('/Lang (da-DK)');
  });

  it('is the same bytes for the same data', async () => {
    const data = letter('en', 'partially_approved');
    expect((await renderDecisionLetter(data)).equals(await renderDecisionLetter(data))).toBe(true);
  });

  it('prints the round’s own complaint guidance instead of the shipped one', async () => {
    const own = (language: LetterLanguage, complaintGuidance: string) => ({ frame: { ...(language === 'nb' ? NORWEGIAN_FRAME : DANISH_FRAME), complaintGuidance } });
    const norwegian = await parse(await renderDecisionLetter(letter('nb', 'rejected', own('nb', 'Klage sendes til Bodø kommune innen 3 uker.'))));
    expect(norwegian.text).toContain('Klage sendes til Bodø kommune innen 3 uker.');
    expect(norwegian.text).not.toContain('forvaltningsloven § 28 andre ledd');
    const danish = await parse(await renderDecisionLetter(letter('da', 'rejected', own('da', 'Skriv til byrådet.'))));
    expect(danish.text).toContain('Skriv til byrådet.');
    expect(danish.text).not.toContain('Ankestyrelsen');
  });

  it('names the glossary page and the terms it explains', async () => {
    const parsed = await parse(await renderDecisionLetter(letter('da', 'partially_approved')));
    expect(parsed.text).toContain('Ordforklaringer:');
    expect(parsed.text).toContain('https://tilskud.example.dk/ordliste');
    expect(parsed.text).toMatch(/Ordforklaringer: tilskud og tilsagn, begrundelse, afrapportering, NemKonto, klagevejledning, aktindsigt er forklaret på/);
  });
});

// ─── Refusals ────────────────────────────────────────────────────────────────────────────────

describe('a decision letter is refused', () => {
  it.each([
    ['partially_approved', { criteria: [], text: '' }],
    ['rejected', { criteria: [], text: '' }],
    ['rejected', { criteria: ['  '], text: ' \n ' }],
  ] as const)('for a %s decision without a begrundelse', async (outcome, reasons) => {
    await expect(renderDecisionLetter(letter('da', outcome, { reasons: { criteria: [...reasons.criteria], text: reasons.text } }))).rejects.toMatchObject({
      name: 'DecisionLetterError',
      code: 'reasons_missing',
    });
  });

  it.each([
    ['da', [], 'Ansøgningen er prioriteret inden for de tilgængelige midler.'],
    ['da', [], 'Vi har desværre måttet prioritere inden for puljens midler, og jeres ansøgning blev ikke prioriteret.'],
    ['da', ['Prioriteret inden for puljens ramme'], ''],
    ['da', [], 'Puljen var overtegnet.'],
    ['nb', [], 'Søknaden er dessverre ikke prioritert innenfor tilgjengelige midler.'],
    ['en', [], 'Prioritised within available funds.'],
    ['en', [], 'Unfortunately, the application could not be prioritized within the available budget.'],
  ] as const)('in %s when the only reason is "prioritised within available funds" (%j %s)', async (language, criteria, text) => {
    await expect(renderDecisionLetter(letter(language, 'rejected', { reasons: { criteria: [...criteria], text } }))).rejects.toMatchObject({
      code: 'reasons_insufficient',
    });
  });

  it('but not when the funds argument comes with a real reason', async () => {
    const reasons = {
      criteria: [],
      text: 'Puljen var overtegnet. Andre ansøgninger når flere ældre, som er puljens første prioritet efter retningslinjernes punkt 2.',
    };
    await expect(renderDecisionLetter(letter('da', 'rejected', { reasons }))).resolves.toBeInstanceOf(Buffer);
  });

  it.each<[DecisionOutcome, bigint, string]>([
    ['approved', 800_000n, 'an approval of less than was requested'],
    ['partially_approved', 1_200_000n, 'a partial approval of everything'],
    ['partially_approved', 0n, 'a partial approval of nothing'],
    ['rejected', 100_000n, 'a rejection that grants money'],
  ])('for %s with %s øre (%s)', async (outcome, amountGrantedOre) => {
    await expect(renderDecisionLetter(letter('da', outcome, { amountGrantedOre }))).rejects.toMatchObject({ code: 'inconsistent_decision' });
  });

  it('for a grant without a payout date or reporting deadline', async () => {
    await expect(renderDecisionLetter(letter('da', 'approved', { payoutDate: undefined }))).rejects.toMatchObject({ code: 'inconsistent_decision' });
    await expect(renderDecisionLetter(letter('da', 'approved', { reporting: undefined }))).rejects.toMatchObject({ code: 'inconsistent_decision' });
  });
});

// ─── Samples for people to look at ───────────────────────────────────────────────────────────

describe('sample letters', () => {
  it('are written to the temp folder, one per language', async () => {
    const folder = path.join(os.tmpdir(), 'grantflow-letter-samples');
    fs.mkdirSync(folder, { recursive: true });
    for (const language of LANGUAGES) {
      const file = path.join(folder, `decision-letter-${language}.pdf`);
      fs.writeFileSync(file, await renderDecisionLetter(letter(language, 'partially_approved')));
      expect(fs.statSync(file).size).toBeGreaterThan(1000);
    }
    console.log(`Sample decision letters: ${folder}`);
  });
});

describe('a long-term grant’s letter', () => {
  const years = (dueDates: string[]) => ({
    grantYears: [
      { year: 1, amountOre: 400_100n, reportDueDate: endOfDayIn(dueDates[0]!) },
      { year: 2, amountOre: 400_000n, reportDueDate: endOfDayIn(dueDates[1]!) },
      { year: 3, amountOre: 400_000n, reportDueDate: endOfDayIn(dueDates[2]!) },
    ],
  });
  const EXPECTED_YEARS: Record<LetterLanguage, string[]> = {
    da: [
      'Tilskuddet på 12.001 kr. løber over 3 år og udbetales i én rate om året',
      'År 1: 4.001 kr., som vi udbetaler den 16. marts 2026. Afrapporteringen for år 1 skal være os i hænde senest 1. april 2027',
      'År 2: 4.000 kr., som vi udbetaler, når vi har godkendt afrapporteringen for år 1. Afrapporteringen for år 2 skal være os i hænde senest 1. april 2028',
      'År 3: 4.000 kr., som vi udbetaler, når vi har godkendt afrapporteringen for år 2.',
    ],
    nb: ['Tilskuddet på 12 001 DKK løper over 3 år', 'År 2: 4 000 DKK, som vi betaler ut når vi har godkjent rapporten for år 1.'],
    en: ['The grant of DKK 12,001 runs for 3 years', 'Year 3: DKK 4,000, which we will pay once we have accepted your report for year 2.'],
  };

  it.each(['da', 'nb', 'en'] as const)('names every year’s amount, when it is paid and when its report is due (%s)', async (language) => {
    const data = letter(language, 'approved', { amountRequestedOre: 1_200_100n, amountGrantedOre: 1_200_100n, ...years(['2027-04-01', '2028-04-01', '2029-04-01']) });
    const pdf = await renderDecisionLetter(data);
    fs.writeFileSync(path.join(os.tmpdir(), `grantflow-multi-year-letter-${language}.pdf`), pdf);
    const text = (await parse(pdf)).text.replace(/\s+/g, ' ');
    for (const expected of EXPECTED_YEARS[language]) expect(text).toContain(expected);
  });

  it('a single-year grant’s letter says nothing of years', async () => {
    const text = (await parse(await renderDecisionLetter(letter('da', 'approved')))).text.replace(/\s+/g, ' ');
    expect(text).not.toContain('rate om året');
    expect(text).toContain('Vi udbetaler 12.000 kr. den 16. marts 2026');
  });
});
