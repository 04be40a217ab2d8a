import { link, paragraph } from './blocks';
import { caseValues, type CaseEmailComposer } from './case-email-body';
import type { EmailCommon, EmailData } from './types';
import type { GlossaryTerm } from '../../domain/glossary';

/** Where the money goes, as the glossary explains it: the NemKonto, or the account the organisation gave. */
export function payoutTermOf(d: EmailCommon): GlossaryTerm {
  return d.payoutAccount ? 'kontonummer' : 'nemkonto';
}

/** Finance confirmed the payout: the money went out, on this date. */
export const paidEmail: CaseEmailComposer<EmailData['paid']> = (d, { t, money, date }) => ({
  subject: t('mail.paid.subject', caseValues(d)),
  blocks: [
    paragraph(
      d.payoutAccount
        ? t('mail.paid.introToAccount', { ...caseValues(d), amount: money(d.amountOre), date: date(d.paidOn), account: d.payoutAccount })
        : t('mail.paid.intro', { ...caseValues(d), amount: money(d.amountOre), date: date(d.paidOn) }),
    ),
    paragraph(t('mail.paid.closing')),
    link(t('mail.link.seeCase'), d.caseUrl),
  ],
  terms: [payoutTermOf(d), 'afrapportering'],
});
