import { link, paragraph } from './blocks';
import { caseValues, type CaseEmailComposer } from './case-email-body';
import type { EmailData } from './types';

/** The email that carries the decision letter (attached by the caller as a PDF). */
export const decisionEmail: CaseEmailComposer<EmailData['decision']> = (d, { t, money, date }) => {
  const values = { ...caseValues(d), amount: money(d.amountGrantedOre) };
  const granted = d.outcome !== 'rejected';
  return {
    subject: granted ? t('mail.decision.subject.granted', values) : t('mail.decision.subject.rejected', values),
    blocks: [
      d.replacesEarlier && paragraph(t('mail.decision.replacesEarlier')),
      paragraph(t(`mail.decision.intro.${d.outcome}`, values)),
      paragraph(granted ? t('mail.decision.letter.granted') : t('mail.decision.letter.rejected')),
      granted && paragraph(d.payoutDate ? t('mail.decision.payout.onDate', { date: date(d.payoutDate) }) : t('mail.decision.payout.inLetter')),
      link(t('mail.decision.link'), d.caseUrl),
      paragraph(t('mail.decision.questions')),
    ],
  };
};
