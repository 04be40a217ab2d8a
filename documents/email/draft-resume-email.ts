import type { Language } from '../../lib/languages';
import { localeFor } from '../../locale';
import { link, paragraph } from './blocks';
import { assembleEmail, assertWebLink } from './frame';
import type { DraftResumeData, RenderedEmail } from './types';

/** The email with a draft's private link, so an association can continue the form later. */
export function renderDraftResumeEmail(d: DraftResumeData, language: Language): RenderedEmail {
  assertWebLink(d.resumeUrl);
  const { t, dateTime, deadline } = localeFor(language);
  return assembleEmail(language, {
    subject: t('mail.draftResume.subject', { round: d.roundName }),
    greeting: t('mail.draftResume.greeting'),
    blocks: [
      paragraph(t('mail.draftResume.saved', { round: d.roundName, savedAt: dateTime(d.savedAt, 'long') })),
      link(t('mail.draftResume.link'), d.resumeUrl),
      d.closesAt && paragraph(t('mail.draftResume.closesAt', { closesAt: deadline(d.closesAt, 'long') })),
      paragraph(t('mail.draftResume.notSent')),
      paragraph(t('mail.draftResume.personal')),
    ],
    signOff: t('mail.signOff', { municipality: d.municipalityName }),
    footer: `${t('mail.contact', d.contact)}\n${t('mail.draftResume.footer')}`,
  });
}
