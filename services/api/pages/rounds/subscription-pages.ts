import type { Request } from 'express';
import { t, type Language } from '../../../../locale';
import { html, type SafeHtml } from '../../../../lib/html';
import { CONFIRM_PATH, ROUNDS_PATH, UNSUBSCRIBE_PATH } from '../../../../lib/round-links';
import { renderPage, type SiteSettings } from '../layout';

function page(req: Request, site: SiteSettings, language: Language, title: string, body: SafeHtml): string {
  return renderPage(req, site, {
    title,
    language,
    main: html`<h1>${title}</h1>
      ${body}
      <p class="mt-6"><a href="${ROUNDS_PATH}">${t(language, 'pages.rounds.backToCatalogue')}</a></p>`,
  });
}

/** After the form: the same answer whether or not the address was subscribed already. */
export function subscriptionSentPage(req: Request, site: SiteSettings, language: Language): string {
  return page(req, site, language, t(language, 'pages.rounds.sentTitle'), html`<p>${t(language, 'pages.rounds.sentBody')}</p>`);
}

/**
 * The confirmation link opens this page, and its button confirms: a mail scanner that opens every
 * link in an email does not confirm on the person's behalf.
 */
export function confirmPage(req: Request, site: SiteSettings, language: Language, token: string): string {
  return page(
    req,
    site,
    language,
    t(language, 'pages.rounds.confirmTitle'),
    html`<p>${t(language, 'pages.rounds.confirmBody')}</p>
      <form method="post" action="${CONFIRM_PATH}">
        <input type="hidden" name="adgang" value="${token}">
        <button type="submit" class="button button-primary">${t(language, 'pages.rounds.confirmButton')}</button>
      </form>`,
  );
}

export function confirmedPage(req: Request, site: SiteSettings, language: Language): string {
  return page(req, site, language, t(language, 'pages.rounds.confirmedTitle'), html`<p>${t(language, 'pages.rounds.confirmedBody')}</p>`);
}

/** A confirmation link that is unknown, used already, or too old. */
export function confirmLinkInvalidPage(req: Request, site: SiteSettings, language: Language): string {
  return page(req, site, language, t(language, 'pages.rounds.confirmInvalidTitle'), html`<p>${t(language, 'pages.rounds.confirmInvalidBody')}</p>`);
}

/** An alert's unsubscribe link opens this page; its one button unsubscribes (as a mail program's one-click POST does). */
export function unsubscribePage(req: Request, site: SiteSettings, language: Language, token: string): string {
  return page(
    req,
    site,
    language,
    t(language, 'pages.rounds.unsubscribeTitle'),
    html`<p>${t(language, 'pages.rounds.unsubscribeBody')}</p>
      <form method="post" action="${UNSUBSCRIBE_PATH}">
        <input type="hidden" name="adgang" value="${token}">
        <button type="submit" class="button button-primary">${t(language, 'pages.rounds.unsubscribeButton')}</button>
      </form>`,
  );
}

/** After unsubscribing, or with a link whose subscription has ended already: no more alerts to the address. */
export function unsubscribedPage(req: Request, site: SiteSettings, language: Language): string {
  return page(req, site, language, t(language, 'pages.rounds.unsubscribedTitle'), html`<p>${t(language, 'pages.rounds.unsubscribedBody')}</p>`);
}
