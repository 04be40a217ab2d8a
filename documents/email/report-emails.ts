import type { Locale, MessageKey } from '../../locale';
import { link, paragraph, quote } from './blocks';
import { caseValues, type CaseEmailComposer } from './case-email-body';
import type { EmailCommon, EmailData, ReportDeadline } from './types';

// The emails about the follow-up report an association sends after its activity.

function deadlineValues(d: ReportDeadline, { t, deadline }: Locale) {
  return { date: deadline(d.dueDate), requirement: t(`common.reportRequirement.${d.requirement}`) };
}

interface DeadlineEmailKeys {
  subject: MessageKey;
  intro: MessageKey;
  requirement: MessageKey;
  closing: MessageKey;
}

/** Before and after the deadline the association is told the same things in a different tone. */
function deadlineEmail(keys: DeadlineEmailKeys): CaseEmailComposer<EmailCommon & ReportDeadline> {
  return (d, locale) => {
    const { t } = locale;
    const values = { ...caseValues(d), ...deadlineValues(d, locale) };
    return {
      subject: t(keys.subject, values),
      blocks: [
        paragraph(t(keys.intro, values)),
        paragraph(t(keys.requirement, values)),
        link(t('mail.link.sendReport'), d.caseUrl),
        paragraph(t(keys.closing)),
      ],
      terms: ['afrapportering'],
    };
  };
}

export const reportReminderEmail = deadlineEmail({
  subject: 'mail.reportReminder.subject',
  intro: 'mail.reportReminder.intro',
  requirement: 'mail.reportReminder.requirement',
  closing: 'mail.reportReminder.closing',
});

export const reportOverdueEmail = deadlineEmail({
  subject: 'mail.reportOverdue.subject',
  intro: 'mail.reportOverdue.intro',
  requirement: 'mail.reportOverdue.requirement',
  closing: 'mail.reportOverdue.closing',
});

export const reportAcceptedEmail: CaseEmailComposer<EmailData['report_accepted']> = (d, { t, money }) => ({
  subject: t('mail.reportAccepted.subject', caseValues(d)),
  blocks: [
    // Money left over is decided on next, in a letter of its own: the case is not over yet.
    d.repaymentProposedOre
      ? paragraph(t('mail.reportAccepted.introRepayment', { ...caseValues(d), amount: money(d.repaymentProposedOre) }))
      : d.nextGrantYear
        ? paragraph(t('mail.reportAccepted.introNextYear', { ...caseValues(d), nextYear: d.nextGrantYear }))
        : paragraph(t('mail.reportAccepted.intro', caseValues(d))),
    quote(t('mail.caseworkerComment'), d.comment),
    paragraph(t(d.repaymentProposedOre ? 'mail.reportAccepted.closingRepayment' : d.nextGrantYear ? 'mail.reportAccepted.closingNextYear' : 'mail.reportAccepted.closing', { nextYear: d.nextGrantYear ?? 0 })),
    link(t('mail.link.seeCase'), d.caseUrl),
  ],
  terms: ['afrapportering'],
});

export const reportReturnedEmail: CaseEmailComposer<EmailData['report_returned']> = (d, { t, deadline }) => ({
  subject: t('mail.reportReturned.subject', caseValues(d)),
  blocks: [
    paragraph(t('mail.reportReturned.intro', caseValues(d))),
    quote(t('mail.caseworkerMessage'), d.comment),
    paragraph(d.dueDate ? t('mail.reportReturned.answerBy', { date: deadline(d.dueDate) }) : t('mail.reportReturned.answerSoon')),
    link(t('mail.reportReturned.link'), d.caseUrl),
  ],
  terms: ['afrapportering'],
});

/** To the caseworker, when an association is well past its deadline. */
export const reportEscalationEmail: CaseEmailComposer<EmailData['report_escalation']> = (d, locale) => {
  const { t } = locale;
  const values = { ...caseValues(d), ...deadlineValues(d, locale), contact: d.contactName, days: d.overdueDays };
  return {
    subject: t('mail.reportEscalation.subject', values),
    greeting: t('mail.reportEscalation.greeting', { name: d.caseworkerName }),
    blocks: [
      paragraph(t('mail.reportEscalation.intro', values)),
      d.remindersSent !== undefined && paragraph(t('mail.reportEscalation.reminders', { count: d.remindersSent })),
      paragraph(t('mail.reportEscalation.advice')),
      link(t('mail.reportEscalation.link'), d.caseUrl),
    ],
    signOff: t('mail.reportEscalation.signOff', { municipality: d.municipalityName }),
  };
};
