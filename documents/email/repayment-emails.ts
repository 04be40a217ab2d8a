import type { Locale } from '../../locale';
import { link, paragraph } from './blocks';
import { caseValues, type CaseEmailComposer } from './case-email-body';
import type { EmailCommon, RepaymentDetails } from './types';

// The emails of a repayment: the decision (claim, waiver, carry-over; the letter is attached by
// the caller), reminders before and after the payment deadline, and the payment registered.

type RepaymentEmail = CaseEmailComposer<EmailCommon & RepaymentDetails>;

/** Amount, deadline and account as every sentence about paying fills them in. */
function paymentValues(d: EmailCommon & RepaymentDetails, { money, date }: Locale) {
  const [registration = d.account, account = ''] = d.account.split(' ');
  return {
    ...caseValues(d),
    amount: money(d.claimedOre),
    unspent: money(d.proposedOre),
    dueAt: d.dueAt ? date(d.dueAt) : '',
    registration,
    account,
    continues: d.nextGrantYear ? 'yes' : 'no',
    nextYear: d.nextGrantYear ?? 0,
  };
}

export const repaymentClaimEmail: RepaymentEmail = (d, locale) => {
  const { t } = locale;
  const values = paymentValues(d, locale);
  return {
    subject: t('mail.repayment.claim.subject', values),
    blocks: [
      paragraph(t('mail.repayment.claim.intro', values)),
      paragraph(t('mail.repayment.howToPay', values)),
      paragraph(t('mail.repayment.claim.disagree')),
      link(t('mail.link.seeCase'), d.caseUrl),
    ],
    terms: ['begrundelse', 'klagevejledning'],
  };
};

export const repaymentWaivedEmail: RepaymentEmail = (d, locale) => ({
  subject: locale.t('mail.repayment.waived.subject', caseValues(d)),
  blocks: [paragraph(locale.t('mail.repayment.waived.intro', paymentValues(d, locale))), paragraph(locale.t('mail.repayment.letterAttached')), link(locale.t('mail.link.seeCase'), d.caseUrl)],
});

export const repaymentCarriedOverEmail: RepaymentEmail = (d, locale) => ({
  subject: locale.t('mail.repayment.carriedOver.subject', caseValues(d)),
  blocks: [
    paragraph(locale.t('mail.repayment.carriedOver.intro', { ...paymentValues(d, locale), newPeriodEnd: d.newPeriodEnd ? locale.date(d.newPeriodEnd) : '' })),
    paragraph(locale.t('mail.repayment.letterAttached')),
    link(locale.t('mail.link.seeCase'), d.caseUrl),
  ],
});

export const repaymentReminderEmail: RepaymentEmail = (d, locale) => {
  const values = paymentValues(d, locale);
  return {
    subject: locale.t('mail.repayment.reminder.subject', values),
    blocks: [paragraph(locale.t('mail.repayment.reminder.intro', values)), paragraph(locale.t('mail.repayment.howToPay', values)), paragraph(locale.t('mail.repayment.alreadyPaid')), link(locale.t('mail.link.seeCase'), d.caseUrl)],
  };
};

export const repaymentOverdueEmail: RepaymentEmail = (d, locale) => {
  const values = paymentValues(d, locale);
  return {
    subject: locale.t('mail.repayment.overdue.subject', values),
    blocks: [
      paragraph(locale.t('mail.repayment.overdue.intro', values)),
      paragraph(locale.t('mail.repayment.howToPayNow', values)),
      paragraph(locale.t('mail.repayment.overdue.help')),
      paragraph(locale.t('mail.repayment.alreadyPaid')),
      link(locale.t('mail.link.seeCase'), d.caseUrl),
    ],
  };
};

export const repaymentPaidEmail: RepaymentEmail = (d, locale) => ({
  subject: locale.t('mail.repayment.paid.subject', caseValues(d)),
  blocks: [paragraph(locale.t('mail.repayment.paid.intro', { ...paymentValues(d, locale), paidOn: d.paidOn ? locale.date(d.paidOn) : '' })), link(locale.t('mail.link.seeCase'), d.caseUrl)],
});
