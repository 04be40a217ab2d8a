import type { Language } from '../../lib/languages';
import { localeFor } from '../../locale';
import { link, paragraph } from './blocks';
import { assembleEmail, assertWebLink } from './frame';
import type { RenderedEmail } from './types';

export interface OrganisationSignInData {
  municipalityName: string;
  organisationName: string;
  /** The one-time sign-in link (?adgang=). */
  signInUrl: string;
  /** Minutes the link works. */
  validMinutes: number;
  contact: { name: string; phone: string; email: string };
}

export interface OrganisationInvitationData {
  municipalityName: string;
  organisationName: string;
  /** Who invited: the administrator's address. */
  invitedBy: string;
  /** The sign-in page, where the invited person asks for a link of their own. */
  signInPageUrl: string;
  contact: { name: string; phone: string; email: string };
}

/** The one-time link that signs a member in to the organisation's pages. */
export function renderOrganisationSignInEmail(d: OrganisationSignInData, language: Language): RenderedEmail {
  assertWebLink(d.signInUrl);
  const { t } = localeFor(language);
  return assembleEmail(language, {
    subject: t('organisation.mail.signInSubject', { organisation: d.organisationName }),
    greeting: t('organisation.mail.greeting'),
    blocks: [
      paragraph(t('organisation.mail.signInAsked', { organisation: d.organisationName, municipality: d.municipalityName })),
      link(t('organisation.mail.signInLink'), d.signInUrl),
      paragraph(t('organisation.mail.signInValid', { minutes: d.validMinutes })),
      paragraph(t('organisation.mail.signInNotYou')),
    ],
    signOff: t('mail.signOff', { municipality: d.municipalityName }),
    footer: t('mail.contact', d.contact),
  });
}

/** Tells an invited person they are a member now, and where they sign in. */
export function renderOrganisationInvitationEmail(d: OrganisationInvitationData, language: Language): RenderedEmail {
  assertWebLink(d.signInPageUrl);
  const { t } = localeFor(language);
  return assembleEmail(language, {
    subject: t('organisation.mail.invitedSubject', { organisation: d.organisationName }),
    greeting: t('organisation.mail.greeting'),
    blocks: [
      paragraph(t('organisation.mail.invited', { organisation: d.organisationName, invitedBy: d.invitedBy })),
      link(t('organisation.mail.invitedLink'), d.signInPageUrl),
      paragraph(t('organisation.mail.invitedWhat')),
    ],
    signOff: t('mail.signOff', { municipality: d.municipalityName }),
    footer: t('mail.contact', d.contact),
  });
}
