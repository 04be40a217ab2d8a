import { link, paragraph } from './blocks';
import { caseValues, type CaseEmailComposer } from './case-email-body';
import type { EmailData } from './types';
import type { Locale } from '../../locale';

// Acceptance before payout: the link to the signatory, a reminder before the deadline, and the
// notice that the grant lapsed (its letter attached by the caller).

/** Under the register's signing rule the link may have to go on to one who signs; else it stays with the named signatory. */
function linkNote(d: EmailData['acceptance_requested'], t: Locale['t']): string {
  return t(d.signingRule ? 'mail.acceptance.forward' : 'mail.acceptance.linkPersonal');
}

/** Who may sign, in words: the register's signing rule, or the person the association named. */
function whoSigns(d: EmailData['acceptance_requested'], t: Locale['t']): string {
  if (d.signingRule) return t('mail.acceptance.register', { rule: d.signingRule, names: d.signatories.join(', ') });
  return t('mail.acceptance.named', { name: d.signatories[0] ?? d.contactName });
}

export const acceptanceRequestedEmail: CaseEmailComposer<EmailData['acceptance_requested']> = (d, { t, money, deadline }) => ({
  subject: t('mail.acceptance.subject', caseValues(d)),
  blocks: [
    paragraph(t('mail.acceptance.intro', { ...caseValues(d), amount: money(d.amountGrantedOre) })),
    paragraph(whoSigns(d, t)),
    paragraph(t('mail.acceptance.deadline', { date: deadline(d.acceptBy) })),
    link(t('mail.acceptance.link'), d.caseUrl),
    paragraph(linkNote(d, t)),
  ],
  terms: ['tilsagn', 'nemkonto'],
});

export const acceptanceReminderEmail: CaseEmailComposer<EmailData['acceptance_reminder']> = (d, { t, money, deadline }) => ({
  subject: t('mail.acceptanceReminder.subject', caseValues(d)),
  blocks: [
    paragraph(t('mail.acceptanceReminder.intro', { ...caseValues(d), amount: money(d.amountGrantedOre), date: deadline(d.acceptBy) })),
    paragraph(whoSigns(d, t)),
    link(t('mail.acceptance.link'), d.caseUrl),
    paragraph(linkNote(d, t)),
  ],
  terms: ['tilsagn'],
});

export const grantLapsedEmail: CaseEmailComposer<EmailData['grant_lapsed']> = (d, { t, money, deadline }) => ({
  subject: t('mail.grantLapsed.subject', caseValues(d)),
  blocks: [
    paragraph(t('mail.grantLapsed.intro', { ...caseValues(d), amount: money(d.amountGrantedOre), date: deadline(d.acceptBy) })),
    paragraph(t('mail.grantLapsed.letter')),
    paragraph(t('mail.grantLapsed.contact')),
    link(t('mail.link.seeCase'), d.caseUrl),
  ],
  terms: ['tilsagn'],
});
