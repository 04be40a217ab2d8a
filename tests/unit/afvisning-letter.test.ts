import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePdfs } from '../support/pdf-text';
import { expectArchivalPdf } from '../support/pdf-bytes';
import { afvisningLetterData, renderAfvisningLetter, type LetterLanguage, type MunicipalitySettings } from '../../documents/letter';
import type { Application, FundingRound } from '../../prisma/generated/client';

// The afvisning of an application that arrived after the deadline: its own letter, stating the
// deadline and when the application arrived on the municipality's clock, the round's frame and
// the complaint guidance.

const MUNICIPALITY: MunicipalitySettings = {
  MUNICIPALITY_NAME: 'Vordingborg Kommune',
  MUNICIPALITY_DEPARTMENT: 'Social og Sundhed, Frivillighed',
  MUNICIPALITY_ADDRESS: 'Valdemarsgade 43, 4760 Vordingborg',
  MUNICIPALITY_EMAIL: 'frivillig@vordingborg.dk',
  MUNICIPALITY_PHONE: '55 36 36 36',
  MUNICIPALITY_TIME_ZONE: 'Europe/Copenhagen',
  PUBLIC_BASE_URL: 'https://tilskud.vordingborg.dk',
};

function lateApplication(language: LetterLanguage) {
  return {
    language,
    referenceNumber: 7,
    // 12:00 Copenhagen time, two hours after a deadline of 10:00 Copenhagen time (summer: UTC+2).
    submittedAt: new Date('2026-06-01T10:00:00Z'),
    createdAt: new Date('2026-06-01T10:00:00Z'),
    organizationName: 'Foreningen Nabohjælp Stege',
    organizationCvr: '13748136',
    contactName: 'Birthe Hansen',
    submission: {},
    projectTitle: 'Sommerudflugt',
    startDate: new Date('2026-07-01T00:00:00Z'),
    endDate: new Date('2026-08-31T00:00:00Z'),
    amountRequestedOre: 1_000_000n,
    round: {
      id: 'round-1',
      name: 'Sommerpuljen 2026',
      closesAt: new Date('2026-06-01T08:00:00Z'),
      decisionCriteria: [],
      processSettings: { reconsiderationPeriod: 'P4W' },
      legalFrame: {
        legalBasis: 'serviceloven § 18',
        guidelines: { name: 'Retningslinjer for § 18-puljen 2026', adoptedOn: '2025-11-20', adoptedBy: 'Social- og Sundhedsudvalget' },
        decisionMaker: { kind: 'committee', body: 'Social- og Sundhedsudvalget', meetingDate: '2026-06-10' },
        contact: { name: 'Lise Frandsen', phone: '55 36 10 10', email: 'puljer@vordingborg.dk' },
      },
    },
  } as unknown as Application & { round: FundingRound };
}

const EXPECTED: Record<LetterLanguage, string[]> = {
  da: [
    'AFVISNING AF ANSØGNING',
    'Vi kan ikke behandle jeres ansøgning, fordi den kom efter fristen',
    'Ansøgningsfristen var 1. juni 2026 kl. 10.00',
    'Vi modtog jeres ansøgning 1. juni 2026 kl. 12.00, altså efter fristen',
    'Derfor har vi ikke vurderet ansøgningens indhold',
    'Skriv senest den 6. juli 2026',
    'Ankestyrelsen',
    'Folketingets Ombudsmand',
    'puljens kontaktperson, Lise Frandsen, på telefon 55 36 10 10 eller puljer@vordingborg.dk',
    'Ordforklaringer: afvisning, begrundelse, klagevejledning, aktindsigt er forklaret på',
    'https://tilskud.vordingborg.dk/ordliste',
  ],
  // A Danish municipality's letter in bokmål states Danish law (a Norwegian one's: tests/unit/norwegian-legal-frame.test.ts).
  nb: ['Vi kan ikke behandle søknaden deres fordi den kom etter fristen', 'Vedtaket kan ikke påklages til en annen myndighet', 'Ankestyrelsen', 'den danske forvaltningsloven § 9', 'Lise Frandsen'],
  en: ['We cannot consider your application because it arrived after the deadline', 'The deadline was 1 June 2026', 'We have therefore not assessed', 'Ankestyrelsen', 'Lise Frandsen'],
};

describe('the afvisning letter', () => {
  it.each(['da', 'nb', 'en'] as const)('in %s states the deadline, the arrival time, the frame and the complaint guidance, as a tagged PDF/A', async (language) => {
    const data = afvisningLetterData({ application: lateApplication(language), date: new Date('2026-06-08T09:00:00Z'), municipality: MUNICIPALITY });
    expect(data.caseworker.name).toBe('Social og Sundhed, Frivillighed');
    const pdf = await renderAfvisningLetter(data);
    expectArchivalPdf(pdf, { da: 'da-DK', nb: 'nb-NO', en: 'en-GB' }[language], ['Document', 'H1', 'H2', 'P', 'Table', 'TR', 'TH', 'TD']);
    const [parsed] = await parsePdfs([pdf]);
    for (const phrase of EXPECTED[language]) expect(parsed!.text).toContain(phrase);
    expect(parsed!.info.Title).toContain(data.reference);
    // The round's grants are decided by a committee at its meeting; a late application is refused by the administration.
    const decidedBy = { da: 'truffet af forvaltningen efter delegation', nb: 'fattet av administrasjonen etter delegert myndighet', en: 'made by the municipal administration under powers delegated' }[language];
    expect(parsed!.text.replace(/\s+/g, ' ')).toContain(decidedBy);
    expect(parsed!.text).not.toMatch(/10\. juni 2026|10 June 2026|10\. juni 2026/);
    const folder = path.join(os.tmpdir(), 'grantflow-letter-samples');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `afvisning-${language}.pdf`), pdf);
  });
});
