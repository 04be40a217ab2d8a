import type { Language } from '../../lib/languages';
import { localeFor } from '../../locale';
import { link, list, paragraph } from './blocks';
import { assembleEmail, assertWebLink } from './frame';
import type { RenderedEmail } from './types';

export interface SponsorshipRequestData {
  municipalityName: string;
  /** The sponsoring association, as the application names it. */
  sponsorName: string;
  groupName: string;
  /** The group's adult responsible, who filled in the application. */
  contactName: string;
  contactEmail: string;
  projectTitle: string;
  amountRequested: string;
  reference: string;
  roundName: string;
  /** The confirmation page; it opens nothing else of the case. */
  confirmUrl: string;
  contact: { name: string; phone: string; email: string };
}

/**
 * To the sponsoring association's address: a self-organised group has named it as sponsor; the
 * association confirms on the page the link opens that it stands behind the application and will
 * receive and pass on the grant.
 */
export function renderSponsorshipRequestEmail(d: SponsorshipRequestData, language: Language): RenderedEmail {
  assertWebLink(d.confirmUrl);
  const { t } = localeFor(language);
  return assembleEmail(language, {
    subject: t('mail.informalGroup.subject', { group: d.groupName, reference: d.reference }),
    greeting: t('mail.informalGroup.greeting', { sponsor: d.sponsorName }),
    blocks: [
      paragraph(t('mail.informalGroup.named', { group: d.groupName, contact: d.contactName, email: d.contactEmail, round: d.roundName, sponsor: d.sponsorName })),
      list([t('mail.informalGroup.project', { title: d.projectTitle }), t('mail.informalGroup.amount', { amount: d.amountRequested }), t('mail.informalGroup.reference', { reference: d.reference })]),
      paragraph(t('mail.informalGroup.meaning')),
      link(t('mail.informalGroup.link'), d.confirmUrl),
      paragraph(t('mail.informalGroup.notYou')),
    ],
    signOff: t('mail.signOff', { municipality: d.municipalityName }),
    footer: t('mail.contact', d.contact),
  });
}

export interface SponsorDecisionCopyData {
  municipalityName: string;
  sponsorName: string;
  groupName: string;
  projectTitle: string;
  roundName: string;
  reference: string;
  /** The amount granted, formatted; absent when the group is refused. */
  amountGranted?: string;
  /** Where the group received the decision itself. */
  groupEmail: string;
  contact: { name: string; phone: string; email: string };
}

/**
 * To the sponsoring association: a copy of the decision on the group's application, with the
 * letter attached. The sponsor receives a grant and answers for it, so it is told of the decision
 * as the group is; the copy holds no link, as the sponsor has no access to the case.
 */
export function renderSponsorDecisionCopyEmail(d: SponsorDecisionCopyData, language: Language): RenderedEmail {
  const { t } = localeFor(language);
  return assembleEmail(language, {
    subject: t('mail.sponsorDecision.subject', { group: d.groupName, reference: d.reference }),
    greeting: t('mail.sponsorDecision.greeting', { sponsor: d.sponsorName }),
    blocks: [
      paragraph(t('mail.sponsorDecision.intro', { group: d.groupName, title: d.projectTitle, round: d.roundName })),
      paragraph(d.amountGranted ? t('mail.sponsorDecision.granted', { amount: d.amountGranted, sponsor: d.sponsorName }) : t('mail.sponsorDecision.refused')),
      paragraph(t('mail.sponsorDecision.questions', { email: d.groupEmail })),
    ],
    signOff: t('mail.signOff', { municipality: d.municipalityName }),
    footer: t('mail.contact', d.contact),
  });
}
