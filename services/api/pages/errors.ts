import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { t, type Language } from '../../../locale';
import type { Logger } from '../../../lib/logger';
import { ApiError, DatabaseBusyError } from '../http/errors';
import { isDatabaseBusy } from '../../../lib/db';
import { html } from '../../../lib/html';
import { renderPage, sendPage, sendPublicPage, type SiteSettings } from './layout';
import { pageLanguage } from './page-language';
import { rateLimitedPage } from './rate-limited-page';
import { IntakeBusyError } from '../http/intake-admission';
import { isTemporalUnavailable, TEMPORAL_RETRY_AFTER_SECONDS } from '../http/temporal-unavailable';

/** A page request is anything outside the JSON API that a browser asked for. */
export function isPageRequest(req: Request): boolean {
  return !req.path.startsWith('/api/') && req.path !== '/metrics' && req.accepts(['html', 'json']) === 'html';
}

function errorPage(req: Request, site: SiteSettings, language: Language, title: string, body: string): string {
  return renderPage(req, site, {
    title,
    language,
    main: html`<h1>${title}</h1><p>${body}</p><p><a href="/">${t(language, 'pages.error.frontPage')}</a></p>`,
  });
}

export function pageNotFound(site: SiteSettings): RequestHandler {
  return (req, res, next) => {
    if (!isPageRequest(req)) return next();
    const language = pageLanguage(req, res);
    sendPublicPage(res, errorPage(req, site, language, t(language, 'pages.error.notFound'), t(language, 'pages.error.notFoundBody')), 404);
  };
}

/** Errors on pages become pages: never a JSON body or a stack trace in front of an applicant. */
export function pageErrorHandler(site: SiteSettings, log: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (!isPageRequest(req) || res.headersSent) return next(error);
    const language = pageLanguage(req, res);
    const refusedForNow = isDatabaseBusy(error) ? new DatabaseBusyError() : error;
    if ((refusedForNow instanceof ApiError && refusedForNow.status === 429) || refusedForNow instanceof IntakeBusyError || refusedForNow instanceof DatabaseBusyError) {
      if (refusedForNow !== error) log.warn({ err: error, method: req.method, url: req.path }, 'database too busy; page refused with Retry-After');
      if (refusedForNow.retryAfterSeconds !== undefined) res.set('Retry-After', String(refusedForNow.retryAfterSeconds));
      sendPage(res, rateLimitedPage(req, site, language, refusedForNow), refusedForNow.status);
      return;
    }
    if (error instanceof ApiError && error.status < 500) {
      const title = error.status === 404 ? t(language, 'pages.error.notFound') : t(language, error.messageKey, error.values);
      const body = error.status === 404 ? t(language, 'pages.error.notFoundBody') : '';
      sendPage(res, errorPage(req, site, language, title, body), error.status);
      return;
    }
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      sendPage(res, errorPage(req, site, language, t(language, 'pages.error.failed'), ''), status);
      return;
    }
    if (error instanceof ApiError && error.status === 503) {
      log.warn({ err: error.cause ?? error, code: error.code, method: req.method, url: req.path }, 'page refused for now');
      if (error.retryAfterSeconds !== undefined) res.set('Retry-After', String(error.retryAfterSeconds));
      sendPage(res, errorPage(req, site, language, t(language, 'pages.error.unavailable'), t(language, error.messageKey, error.values)), 503);
      return;
    }
    if (isTemporalUnavailable(error)) {
      log.warn({ err: error, method: req.method, url: req.path }, 'Temporal unavailable');
      res.set('Retry-After', String(TEMPORAL_RETRY_AFTER_SECONDS));
      sendPage(res, errorPage(req, site, language, t(language, 'pages.error.unavailable'), t(language, 'pages.error.unavailableBody')), 503);
      return;
    }
    log.error({ err: error, method: req.method, url: req.path }, 'page failed');
    sendPage(res, errorPage(req, site, language, t(language, 'pages.error.failed'), t(language, 'pages.error.failedBody')), 500);
  };
}
