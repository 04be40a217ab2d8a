import { link, paragraph } from './blocks';
import { caseValues, type CaseEmailComposer } from './case-email-body';
import type { EmailData } from './types';
import type { GlossaryTerm } from '../../domain/glossary';

/** The email that carries the decision letter (attached by the caller as a PDF). */
export const decisionEmail: CaseEmailComposer<EmailData['decision']> = (d, { t, money, date }) => {
  const values = { ...caseValues(d), amount: money(d.amountGrantedOre) };
  const granted = d.outcome !== 'rejected';
  return {
    subject: granted ? t('mail.decision.subject.granted', values) : t('mail.decision.subject.rejected', values),
    blocks: [
      paragraph(t(`mail.decision.intro.${d.outcome}`, values)),
      paragraph(granted ? t('mail.decision.letter.granted') : t('mail.decision.letter.rejected')),
      granted && paragraph(d.payoutDate ? t('mail.decision.payout.onDate', { date: date(d.payoutDate) }) : t('mail.decision.payout.inLetter')),
      link(t('mail.decision.link'), d.caseUrl),
      paragraph(t('mail.decision.questions')),
    ],
    terms: { approved: ['tilsagn', 'nemkonto', 'afrapportering'], partially_approved: ['tilsagn', 'begrundelse', 'nemkonto', 'afrapportering', 'klagevejledning'], rejected: ['begrundelse', 'klagevejledning'] }[d.outcome] as GlossaryTerm[],
  };
};

/** The email that carries the afvisning of a late application (its letter attached by the caller). */
export const afvisningEmail: CaseEmailComposer<EmailData['afvisning']> = (d, { t, dateTime }) => ({
  subject: t('mail.afvisning.subject', caseValues(d)),
  blocks: [
    paragraph(t('mail.afvisning.intro', { ...caseValues(d), round: d.roundName })),
    paragraph(t('mail.afvisning.times', { deadline: dateTime(d.deadline, 'long'), receivedAt: dateTime(d.receivedAt, 'long') })),
    paragraph(t('mail.afvisning.notAssessed')),
    paragraph(t('mail.afvisning.letter')),
    link(t('mail.decision.link'), d.caseUrl),
    paragraph(t('mail.afvisning.applyAgain')),
  ],
  terms: ['afvisning', 'begrundelse', 'klagevejledning'],
});
