import { applicationInputSchema, type ApplicationInput } from '../../domain/application-input';
import { redactPersonalData } from '../../domain/retention';
import { applicationCopyFilename, renderApplicationCopy, type ApplicationCopyData } from '../../documents/application-copy';
import type { Language } from '../../lib/languages';
import { LOCALE_TAGS } from '../../lib/languages';
import { expectArchivalPdf } from '../support/pdf-bytes';
import { parsePdf, parsePdfs, type ParsedPdf } from '../support/pdf-text';

// The association's copy of its submitted application: everything it entered, in its own
// language, tagged PDF/A like the letters, the submission time in the municipality's time zone.

const SUBMISSION: ApplicationInput = applicationInputSchema().parse({
  roundId: '7d3c5a52-4f7e-4c62-9a57-0b8a3f1e2d10',
  organization: { cvr: '13748136', name: 'Foreningen Fælles Bord', email: 'kasserer@faellesbord.dk', phone: '+45 20 30 40 50', address: 'Kirkestræde 4, 9991 Eksempelby' },
  contact: { name: 'Inge Hansen', email: 'inge@faellesbord.dk', phone: '20 30 40 51' },
  project: {
    title: 'Fællesspisning for ensomme ældre',
    purpose: 'Et ugentligt måltid, der bryder ensomheden for ældre i Nordby.',
    targetGroup: 'lonely',
    activities: 'Vi laver mad sammen hver torsdag og spiser i foreningens lokale.\nFrivillige henter dem, der ikke selv kan komme.',
    startDate: '2027-03-01',
    endDate: '2027-11-30',
    place: 'Nordby Medborgerhus',
    volunteers: 8,
    expectedParticipants: 40,
    isNew: true,
    childrenUnder15: true,
  },
  budget: {
    lines: [
      { category: 'food', description: 'Råvarer til 36 fællesspisninger', amount: 9_000 },
      { category: 'materials', description: 'Service og køkkengrej', amount: 3_500 },
    ],
    cofinancing: [{ source: 'Lokalfonden', amount: 2_000, status: 'granted' }],
  },
  amountRequested: 10_500,
  declarations: { truthful: true, childCertificates: true, contactLater: false },
});

// 14:05 UTC on 3 December 2026 is 15:05 in Copenhagen (and in Oslo).
const SUBMITTED_AT = new Date('2026-12-03T14:05:00Z');

function copyData(language: Language, overrides: Partial<ApplicationCopyData> = {}): ApplicationCopyData {
  return {
    language,
    reference: 'GF-2026-00042',
    submittedAt: SUBMITTED_AT,
    municipalityName: 'Eksempel Kommune',
    roundName: '§ 18-puljen 2027',
    submission: SUBMISSION,
    documents: [
      { kind: 'statutes', filename: 'vedtægter-2024.pdf' },
      { kind: 'budget', filename: 'budget fællesspisning.xlsx' },
    ],
    ...overrides,
  };
}

describe.each([
  ['da', 'Kopi af jeres ansøgning', 'Ansøgning til § 18-puljen 2027', ['Sagsnummer', 'CVR-nummer', 'Kontaktpersonens navn', 'Udgifter i alt', 'Vedtægter (foreningens love): vedtægter-2024.pdf', 'Side 1 af']],
  ['nb', 'Kopi av søknaden deres', 'Søknad til § 18-puljen 2027', ['Saksnummer', 'Utgifter til sammen', 'Side 1 av']],
  ['en', 'Copy of your application', 'Application to § 18-puljen 2027', ['Case number', 'Total costs', 'Page 1 of']],
] as const)('the copy in %s', (language, kicker, title, words) => {
  let pdf: Buffer;
  let parsed: ParsedPdf;
  beforeAll(async () => {
    pdf = await renderApplicationCopy(copyData(language));
    [parsed] = (await parsePdfs([pdf])) as [ParsedPdf];
  });

  it('is tagged in its language, PDF/A-2, with its fonts embedded', () => {
    expectArchivalPdf(pdf, LOCALE_TAGS[language], ['Document', 'H1', 'H2', 'H3', 'P', 'Table', 'TR', 'TH', 'TD', 'L', 'LI', 'Lbl', 'LBody']);
  });

  it('says what it is, in the application’s language', () => {
    expect(parsed.text).toContain(kicker.toUpperCase());
    expect(parsed.text).toContain(title);
    for (const word of words) expect(parsed.text).toContain(word);
    expect(parsed.info).toMatchObject({ Author: 'Eksempel Kommune' });
  });

  it('holds every answer the association gave', () => {
    for (const answer of [
      'GF-2026-00042',
      '13748136',
      'Foreningen Fælles Bord',
      'Kirkestræde 4, 9991 Eksempelby',
      'kasserer@faellesbord.dk',
      '+45 20 30 40 50',
      'Inge Hansen',
      'inge@faellesbord.dk',
      'Fællesspisning for ensomme ældre',
      'Et ugentligt måltid, der bryder ensomheden for ældre i Nordby.',
      'Frivillige henter dem, der ikke selv kan komme.',
      'Nordby Medborgerhus',
      'Råvarer til 36 fællesspisninger',
      'Service og køkkengrej',
      'Lokalfonden',
      'budget fællesspisning.xlsx',
    ]) {
      expect(parsed.text).toContain(answer);
    }
  });
});

describe('the Danish copy', () => {
  let parsed: ParsedPdf;
  beforeAll(async () => {
    parsed = await parsePdf(await renderApplicationCopy(copyData('da')));
  });

  it('writes the submission time in the municipality’s time zone, dates and amounts in words', () => {
    expect(parsed.text).toMatch(/3\. december 2026.*15[.:]05/);
    expect(parsed.text).toContain('1. marts 2027');
    expect(parsed.text).toContain('30. november 2027');
    expect(parsed.text).toContain('12.500 kr.'); // the total of the budget lines
    expect(parsed.text).toContain('10.500 kr.');
    expect(parsed.text).toContain('Lokalfonden (Bevilget)');
    expect(parsed.text).toContain('Ensomme');
  });

  it('answers the declarations as the form asked them, with yes or no', () => {
    expect(parsed.text).toContain('Vi erklærer på tro og love, at oplysningerne i ansøgningen er rigtige Ja');
    expect(parsed.text).toContain('Vi indhenter børneattester for de frivillige, der er i kontakt med børn under 15 år Ja');
    expect(parsed.text).toContain('Kommunen må kontakte os senere om aktiviteten Nej');
  });

  it('names the file after the case', () => {
    expect(applicationCopyFilename(copyData('da'))).toBe('ansoegning-GF-2026-00042.pdf');
    expect(applicationCopyFilename(copyData('nb'))).toBe('soknad-GF-2026-00042.pdf');
  });
});

describe('copies of other applications', () => {
  it('leave out the child-certificate declaration when no volunteer meets children, and say when no documents were sent', async () => {
    const submission = { ...SUBMISSION, project: { ...SUBMISSION.project, childrenUnder15: false } };
    const parsed = await parsePdf(await renderApplicationCopy(copyData('da', { submission, documents: [] })));
    expect(parsed.text).not.toContain('Vi indhenter børneattester');
    expect(parsed.text).toContain('I sendte ingen dokumenter med ansøgningen.');
  });

  it('flow a long description over pages, numbering each', async () => {
    const purpose = Array.from({ length: 60 }, (_, i) => `Afsnit ${i + 1}: vi mødes, laver mad og spiser sammen, og de frivillige ringer til dem, der ikke kom.`).join('\n');
    const submission = { ...SUBMISSION, project: { ...SUBMISSION.project, purpose } };
    const parsed = await parsePdf(await renderApplicationCopy(copyData('da', { submission })));
    expect(parsed.pages).toBeGreaterThan(2);
    expect(parsed.text).toContain('Afsnit 1:');
    expect(parsed.text).toContain('Afsnit 60:');
    parsed.pageLines.forEach((lines, index) => expect(lines.join(' ')).toContain(`Side ${index + 1} af ${parsed.pages}`));
  });

  it('say "not filled in" where retention has emptied the answers, instead of failing', async () => {
    const redacted = redactPersonalData(SUBMISSION) as ApplicationInput;
    const parsed = await parsePdf(await renderApplicationCopy(copyData('da', { submission: redacted })));
    expect(parsed.text).toContain('Ikke udfyldt');
    expect(parsed.text).not.toContain('Inge Hansen');
  });

  it('give the same bytes for the same application', async () => {
    const [first, second] = await Promise.all([renderApplicationCopy(copyData('en')), renderApplicationCopy(copyData('en'))]);
    expect(first.equals(second)).toBe(true);
  });
});
