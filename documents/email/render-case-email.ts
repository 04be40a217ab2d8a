import type { Language } from '../../lib/languages';
import { localeFor } from '../../locale';
import { informationReminderEmail, informationRequestEmail, lapsedEmail, receiptEmail, withdrawnEmail } from './application-emails';
import type { CaseEmailComposer } from './case-email-body';
import { consultationEmail, consultationReminderEmail } from './consultation-emails';
import { afvisningEmail, decisionEmail } from './decision-email';
import { paidEmail } from './payout-email';
import { grantChangeDecidedEmail, grantDeclinedEmail } from './grant-change-emails';
import { acceptanceReminderEmail, acceptanceRequestedEmail, grantLapsedEmail } from './acceptance-emails';
import { backToCaseworkerEmail } from './caseworker-emails';
import { termsBlock } from './terms';
import { assembleEmail, assertWebLink } from './frame';
import { reportAcceptedEmail, reportEscalationEmail, reportOverdueEmail, reportReminderEmail, reportReturnedEmail } from './report-emails';
import { appealsBoardDecisionEmail, reconsiderationForwardedEmail, reconsiderationReceivedEmail, reconsiderationUpheldEmail } from './reconsideration-emails';
import { repaymentCarriedOverEmail, repaymentClaimEmail, repaymentOverdueEmail, repaymentPaidEmail, repaymentReminderEmail, repaymentWaivedEmail } from './repayment-emails';
import type { EmailData, EmailKind, RenderedEmail } from './types';

const COMPOSERS: { [K in EmailKind]: CaseEmailComposer<EmailData[K]> } = {
  receipt: receiptEmail,
  information_request: informationRequestEmail,
  information_reminder: informationReminderEmail,
  consultation: consultationEmail,
  consultation_reminder: consultationReminderEmail,
  lapsed: lapsedEmail,
  withdrawn: withdrawnEmail,
  decision: decisionEmail,
  paid: paidEmail,
  report_reminder: reportReminderEmail,
  report_overdue: reportOverdueEmail,
  report_accepted: reportAcceptedEmail,
  report_returned: reportReturnedEmail,
  report_escalation: reportEscalationEmail,
  back_to_caseworker: backToCaseworkerEmail,
  afvisning: afvisningEmail,
  reconsideration_received: reconsiderationReceivedEmail,
  reconsideration_upheld: reconsiderationUpheldEmail,
  reconsideration_forwarded: reconsiderationForwardedEmail,
  appeals_board_decision: appealsBoardDecisionEmail,
  repayment_claim: repaymentClaimEmail,
  repayment_waived: repaymentWaivedEmail,
  repayment_carried_over: repaymentCarriedOverEmail,
  repayment_reminder: repaymentReminderEmail,
  repayment_overdue: repaymentOverdueEmail,
  repayment_paid: repaymentPaidEmail,
  grant_declined: grantDeclinedEmail,
  grant_change_decided: grantChangeDecidedEmail,
  acceptance_requested: acceptanceRequestedEmail,
  acceptance_reminder: acceptanceReminderEmail,
  grant_lapsed: grantLapsedEmail,
};

/** One email about a case in the reader's language, as plain text and as simple, accessible HTML. */
export function renderEmail<K extends EmailKind>(kind: K, data: EmailData[K], language: Language): RenderedEmail {
  assertWebLink(data.caseUrl);
  const locale = localeFor(language);
  const { t } = locale;
  const body = (COMPOSERS[kind] as CaseEmailComposer<EmailData[K]>)(data, locale);
  return assembleEmail(language, {
    subject: body.subject,
    greeting: body.greeting ?? t('mail.greeting', { name: data.contactName }),
    blocks: [...body.blocks, termsBlock(locale, data.glossaryUrl, body.terms ?? [], data.law)],
    signOff: body.signOff ?? t('mail.signOff', { municipality: data.municipalityName }),
    footer: `${t('mail.contact', data.contact)}\n${t('mail.footer', { reference: data.reference })}`,
  });
}
