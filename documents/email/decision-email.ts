import { link, paragraph } from './blocks';
import { caseValues, type CaseEmailComposer } from './case-email-body';
import type { EmailData } from './types';
import type { GlossaryTerm } from '../../domain/glossary';
import { lawWording, type Locale } from '../../locale';
import { payoutTermOf } from './payout-email';

/** The email that carries the decision letter (attached by the caller as a PDF). */
export const decisionEmail: CaseEmailComposer<EmailData['decision']> = (d, { t, money, date, deadline }) => {
  const values = { ...caseValues(d), amount: money(d.amountGrantedOre) };
  const granted = d.outcome !== 'rejected';
  return {
    subject: granted ? t('mail.decision.subject.granted', values) : t('mail.decision.subject.rejected', values),
    blocks: [
      d.replacesEarlier && paragraph(t('mail.decision.replacesEarlier')),
      paragraph(t(`mail.decision.intro.${d.outcome}`, values)),
      paragraph(granted ? t('mail.decision.letter.granted') : t('mail.decision.letter.rejected')),
      granted && !d.replacesEarlier && paragraph(payoutSentence(d, t, date, deadline)),
      d.replacesEarlier && d.differenceOre !== undefined && d.differenceOre !== 0n && paragraph(differenceSentence(d.differenceOre, d.payoutDate, d.payoutAccount, t, money, date)),
      link(t('mail.decision.link'), d.caseUrl),
      paragraph(t(lawWording('mail.decision.questions', d.law))),
    ],
    // Paid to the account the organisation gave, or to the NemKonto (Denmark only: Norway has none).
    terms: ({ approved: ['tilsagn', payoutTermOf(d), 'afrapportering'], partially_approved: ['tilsagn', 'begrundelse', payoutTermOf(d), 'afrapportering', 'klagevejledning'], rejected: ['begrundelse', 'klagevejledning'] }[d.outcome] as GlossaryTerm[]).filter(
      (term) => d.law !== 'NO' || term !== 'nemkonto',
    ),
  };
};

/** The email that carries the afvisning of a late application (its letter attached by the caller). */
export const afvisningEmail: CaseEmailComposer<EmailData['afvisning']> = (d, { t, dateTime, deadline }) => ({
  subject: t('mail.afvisning.subject', caseValues(d)),
  blocks: [
    paragraph(t('mail.afvisning.intro', { ...caseValues(d), round: d.roundName })),
    paragraph(t('mail.afvisning.times', { deadline: deadline(d.deadline, 'long'), receivedAt: dateTime(d.receivedAt, 'long') })),
    paragraph(t('mail.afvisning.notAssessed')),
    paragraph(t('mail.afvisning.letter')),
    link(t('mail.decision.link'), d.caseUrl),
    paragraph(t('mail.afvisning.applyAgain')),
  ],
  terms: ['afvisning', 'begrundelse', 'klagevejledning'],
});
/** What a changed decision means for the money: the difference paid on a date, or to be paid back. */
function differenceSentence(differenceOre: bigint, payoutDate: Date | undefined, account: string | undefined, t: Locale['t'], money: Locale['money'], date: Locale['date']): string {
  if (differenceOre < 0n) return t('mail.decision.difference.payBack', { amount: money(-differenceOre) });
  const amount = money(differenceOre);
  if (account) return payoutDate ? t('mail.decision.difference.paidOnToAccount', { amount, date: date(payoutDate), account }) : t('mail.decision.difference.paidToAccount', { amount, account });
  return payoutDate ? t('mail.decision.difference.paidOn', { amount, date: date(payoutDate) }) : t('mail.decision.difference.paid', { amount });
}

/**
 * When and where a grant's money comes: on a date or as the letter says, to the NemKonto or to the
 * (masked) account the organisation gave — or once the grant is accepted.
 */
function payoutSentence(d: EmailData['decision'], t: Locale['t'], date: Locale['date'], deadline: Locale['deadline']): string {
  if (d.acceptBy) return t('mail.decision.payout.afterAcceptance', { date: deadline(d.acceptBy) });
  const account = d.payoutAccount;
  if (d.payoutDate) return account ? t('mail.decision.payout.onDateToAccount', { date: date(d.payoutDate), account }) : t('mail.decision.payout.onDate', { date: date(d.payoutDate) });
  return account ? t('mail.decision.payout.inLetterToAccount', { account }) : t('mail.decision.payout.inLetter');
}
