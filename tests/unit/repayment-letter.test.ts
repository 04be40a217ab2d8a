import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderRepaymentLetter, type LetterLanguage, type RepaymentLetterData } from '../../documents/letter';
import { parsePdfs } from '../support/pdf-text';
import { sampleLetterCommon } from '../support/letter-fixtures';

// The repayment letter in each language and outcome: a claim says how much, why, by when and to
// which account, with the complaint guidance; a waiver and a carry-over say so, shortly.

/** Letters of this file, for looking at: pdftoppm -png -r 60 <file> <out> */
const LETTERS_DIR = path.join(os.tmpdir(), 'grantflow-repayment-letter-unit');

function claim(language: LetterLanguage, overrides: Partial<RepaymentLetterData> = {}): RepaymentLetterData {
  return {
    ...sampleLetterCommon({ language }),
    outcome: 'reduced',
    grantedOre: 1_200_000n,
    spentOre: 900_000n,
    proposedOre: 300_000n,
    claimedOre: 200_000n,
    reasons: 'Foreningen har dokumenteret 1.000 kr. til leje af køkken.',
    reportAcceptedAt: new Date('2026-12-08T10:00:00Z'),
    // The end of 9 January 2027 in Copenhagen.
    payment: { dueAt: new Date('2027-01-09T22:59:00Z'), account: '9999 0001234567' },
    ...overrides,
  };
}

const EXPECTED: Record<LetterLanguage, string[]> = {
  // The case page's form is for the grant decision: this one is asked about in writing.
  da: ['I skal betale 2.000 kr. tilbage', 'senest 9. januar 2027', 'Reg.nr. 9999', 'Kontonr. 0001234567', 'Hvis I er uenige i afgørelsen (klagevejledning)', 'Skriv senest den 7. januar 2027 til Lise Frandsen på puljer@vordingborg.dk.'],
  nb: ['Dere skal betale 2 000 DKK tilbake', 'senest 9. januar 2027', 'Registreringsnummer 9999', 'Kontonummer 0001234567'],
  en: ['You must pay DKK 2,000 back', 'by 9 January 2027', 'Sort code (reg. no.) 9999', 'Account number 0001234567'],
};

describe('the repayment letter', () => {
  beforeAll(() => fs.mkdirSync(LETTERS_DIR, { recursive: true }));

  it.each(['da', 'nb', 'en'] as const)('in %s names the amount, the deadline, the account and the reasons, and leaks no placeholder', async (language) => {
    const pdf = await renderRepaymentLetter(claim(language));
    fs.writeFileSync(path.join(LETTERS_DIR, `claim-${language}.pdf`), pdf);
    const [parsed] = await parsePdfs([pdf]);
    for (const expected of [...EXPECTED[language], 'GF-2026-00042', 'Foreningen har dokumenteret 1.000 kr. til leje af køkken.']) expect(parsed!.text).toContain(expected);
    expect(parsed!.text).not.toMatch(/\{\w+\}|undefined|NaN|letter\.repayment/);
  });

  it('a waiver and a carry-over claim nothing and print no payment details', async () => {
    const waived = await renderRepaymentLetter(claim('da', { outcome: 'waived', claimedOre: 0n, payment: undefined }));
    const carried = await renderRepaymentLetter(claim('da', { outcome: 'carried_over', claimedOre: 0n, payment: undefined, newPeriodEnd: new Date('2027-12-31T00:00:00Z') }));
    const [w, c] = await parsePdfs([waived, carried]);
    expect(w!.text).toContain('Vi kræver ikke de 3.000 kr., som ikke er brugt, betalt tilbage.');
    expect(c!.text).toContain('frem til og med 31. december 2027');
    for (const text of [w!.text, c!.text]) expect(text).not.toContain('Kontonr.');
  });

  it('is refused without reasons, or as a claim without a deadline and account', async () => {
    await expect(renderRepaymentLetter(claim('da', { reasons: '  ' }))).rejects.toThrow(/reasons/);
    await expect(renderRepaymentLetter(claim('da', { payment: undefined }))).rejects.toThrow(/deadline/);
  });
});
