import { CONSULTATION_MAX_DEADLINE_MS, consultationDeadlineProblem, consultationReminderOffsets } from '../../domain/consultation';
import { consultationSchema } from '../../domain/consultation-schema';
import { renderDecisionLetter, type DecisionLetterData, type LetterLanguage } from '../../documents/letter';
import { parsePdf } from '../support/pdf-text';
import { sampleLetterCommon } from '../support/letter-fixtures';

// Partshøring: the rules for its input and deadline, and the paragraph the decision letter gets.

const NOW = new Date('2026-12-03T09:00:00Z');
const DAY = 86_400_000;

describe('a partshøring’s answer deadline', () => {
  it('must lie ahead, and at most eight weeks ahead', () => {
    expect(consultationDeadlineProblem(new Date(NOW.getTime() + 14 * DAY), NOW)).toBeUndefined();
    expect(consultationDeadlineProblem(new Date(NOW.getTime() + CONSULTATION_MAX_DEADLINE_MS), NOW)).toBeUndefined();
    expect(consultationDeadlineProblem(NOW, NOW)).toEqual({ field: 'answerBy', messageKey: 'errors.consultation.deadlinePast' });
    expect(consultationDeadlineProblem(new Date(NOW.getTime() - DAY), NOW)?.messageKey).toBe('errors.consultation.deadlinePast');
    expect(consultationDeadlineProblem(new Date(NOW.getTime() + CONSULTATION_MAX_DEADLINE_MS + 1), NOW)?.messageKey).toBe('errors.consultation.deadlineTooFar');
    expect(consultationDeadlineProblem(new Date('not a date'), NOW)?.messageKey).toBe('errors.consultation.deadlineInvalid');
  });

  it('gets reminders as long before it as the round’s reminders come before the round’s deadline', () => {
    const sent = NOW.getTime();
    // The round: answer within 14 days, reminders after 7 and 12 days (7 and 2 days before the deadline).
    const remind = (deadlineDays: number) => consultationReminderOffsets([7 * DAY, 12 * DAY], 14 * DAY, sent, sent + deadlineDays * DAY).map((ms) => ms / DAY);
    expect(remind(14)).toEqual([7, 12]);
    expect(remind(56)).toEqual([49, 54]);
    expect(remind(8)).toEqual([1, 6]);
    expect(remind(7)).toEqual([5]);
    expect(remind(2)).toEqual([]);
  });
});

describe('a partshøring’s input', () => {
  it('needs at least one fact with words in it; a source is optional and must be known', () => {
    expect(consultationSchema.safeParse({ facts: [{ text: 'CVR viser ingen aktivitet i kommunen.', source: 'register' }] }).success).toBe(true);
    expect(consultationSchema.safeParse({ facts: [{ text: 'Egen optælling: 6 deltagere.' }], message: 'Skriv, hvis det er forkert.', answerBy: '2026-12-17T22:59:00Z' }).success).toBe(true);
    for (const bad of [{}, { facts: [] }, { facts: [{ text: '   ' }] }, { facts: [{ text: 'x', source: 'rumour' }] }, { facts: [{ text: 'x' }], answerBy: '17/12' }]) {
      expect(consultationSchema.safeParse(bad).success).toBe(false);
    }
  });
});

function letter(language: LetterLanguage, consultation: DecisionLetterData['consultation']): DecisionLetterData {
  return {
    ...sampleLetterCommon({ language }),
    outcome: 'rejected',
    amountRequestedOre: 1_200_000n,
    amountGrantedOre: 0n,
    reasons: { criteria: ['Aktiviteten når kun få i målgruppen.'], text: 'Jeres rapport for 2025 viser 6 deltagere pr. gang.' },
    conditions: [],
    consultation,
  };
}

const text = async (data: DecisionLetterData) => (await parsePdf(await renderDecisionLetter(data))).text.replace(/\s+/g, ' ');
const heard = { sentAt: new Date('2026-12-03T09:00:00Z'), answerBy: new Date('2026-12-17T22:59:00Z') };

describe('the decision letter after a partshøring', () => {
  it.each([
    ['da', 'Vi sendte jer den 3. december 2026 de oplysninger', 'Vi modtog jeres bemærkninger den 8. december 2026 og har inddraget dem i afgørelsen.', 'I svarede ikke inden fristen den 17. december 2026.'],
    ['nb', 'Vi sendte dere 3. desember 2026 opplysningene', 'Vi mottok merknadene deres 8. desember 2026', 'Dere svarte ikke innen fristen 17. desember 2026.'],
    ['en', 'On 3 December 2026 we sent you the information we have relied on', 'We received your comments on 8 December 2026', 'You did not answer by the deadline of 17 December 2026.'],
  ] as const)('in %s says when the facts were sent, and when the comments came or that none came', async (language, sent, answered, unanswered) => {
    const withComments = await text(letter(language, { ...heard, answeredAt: new Date('2026-12-08T14:30:00Z') }));
    expect(withComments).toContain(sent);
    expect(withComments).toContain(answered);
    const withoutComments = await text(letter(language, heard));
    expect(withoutComments).toContain(unanswered);
    expect(withoutComments).not.toContain(answered);
  });

  it('says nothing of a partshøring when there was none', async () => {
    expect(await text(letter('da', undefined))).not.toContain('partshøring');
  });
});
