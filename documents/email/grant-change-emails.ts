import { link, paragraph } from './blocks';
import { caseValues, type CaseEmailComposer } from './case-email-body';
import type { EmailData } from './types';

/** The decision on a change request: approved or not, the new report deadline; the letter says why. */
export const grantChangeDecidedEmail: CaseEmailComposer<EmailData['grant_change_decided']> = (d, { t, date }) => ({
  subject: t('mail.grantChangeDecided.subject', caseValues(d)),
  blocks: [
    paragraph(t('mail.grantChangeDecided.intro', caseValues(d))),
    paragraph(t(d.approved ? 'mail.grantChangeDecided.approved' : 'mail.grantChangeDecided.refused')),
    ...(d.reportDueAt ? [paragraph(t('mail.grantChangeDecided.reportDueAt', { date: date(d.reportDueAt) }))] : []),
    link(t('mail.link.seeCase'), d.caseUrl),
  ],
  terms: ['afrapportering'],
});

/** The association declined its grant: nothing is paid (or, once exported, it is to be paid back), the case is closed. */
export const grantDeclinedEmail: CaseEmailComposer<EmailData['grant_declined']> = (d, { t, money }) => ({
  subject: t('mail.grantDeclined.subject', caseValues(d)),
  blocks: [
    paragraph(t('mail.grantDeclined.intro', { ...caseValues(d), amount: money(d.amountGrantedOre) })),
    paragraph(d.exportedOre <= 0n ? t('mail.grantDeclined.notPaid') : t(d.payoutAccount ? 'mail.grantDeclined.alreadyExportedToAccount' : 'mail.grantDeclined.alreadyExported', { amount: money(d.exportedOre) })),
    paragraph(t('mail.grantDeclined.closing')),
    link(t('mail.link.seeCase'), d.caseUrl),
  ],
});
