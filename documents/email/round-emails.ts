import type { Language } from '../../lib/languages';
import { localeFor } from '../../locale';
import { link, list, paragraph } from './blocks';
import { assembleEmail, assertWebLink } from './frame';
import type { RenderedEmail, RoundAlertData, RoundSubscriptionConfirmData } from './types';

/** Asks the owner of an address to confirm the round alerts someone asked for with it. */
export function renderRoundSubscriptionConfirmEmail(d: RoundSubscriptionConfirmData, language: Language): RenderedEmail {
  assertWebLink(d.confirmUrl);
  const { t } = localeFor(language);
  return assembleEmail(language, {
    subject: t('mail.roundSubscription.subject', { municipality: d.municipalityName }),
    greeting: t('mail.roundSubscription.greeting'),
    blocks: [
      paragraph(t('mail.roundSubscription.asked', { municipality: d.municipalityName })),
      d.schemeNames ? paragraph(t('mail.roundSubscription.chosenSchemes')) : paragraph(t('mail.roundSubscription.allSchemes')),
      d.schemeNames && list(d.schemeNames),
      link(t('mail.roundSubscription.link'), d.confirmUrl),
      paragraph(t('mail.roundSubscription.validFor', { days: d.validDays })),
    ],
    signOff: t('mail.signOff', { municipality: d.municipalityName }),
    footer: `${t('mail.contact', d.contact)}\n${t('mail.roundSubscription.footer')}`,
  });
}

/** A round opened, or closes in two weeks: what it is, its deadline, where to apply, how to stop these emails. */
export function renderRoundAlertEmail(d: RoundAlertData, language: Language): RenderedEmail {
  for (const url of [d.applyUrl, d.catalogueUrl, d.unsubscribeUrl]) assertWebLink(url);
  const { t, deadline } = localeFor(language);
  const values = { round: d.roundName, scheme: d.schemeName };
  const deadlineText = d.closesAt ? t('mail.roundAlert.deadline', { closesAt: deadline(d.closesAt, 'long') }) : t('mail.roundAlert.continuous');
  return assembleEmail(language, {
    subject: d.kind === 'opened' ? t('mail.roundAlert.openedSubject', values) : t('mail.roundAlert.closingSubject', values),
    greeting: t('mail.roundAlert.greeting'),
    blocks: [
      paragraph(d.kind === 'opened' ? t('mail.roundAlert.opened', values) : t('mail.roundAlert.closing', values)),
      d.description.trim() ? paragraph(d.description.trim()) : undefined,
      paragraph(deadlineText),
      link(t('mail.roundAlert.apply'), d.applyUrl),
      link(t('mail.roundAlert.catalogue'), d.catalogueUrl),
      paragraph(t('mail.roundAlert.why')),
      link(t('mail.roundAlert.unsubscribe'), d.unsubscribeUrl),
    ],
    signOff: t('mail.signOff', { municipality: d.municipalityName }),
    footer: t('mail.contact', d.contact),
  });
}
