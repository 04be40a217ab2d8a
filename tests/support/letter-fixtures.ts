import type { LetterCommon } from '../../documents/letter';

/** What every letter about a case carries, for tests that render one: a Danish § 18 round's case. */
export function sampleLetterCommon(overrides: Partial<LetterCommon> = {}): LetterCommon {
  return {
    language: 'da',
    municipality: {
      name: 'Vordingborg Kommune',
      department: 'Social og Sundhed, Frivillighed',
      address: 'Valdemarsgade 43, 4760 Vordingborg',
      email: 'frivillig@vordingborg.dk',
      phone: '55 36 36 36',
    },
    frame: {
      law: 'DK',
      legalBasis: 'serviceloven § 18',
      guidelines: { name: 'Retningslinjer for § 18-puljen 2026', adoptedOn: '2025-11-20', adoptedBy: 'Social- og Sundhedsudvalget' },
      decisionMaker: { kind: 'delegation', body: 'Social- og Sundhedsudvalget' },
      contact: { name: 'Lise Frandsen', phone: '55 36 10 10', email: 'puljer@vordingborg.dk' },
      reconsiderBy: new Date('2027-01-07T09:00:00Z'),
    },
    glossaryUrl: 'https://tilskud.example.dk/ordliste',
    date: new Date('2026-12-10T09:00:00Z'),
    reference: 'GF-2026-00042',
    recipient: { organizationName: 'Foreningen Nabohjælp Stege', cvr: '13748136', contactName: 'Birthe Hansen' },
    roundName: '§ 18-puljen 2026',
    project: { title: 'Strikkecafé', startDate: '2027-01-01', endDate: '2027-06-30' },
    caseworker: { name: 'Mette Sørensen', email: 'mette.sorensen@kommune.example' },
    ...overrides,
  };
}
