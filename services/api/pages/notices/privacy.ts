import type { Request } from 'express';
import { lawWording, t, type Language } from '../../../../locale';
import { html, type SafeHtml } from '../../../../lib/html';
import { listSetting, type NoticeSettings } from '../../../../lib/notice-settings';
import { renderPage, type SiteSettings } from '../layout';
import { jurisdictionRules } from '../../../../domain/jurisdiction';

export type PrivacySettings = Pick<
  NoticeSettings,
  'MUNICIPALITY_COUNTRY' | 'PRIVACY_DPO_EMAIL' | 'PRIVACY_DPO_PHONE' | 'PRIVACY_PURPOSES' | 'PRIVACY_LEGAL_BASIS' | 'PRIVACY_RETENTION' | 'PRIVACY_RECIPIENTS'
> & { MUNICIPALITY_ADDRESS: string };

/** A section of a notice: its heading and what it says (a configured text replaces the standard one). */
export function section(id: string, heading: string, body: SafeHtml | string): SafeHtml {
  return html`<section aria-labelledby="${id}">
      <h2 id="${id}">${heading}</h2>
      ${typeof body === 'string' ? html`<p>${body}</p>` : body}
    </section>`;
}

export function contactLines(lines: (string | SafeHtml | undefined)[]): SafeHtml {
  const shown = lines.filter((line) => line !== undefined && line !== '');
  return html`<p>${shown.map((line, index) => html`${index ? html`<br>` : ''}${line!}`)}</p>`;
}

export function mailLink(address: string): SafeHtml {
  return html`<a href="mailto:${address}">${address}</a>`;
}

/** The privacy notice (GDPR art. 13) for an association applying: who, why, on what basis, to whom, how long, rights, complaints. */
export function privacyPage(req: Request, site: SiteSettings, notices: PrivacySettings, language: Language): string {
  const municipality = site.municipalityName;
  const recipients = listSetting(notices.PRIVACY_RECIPIENTS);
  return renderPage(req, site, {
    title: t(language, 'pages.privacy.title'),
    description: t(language, 'pages.privacy.description', { municipality }),
    language,
    main: html`<h1>${t(language, 'pages.privacy.title')}</h1>
      <p class="font-lead">${t(language, 'pages.privacy.intro')}</p>
      ${section('controller', t(language, 'pages.privacy.controllerHeading'), html`<p>${t(language, 'pages.privacy.controllerBody', { municipality })}</p>
        ${contactLines([municipality, site.municipalityDepartment, notices.MUNICIPALITY_ADDRESS, mailLink(site.municipalityEmail), site.municipalityPhone])}`)}
      ${section('dpo', t(language, 'pages.privacy.dpoHeading'), html`<p>${t(language, 'pages.privacy.dpoBody')}</p>
        ${contactLines([mailLink(notices.PRIVACY_DPO_EMAIL), notices.PRIVACY_DPO_PHONE])}`)}
      ${section('purposes', t(language, 'pages.privacy.purposesHeading'), notices.PRIVACY_PURPOSES ?? t(language, 'pages.privacy.purposesBody'))}
      ${section('legal-basis', t(language, 'pages.privacy.legalBasisHeading'), notices.PRIVACY_LEGAL_BASIS ?? t(language, lawWording('pages.privacy.legalBasisBody', site.jurisdiction)))}
      ${section('categories', t(language, 'pages.privacy.categoriesHeading'), t(language, lawWording('pages.privacy.categoriesBody', site.jurisdiction)))}
      ${section('recipients', t(language, 'pages.privacy.recipientsHeading'), html`<p>${t(language, jurisdictionRules(site.jurisdiction).payout.collectsAccount ? 'pages.privacy.recipientsBodyToAccount' : 'pages.privacy.recipientsBody')}</p>
        ${recipients.length ? html`<ul>${recipients.map((recipient) => html`<li>${recipient}</li>`)}</ul>` : ''}`)}
      ${section('retention', t(language, 'pages.privacy.retentionHeading'), notices.PRIVACY_RETENTION ?? t(language, 'pages.privacy.retentionBody'))}
      ${section('rights', t(language, 'pages.privacy.rightsHeading'), t(language, 'pages.privacy.rightsBody'))}
      ${section('complaint', t(language, 'pages.privacy.complaintHeading'), t(language, `pages.privacy.complaintBody.${notices.MUNICIPALITY_COUNTRY}`))}`,
  });
}
