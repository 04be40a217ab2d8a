import type { Request, Response } from 'express';
import { LANGUAGES, t, type Language } from '../../../locale';
import { html, type SafeHtml } from '../../../lib/html';
import { assetUrl } from './assets';
import { ACCESSIBILITY_PATH, PRIVACY_PATH } from './notices/paths';
import type { Jurisdiction } from '../../../domain/jurisdiction';

/** What every page shows about the municipality that runs the service. */
export interface SiteSettings {
  municipalityName: string;
  /** The department that speaks for the municipality, named where no person can be. */
  municipalityDepartment: string;
  municipalityEmail: string;
  municipalityPhone: string;
  /** Whose organisation numbers the pages ask for (DK when left out). */
  jurisdiction?: Jurisdiction;
}

export interface PageOptions {
  title: string;
  /** What the page is for, for search results and link previews; unset: the service's own. */
  description?: string;
  language: Language;
  /** The main content, starting with the page's h1. */
  main: SafeHtml;
  /** Navigation links shown in the header (staff pages); the current one is marked. */
  navigation?: { href: string; label: string; current?: boolean }[];
  /** Shown at the top right, e.g. the signed-in staff member's name and a sign-out form. */
  user?: SafeHtml;
  /** True when the page shows field errors: the title is prefixed as DKFDS prescribes. */
  hasErrors?: boolean;
  /** Extra scripts of our own (same origin) for progressive enhancement on this page. */
  scripts?: string[];
  /** A workspace page (staff): the content uses the width of the screen instead of a reading column. */
  wide?: boolean;
}

/** The URL of this page in another language (the switcher is a plain link: it works without JS). */
export function languageUrl(req: Request, language: Language): string {
  const url = new URL(req.originalUrl, 'http://local');
  url.searchParams.set('lang', language);
  return url.pathname + url.search;
}

export function renderPage(req: Request, site: SiteSettings, options: PageOptions): string {
  const { language } = options;
  const pageTitle = options.hasErrors ? t(language, 'pages.layout.errorTitle', { title: options.title }) : options.title;
  const title = `${pageTitle} – ${site.municipalityName}`;
  const languageName = (lang: Language) => t(lang, `pages.languageName.${lang}`);
  const switcher = html`<nav class="language-switcher" aria-label="${t(language, 'pages.layout.languageChoice')}">
      <ul class="nobullet-list">
        ${LANGUAGES.map((lang) =>
          lang === language
            ? html`<li><span aria-current="true" lang="${lang}"><strong>${languageName(lang)}</strong></span></li>`
            : html`<li><a href="${languageUrl(req, lang)}" lang="${lang}" hreflang="${lang}">${languageName(lang)}</a></li>`,
        )}
      </ul>
    </nav>`;
  const navigation = options.navigation?.length
    ? html`<nav class="navigation-menu" aria-label="${t(language, 'pages.layout.service')}">
        <div class="container"><ul class="mainmenu">
          ${options.navigation.map(
            (item) => html`<li><a class="nav-link${item.current ? ' current' : ''}" href="${item.href}"${item.current ? html` aria-current="page"` : ''}><span>${item.label}</span></a></li>`,
          )}
        </ul></div>
      </nav>`
    : '';
  return html`<!doctype html>
<html lang="${language}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <meta name="description" content="${options.description ?? t(language, 'pages.layout.description', { municipality: site.municipalityName })}">
  <link rel="icon" href="${assetUrl('favicon.svg')}" type="image/svg+xml">
  <link rel="stylesheet" href="${assetUrl('dkfds/css/dkfds-virkdk.min.css')}">
  <link rel="stylesheet" href="${assetUrl('app.css')}">
</head>
<body${options.wide ? html` class="gf-workspace"` : ''}>
  <a class="skipnav" href="#main-content">${t(language, 'pages.layout.skip')}</a>
  <header class="header">
    <div class="portal-info">
      <div class="container portal-info-inner">
        <a href="/" class="gf-logo">${site.municipalityName}</a>
        <div class="gf-header-tools">
          ${switcher}
          ${options.user ? html`<div class="portal-user">${options.user}</div>` : ''}
        </div>
      </div>
    </div>
    <div class="solution-info">
      <div class="container solution-info-inner">
        <div class="solution-heading"><a href="/">${t(language, 'pages.layout.service')}</a></div>
      </div>
    </div>
    ${navigation}
  </header>
  <div class="container page-container">
    <main id="main-content" class="gf-main" tabindex="-1">
      ${options.main}
    </main>
  </div>
  <footer>
    <div class="footer">
      <div class="container">
        <h2 class="h5">${t(language, 'pages.layout.contact')}</h2>
        <p>${site.municipalityName}<br>
          <a href="mailto:${site.municipalityEmail}">${site.municipalityEmail}</a><br>
          ${site.municipalityPhone}</p>
        <ul class="nobullet-list gf-footer-links">
          <li><a href="/ordliste">${t(language, 'pages.layout.glossary')}</a></li>
          <li><a href="${PRIVACY_PATH}">${t(language, 'pages.layout.privacy')}</a></li>
          <li><a href="${ACCESSIBILITY_PATH}">${t(language, 'pages.layout.accessibility')}</a></li>
        </ul>
        ${options.user ? '' : html`<p><a href="/forening/log-ind">${t(language, 'organisation.footerSignIn')}</a></p>`}
        ${options.user ? '' : html`<p><a href="/personale/log-ind">${t(language, 'pages.layout.staffSignIn')}</a></p>`}
      </div>
    </div>
  </footer>
  <script src="${assetUrl('dkfds/js/dkfds.min.js')}"></script>
  <script src="${assetUrl('app.js')}"></script>
  ${(options.scripts ?? []).map((src) => html`<script src="${src.startsWith('/assets/') ? assetUrl(src.slice('/assets/'.length)) : src}"></script>`)}
</body>
</html>`.value;
}

/**
 * Sends a page that shows a case, a draft or a staff member's work: never stored, not even for the
 * browser's back button. (The security headers every response carries are the app's: http/security-headers.ts.)
 */
export function sendPage(res: Response, markup: string, status = 200): void {
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(markup);
}

/**
 * Sends a page that shows no personal data (landing, glossary, notices, pre-check, not found):
 * checked with the server before reuse, but kept for back/forward navigation; private, since its
 * language follows the visitor's cookie.
 */
export function sendPublicPage(res: Response, markup: string, status = 200): void {
  res
    .status(status)
    .set('Cache-Control', 'private, no-cache')
    .type('html')
    .send(markup);
}
