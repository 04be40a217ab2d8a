import type { Language } from '../../lib/languages';
import { localeFor } from '../../locale';
import { link, paragraph } from './blocks';
import { assembleEmail, assertWebLink } from './frame';
import type { RenderedEmail } from './types';

export interface HelperDraftData {
  municipalityName: string;
  roundName: string;
  /** The volunteer centre's staff member, "name, title". */
  preparedBy: string;
  /** The association, as the helper named it. */
  preparedFor: string;
  draftUrl: string;
  closesAt?: Date;
  contact: { name: string; phone: string; email: string };
}

/** To the association: a volunteer centre has prepared a draft for it; the association reviews and sends it itself. */
export function renderHelperDraftEmail(d: HelperDraftData, language: Language): RenderedEmail {
  assertWebLink(d.draftUrl);
  const { t, deadline } = localeFor(language);
  return assembleEmail(language, {
    subject: t('mail.helper.subject', { round: d.roundName }),
    greeting: t('mail.helper.greeting', { association: d.preparedFor }),
    blocks: [
      paragraph(t('mail.helper.prepared', { by: d.preparedBy, association: d.preparedFor, round: d.roundName })),
      link(t('mail.helper.link'), d.draftUrl),
      paragraph(t('mail.helper.yours')),
      d.closesAt && paragraph(t('mail.draftResume.closesAt', { closesAt: deadline(d.closesAt, 'long') })),
      paragraph(t('mail.draftResume.personal')),
    ],
    signOff: t('mail.signOff', { municipality: d.municipalityName }),
    footer: t('mail.contact', d.contact),
  });
}
