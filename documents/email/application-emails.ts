import { link, list, paragraph, quote } from './blocks';
import { caseValues, type CaseEmailComposer } from './case-email-body';
import type { EmailData, InformationRequestDetails } from './types';

// The emails while an application is being assessed: its receipt, requests for what is missing,
// and its end without a decision.

export const receiptEmail: CaseEmailComposer<EmailData['receipt']> = (d, { t, date, dateTime }) => ({
  subject: t('mail.receipt.subject', caseValues(d)),
  blocks: [
    paragraph(t('mail.receipt.thanks', { ...caseValues(d), round: d.roundName, submittedAt: dateTime(d.submittedAt, 'long') })),
    paragraph(d.expectedAnswerBy ? t('mail.receipt.answerBy', { date: date(d.expectedAnswerBy) }) : t('mail.receipt.answerSoon')),
    paragraph(t('mail.receipt.nothingToDo')),
    link(t('mail.receipt.link'), d.caseUrl),
    paragraph(t('mail.receipt.keepLink')),
  ],
});

const missingItems = (d: InformationRequestDetails, label: string) => [list(d.items), quote(label, d.message)];

export const informationRequestEmail: CaseEmailComposer<EmailData['information_request']> = (d, { t, deadline }) => ({
  subject: t('mail.informationRequest.subject', caseValues(d)),
  blocks: [
    paragraph(t('mail.informationRequest.intro', caseValues(d))),
    ...missingItems(d, t('mail.caseworkerMessage')),
    paragraph(t('mail.informationRequest.answerBy', { date: deadline(d.answerBy) })),
    link(t('mail.link.sendInformation'), d.caseUrl),
    paragraph(t('mail.informationRequest.closing')),
  ],
});

export const informationReminderEmail: CaseEmailComposer<EmailData['information_reminder']> = (d, { t, deadline }) => ({
  subject: t('mail.informationReminder.subject', caseValues(d)),
  blocks: [
    paragraph(t('mail.informationReminder.intro', { ...caseValues(d), date: deadline(d.answerBy) })),
    ...missingItems(d, t('mail.caseworkerMessage')),
    link(t('mail.link.sendInformation'), d.caseUrl),
    paragraph(t('mail.informationReminder.closing')),
  ],
});

export const lapsedEmail: CaseEmailComposer<EmailData['lapsed']> = (d, { t }) => ({
  subject: t('mail.lapsed.subject', caseValues(d)),
  blocks: [paragraph(t('mail.lapsed.intro', caseValues(d))), paragraph(t('mail.lapsed.closing')), link(t('mail.link.seeCase'), d.caseUrl)],
  terms: ['bortfald'],
});

export const withdrawnEmail: CaseEmailComposer<EmailData['withdrawn']> = (d, { t }) => ({
  subject: t('mail.withdrawn.subject', caseValues(d)),
  blocks: [paragraph(t('mail.withdrawn.intro', caseValues(d))), paragraph(t('mail.withdrawn.closing')), link(t('mail.link.seeCase'), d.caseUrl)],
});
