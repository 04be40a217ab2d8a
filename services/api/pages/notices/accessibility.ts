import type { Request } from 'express';
import { formatDate, t, type Language } from '../../../../locale';
import { html } from '../../../../lib/html';
import { listSetting, type NoticeSettings } from '../../../../lib/notice-settings';
import { renderPage, type SiteSettings } from '../layout';
import { contactLines, mailLink, section } from './privacy';

export type AccessibilitySettings = Pick<
  NoticeSettings,
  'MUNICIPALITY_COUNTRY' | 'ACCESSIBILITY_STATUS' | 'ACCESSIBILITY_KNOWN_ISSUES' | 'ACCESSIBILITY_FEEDBACK_EMAIL' | 'ACCESSIBILITY_STATEMENT_DATE'
>;

/** The accessibility statement the web accessibility rules require: status, known issues, feedback, enforcement. */
export function accessibilityPage(req: Request, site: SiteSettings, notices: AccessibilitySettings, language: Language): string {
  const municipality = site.municipalityName;
  const configured = listSetting(notices.ACCESSIBILITY_KNOWN_ISSUES);
  const issues = configured.length ? configured : [t(language, 'pages.accessibility.issue.uploads')];
  const country = notices.MUNICIPALITY_COUNTRY;
  return renderPage(req, site, {
    title: t(language, 'pages.accessibility.title'),
    description: t(language, 'pages.accessibility.description', { municipality }),
    language,
    main: html`<h1>${t(language, 'pages.accessibility.title')}</h1>
      <p class="font-lead">${t(language, 'pages.accessibility.intro', { municipality })}</p>
      ${section('status', t(language, 'pages.accessibility.statusHeading'), html`<p>${t(language, `pages.accessibility.status.${notices.ACCESSIBILITY_STATUS}`)}</p>
        <p>${t(language, `pages.accessibility.law.${country}`)}</p>`)}
      ${section('known-issues', t(language, 'pages.accessibility.issuesHeading'), html`<ul>${issues.map((issue) => html`<li>${issue}</li>`)}</ul>`)}
      ${section('prepared', t(language, 'pages.accessibility.preparedHeading'), t(language, 'pages.accessibility.preparedBody', { date: formatDate(language, notices.ACCESSIBILITY_STATEMENT_DATE) }))}
      ${section('feedback', t(language, 'pages.accessibility.feedbackHeading'), html`<p>${t(language, 'pages.accessibility.feedbackBody')}</p>
        ${contactLines([municipality, mailLink(notices.ACCESSIBILITY_FEEDBACK_EMAIL ?? site.municipalityEmail), site.municipalityPhone])}`)}
      ${section('enforcement', t(language, 'pages.accessibility.enforcementHeading'), t(language, `pages.accessibility.enforcementBody.${country}`))}`,
  });
}
