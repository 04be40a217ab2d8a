import type { Language } from '../../lib/languages';
import { localeFor } from '../../locale';
import { link, paragraph } from './blocks';
import { assembleEmail, assertWebLink } from './frame';
import type { NewCaseLinkData, RenderedEmail } from './types';

/** A fresh private link to a case, asked for on the case page; only ever sent to the application's contact. */
export function renderNewCaseLinkEmail(d: NewCaseLinkData, language: Language): RenderedEmail {
  assertWebLink(d.caseUrl);
  const { t } = localeFor(language);
  return assembleEmail(language, {
    subject: t('mail.newCaseLink.subject', { reference: d.reference }),
    greeting: t('mail.newCaseLink.greeting', { name: d.contactName }),
    blocks: [
      paragraph(t('mail.newCaseLink.asked', { organization: d.organizationName, reference: d.reference })),
      link(t('mail.newCaseLink.link'), d.caseUrl),
      paragraph(t('mail.newCaseLink.personal')),
    ],
    signOff: t('mail.signOff', { municipality: d.municipalityName }),
    footer: `${t('mail.contact', d.contact)}\n${t('mail.newCaseLink.footer')}`,
  });
}
