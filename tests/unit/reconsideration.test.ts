import { renderReconsiderationLetter, DecisionLetterError, type ReconsiderationLetterData, type ReconsiderationLetterKind } from '../../documents/letter';
import { answerReasonsProblems, answersAllowed, payoutDifferenceOre, reconsiderationProcedure } from '../../domain/reconsideration';
import { boardDecisionSchema, reconsiderationAnswerSchema, reconsiderationRequestSchema } from '../../domain/reconsideration-input';
import type { Language } from '../../lib/languages';
import { expectArchivalPdf } from '../support/pdf-bytes';
import { parsePdf } from '../support/pdf-text';
import { sampleLetterCommon } from '../support/letter-fixtures';

describe('the rules of reconsideration', () => {
  it('follows the Norwegian klage in a Norwegian municipality, the Danish reconsideration in a Danish one, whatever the language', () => {
    expect(reconsiderationProcedure('NO')).toBe('klage');
    expect(reconsiderationProcedure('DK')).toBe('reconsideration');
    expect(answersAllowed('reconsideration')).toEqual(['uphold', 'change']);
    // fvl § 33: the municipality changes the decision or sends the klage on; it never upholds it alone.
    expect(answersAllowed('klage')).toEqual(['change', 'forward']);
  });

  it('needs a real begrundelse to uphold: a criterion, or facts beyond "the funds are limited"', () => {
    expect(answerReasonsProblems({ criteria: [], text: '' })).toEqual([{ field: 'reasons', messageKey: 'errors.decision.reasonsRequired' }]);
    expect(answerReasonsProblems({ criteria: [], text: 'Puljens midler er begrænsede.' })).toEqual([{ field: 'reasons', messageKey: 'errors.decision.reasonsOnlyFunds' }]);
    expect(answerReasonsProblems({ criteria: ['target_group'], text: '' })).toEqual([]);
    expect(answerReasonsProblems({ criteria: [], text: 'Det nye budget viser stadig husleje, som puljen ikke dækker.' })).toEqual([]);
  });

  it('pays a higher amount’s difference and claims a lower one back', () => {
    expect(payoutDifferenceOre(800_000, 1_200_000)).toBe(400_000);
    expect(payoutDifferenceOre(1_200_000, 800_000)).toBe(-400_000);
  });

  it('asks the association for its reasons and a changed decision for outcome and amount', () => {
    expect(reconsiderationRequestSchema.safeParse({ reasons: '   ' }).success).toBe(false);
    expect(reconsiderationRequestSchema.parse({ reasons: ' Vi er uenige. ' })).toEqual({ reasons: 'Vi er uenige.', documentIds: [] });
    const change = reconsiderationAnswerSchema.safeParse({ answer: 'change', reasons: { text: 'x' } });
    expect(change.success ? [] : change.error.issues.map((i) => i.path.join('.'))).toEqual(['outcome']);
    expect(boardDecisionSchema.safeParse({ boardOutcome: 'upheld', decidedOn: '2027-02-30', text: 'Stadfæstet.' }).success).toBe(false);
    expect(boardDecisionSchema.safeParse({ boardOutcome: 'upheld', decidedOn: '2027-02-15', text: 'Stadfæstet.' }).success).toBe(true);
  });
});

const BASE: Omit<ReconsiderationLetterData, 'kind' | 'language'> = {
  ...sampleLetterCommon({
    caseworker: { name: 'Karen Sagsbehandler', title: 'Sagsbehandler', email: 'karen@eksempel.dk', phone: '99 99 99 01' },
    date: new Date('2027-01-20T10:00:00Z'),
  }),
  requestedAt: new Date('2027-01-05T10:00:00Z'),
  decisionDate: new Date('2026-12-15T10:00:00Z'),
  reasons: { criteria: ['Aktiviteten når kun få i målgruppen.'], text: 'Det nye budget ændrer ikke, hvem aktiviteten når.' },
  board: { decidedOn: new Date('2027-03-01T12:00:00Z'), text: 'Klagenemnda er enig i kommunens vurdering.' },
};

const KINDS: ReconsiderationLetterKind[] = ['upheld', 'forwarded', 'board_upheld'];
const LANGUAGES: Language[] = ['da', 'nb', 'en'];

describe.each(KINDS.flatMap((kind) => LANGUAGES.map((language) => [kind, language] as const)))('the %s letter in %s', (kind, language) => {
  it('is a tagged PDF/A with embedded fonts that says what happened and who to contact', async () => {
    const pdf = await renderReconsiderationLetter({ ...BASE, kind, language });
    expectArchivalPdf(pdf, { da: 'da-DK', nb: 'nb-NO', en: 'en-GB' }[language], ['H1', 'P']);
    const text = (await parsePdf(pdf)).text.replace(/\s+/g, ' ');
    expect(text).toContain('GF-2026-00042');
    expect(text).toContain('Karen Sagsbehandler');
    expect(text).toContain(kind === 'board_upheld' ? 'Klagenemnda er enig' : 'Det nye budget ændrer ikke');
    if (kind === 'board_upheld') expect(text).not.toContain('Aktiviteten når kun få');
  });
});

describe('the complaint guidance after a reconsideration', () => {
  it.each([
    ['da', 'Folketingets Ombudsmand', 'genvurdering'],
    ['en', 'Folketingets Ombudsmand', 'reconsideration)'],
    ['nb', 'Folketingets Ombudsmand', 'be oss om å se på vedtaket på nytt'],
  ] as const)('in %s points to what remains, and no longer offers to reconsider again', async (language, remains, offeredBefore) => {
    const upheld = (await parsePdf(await renderReconsiderationLetter({ ...BASE, kind: 'upheld', language }))).text.replace(/\s+/g, ' ');
    expect(upheld).toContain(remains);
    expect(upheld).not.toContain(offeredBefore);
  });

  it('is left out of a forwarded klage and of the klagenemnd’s decision, which say what comes next themselves', async () => {
    for (const kind of ['forwarded', 'board_upheld'] as const) {
      const text = (await parsePdf(await renderReconsiderationLetter({ ...BASE, frame: { ...BASE.frame, law: 'NO' }, kind, language: 'nb' }))).text.replace(/\s+/g, ' ');
      expect(text).not.toContain('Klagefristen er 3 uker');
      expect(text).not.toContain('Sivilombudet. Klagen må sendes innen ett år');
    }
  });
});

describe('a letter that may not be sent', () => {
  it('refuses to uphold or forward without a begrundelse', async () => {
    for (const kind of ['upheld', 'forwarded'] as const) {
      await expect(renderReconsiderationLetter({ ...BASE, kind, language: 'da', reasons: { criteria: [], text: 'Puljens midler er begrænsede.' } })).rejects.toBeInstanceOf(DecisionLetterError);
    }
    await expect(renderReconsiderationLetter({ ...BASE, kind: 'board_upheld', language: 'nb', board: { decidedOn: new Date(), text: ' ' } })).rejects.toBeInstanceOf(DecisionLetterError);
  });
});
