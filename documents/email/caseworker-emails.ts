import { link, paragraph } from './blocks';
import { caseValues, type CaseEmailComposer } from './case-email-body';
import type { EmailData } from './types';

/** To the caseworker who asked: the association has answered, or its deadline passed; the case is hers again. */
export const backToCaseworkerEmail: CaseEmailComposer<EmailData['back_to_caseworker']> = (d, { t }) => {
  const values = { ...caseValues(d), contact: d.contactName };
  return {
    subject: t(`mail.backToCaseworker.subject.${d.reason}`, values),
    greeting: t('mail.backToCaseworker.greeting', { name: d.caseworkerName }),
    blocks: [paragraph(t(`mail.backToCaseworker.intro.${d.reason}`, values)), paragraph(t('mail.backToCaseworker.yourList')), link(t('mail.backToCaseworker.link'), d.caseUrl)],
    signOff: t('mail.backToCaseworker.signOff', { municipality: d.municipalityName }),
  };
};
