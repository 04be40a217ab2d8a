import { lawWording, type Locale } from '../../locale';
import { link, list, paragraph, quote } from './blocks';
import { caseValues, type CaseEmailComposer } from './case-email-body';
import type { ConsultationDetails, EmailData } from './types';

// Partshøring: the facts a decision would rest on, sent to the association for comment with a
// deadline, and the reminder before it.

/** Each fact as the association reads it, with where it comes from when the caseworker said so. */
function factItems(d: ConsultationDetails, { t }: Locale): string[] {
  return d.facts.map((fact) => (fact.source ? t('mail.consultation.factWithSource', { fact: fact.text, source: t(`common.factSource.${fact.source}`) }) : fact.text));
}

export const consultationEmail: CaseEmailComposer<EmailData['consultation']> = (d, locale) => {
  const { t, deadline } = locale;
  return {
    subject: t('mail.consultation.subject', caseValues(d)),
    blocks: [
      paragraph(t(lawWording('mail.consultation.intro', d.law), caseValues(d))),
      list(factItems(d, locale)),
      quote(t('mail.caseworkerMessage'), d.message),
      paragraph(t('mail.consultation.answerBy', { date: deadline(d.answerBy) })),
      link(t('mail.link.sendComments'), d.caseUrl),
      paragraph(t('mail.consultation.closing')),
    ],
  };
};

export const consultationReminderEmail: CaseEmailComposer<EmailData['consultation_reminder']> = (d, locale) => {
  const { t, deadline } = locale;
  return {
    subject: t('mail.consultationReminder.subject', caseValues(d)),
    blocks: [
      paragraph(t('mail.consultationReminder.intro', { ...caseValues(d), date: deadline(d.answerBy) })),
      list(factItems(d, locale)),
      link(t('mail.link.sendComments'), d.caseUrl),
      paragraph(t('mail.consultationReminder.closing')),
    ],
  };
};
