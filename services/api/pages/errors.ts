import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { t, type Language } from '../../../locale';
import type { Logger } from '../../../lib/logger';
import { ApiError } from '../http/errors';
import { html } from '../../../lib/html';
import { renderPage, sendPage, type SiteSettings } from './layout';
import { pageLanguage } from './page-language';

const TEXTS = {
  notFound: { da: 'Siden findes ikke', nb: 'Siden finnes ikke', en: 'Page not found' },
  notFoundBody: {
    da: 'Tjek adressen, eller gå til forsiden. Har du fået et link i en e-mail, så brug hele linket.',
    nb: 'Sjekk adressen, eller gå til forsiden. Har du fått en lenke i en e-post, så bruk hele lenken.',
    en: 'Check the address, or go to the front page. If you got a link in an email, use the whole link.',
  },
  failed: { da: 'Der opstod en fejl', nb: 'Det oppstod en feil', en: 'Something went wrong' },
  failedBody: {
    da: 'Det, du har gemt, er ikke gået tabt. Prøv igen om lidt. Hvis fejlen bliver ved, så kontakt kommunen.',
    nb: 'Det du har lagret, har ikke gått tapt. Prøv igjen om litt. Hvis feilen fortsetter, kontakt kommunen.',
    en: 'Nothing you saved has been lost. Try again in a moment. If it keeps happening, contact the municipality.',
  },
  front: { da: 'Gå til forsiden', nb: 'Gå til forsiden', en: 'Go to the front page' },
} as const;

/** A page request is anything outside the JSON API that a browser asked for. */
export function isPageRequest(req: Request): boolean {
  return !req.path.startsWith('/api/') && req.path !== '/metrics' && req.accepts(['html', 'json']) === 'html';
}

function errorPage(req: Request, site: SiteSettings, language: Language, title: string, body: string): string {
  return renderPage(req, site, {
    title,
    language,
    main: html`<h1>${title}</h1><p>${body}</p><p><a href="/">${TEXTS.front[language]}</a></p>`,
  });
}

export function pageNotFound(site: SiteSettings): RequestHandler {
  return (req, res, next) => {
    if (!isPageRequest(req)) return next();
    const language = pageLanguage(req, res);
    sendPage(res, errorPage(req, site, language, TEXTS.notFound[language], TEXTS.notFoundBody[language]), 404);
  };
}

/** Errors on pages become pages: never a JSON body or a stack trace in front of an applicant. */
export function pageErrorHandler(site: SiteSettings, log: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (!isPageRequest(req) || res.headersSent) return next(error);
    const language = pageLanguage(req, res);
    if (error instanceof ApiError && error.status < 500) {
      const title = error.status === 404 ? TEXTS.notFound[language] : t(language, error.messageKey, error.values);
      const body = error.status === 404 ? TEXTS.notFoundBody[language] : '';
      sendPage(res, errorPage(req, site, language, title, body), error.status);
      return;
    }
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      sendPage(res, errorPage(req, site, language, TEXTS.failed[language], ''), status);
      return;
    }
    log.error({ err: error, method: req.method, url: req.originalUrl.split('?')[0] }, 'page failed');
    sendPage(res, errorPage(req, site, language, TEXTS.failed[language], TEXTS.failedBody[language]), 500);
  };
}
