import { link, paragraph } from './blocks';
import { caseValues, type CaseEmailComposer } from './case-email-body';
import type { EmailData } from './types';

/** Finance confirmed the payout: the money went out, on this date. */
export const paidEmail: CaseEmailComposer<EmailData['paid']> = (d, { t, money, date }) => ({
  subject: t('mail.paid.subject', caseValues(d)),
  blocks: [
    paragraph(t('mail.paid.intro', { ...caseValues(d), amount: money(d.amountOre), date: date(d.paidOn) })),
    paragraph(t('mail.paid.closing')),
    link(t('mail.link.seeCase'), d.caseUrl),
  ],
  terms: ['nemkonto', 'afrapportering'],
});
