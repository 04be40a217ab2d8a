import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePdfs } from '../support/pdf-text';
import { expectArchivalPdf } from '../support/pdf-bytes';
import { sampleLetterCommon } from '../support/letter-fixtures';
import { renderAcceptanceLapseLetter, renderDecisionLetter, type LetterLanguage } from '../../documents/letter';

// Acceptance before payout in the letters: the decision letter of a grant that waits for the
// signatory's acceptance says so instead of a payout date, and the letter saying the grant lapsed
// says what the decision's condition meant, that nothing is paid, and whom to contact.

const SAMPLES = path.join(os.tmpdir(), 'grantflow-acceptance-letters');
const ACCEPT_BY = new Date('2027-01-09T22:59:59.999Z');

const LAPSE_EXPECTED: Record<LetterLanguage, string[]> = {
  da: [
    'MEDDELELSE OM BORTFALD AF TILSKUD',
    'Tilskuddet på 12.000 kr. er bortfaldet',
    'Den 10. december 2026 fik foreningen tilsagn om 12.000 kr. til »Strikkecafé«',
    'Vi sendte et link til accepten til Birthe Hansen. Fristen for at acceptere var 9. januar 2027',
    'Tilskuddet bliver ikke udbetalt, og I skal ikke sende en afrapportering. Sagen er lukket.',
    'Hvis I ikke kunne nå at acceptere',
  ],
  nb: ['Tilskuddet på 12 000 DKK har falt bort', 'Tilskuddet blir ikke utbetalt', 'oppgi saksnummeret'],
  en: ['The grant of DKK 12,000 has lapsed', 'The grant will not be paid, and you do not need to send a report.', 'If you could not accept in time'],
};

describe('letters of a grant that waits for acceptance', () => {
  beforeAll(() => fs.mkdirSync(SAMPLES, { recursive: true }));

  it.each(['da', 'nb', 'en'] as const)('the lapse letter in %s: a tagged PDF/A saying the grant lapsed and is not paid, without complaint guidance', async (language) => {
    const pdf = await renderAcceptanceLapseLetter({
      ...sampleLetterCommon({ language, date: new Date('2027-01-10T08:00:00Z') }),
      amountGrantedOre: 1_200_000n,
      decidedAt: new Date('2026-12-10T09:00:00Z'),
      acceptBy: ACCEPT_BY,
      recipientName: 'Birthe Hansen',
    });
    fs.writeFileSync(path.join(SAMPLES, `lapse-${language}.pdf`), pdf);
    expectArchivalPdf(pdf, { da: 'da-DK', nb: 'nb-NO', en: 'en-GB' }[language], ['Document', 'H1', 'H2', 'P', 'Table', 'TR', 'TH', 'TD']);
    const [parsed] = await parsePdfs([pdf]);
    const text = parsed!.text.replace(/\u00a0/g, ' ');
    for (const phrase of LAPSE_EXPECTED[language]) expect(text).toContain(phrase);
    expect(text).not.toMatch(/Klagevejledning|Klagerett|How to complain/i);
  });

  it('the decision letter of such a grant gives the acceptance deadline instead of a payout date', async () => {
    const letter = {
      ...sampleLetterCommon(),
      outcome: 'approved' as const,
      amountRequestedOre: 1_200_000n,
      amountGrantedOre: 1_200_000n,
      reasons: { criteria: [], text: '' },
      conditions: [],
      reporting: { requirement: 'declaration' as const, dueDate: new Date('2027-09-30T21:59:59.999Z') },
      payoutDate: new Date('2026-12-15T12:00:00Z'),
    };
    const [waiting, paid] = await parsePdfs([await renderDecisionLetter({ ...letter, acceptBy: ACCEPT_BY }), await renderDecisionLetter(letter)]);
    const text = waiting!.text.replace(/\u00a0/g, ' ');
    expect(text).toContain('Accepteres senest 9. januar 2027');
    expect(text).toContain('når foreningens tegningsberettigede har accepteret betingelserne ovenfor');
    expect(text).toContain('Accepterer I ikke tilskuddet inden fristen, bortfalder det, og pengene bliver ikke udbetalt.');
    expect(text).not.toContain('15. december 2026');
    expect(paid!.text.replace(/\u00a0/g, ' ')).toContain('den 15. december 2026');
  });

  it('a long-term grant’s letter pays its first year once the grant is accepted', async () => {
    const letter = {
      ...sampleLetterCommon(),
      outcome: 'approved' as const,
      amountRequestedOre: 2_400_000n,
      amountGrantedOre: 2_400_000n,
      reasons: { criteria: [], text: '' },
      conditions: [],
      reporting: { requirement: 'declaration' as const, dueDate: new Date('2027-09-30T21:59:59.999Z') },
      payoutDate: new Date('2026-12-15T12:00:00Z'),
      grantYears: [
        { year: 1, amountOre: 1_200_000n, reportDueDate: new Date('2027-09-30T21:59:59.999Z') },
        { year: 2, amountOre: 1_200_000n, reportDueDate: new Date('2028-09-30T21:59:59.999Z') },
      ],
      acceptBy: ACCEPT_BY,
    };
    const [parsed] = await parsePdfs([await renderDecisionLetter(letter)]);
    const text = parsed!.text.replace(/\u00a0/g, ' ');
    expect(text).toContain('År 1: 12.000 kr., som vi udbetaler, når tilskuddet er accepteret.');
    expect(text).not.toContain('15. december 2026');
  });
});
