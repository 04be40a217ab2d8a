import type { Request } from 'express';
import { html } from '../../../lib/html';
import { t, type Language } from '../../../locale';
import type { ApiError } from '../http/errors';
import { renderPage, type SiteSettings } from './layout';

/** The fields of a form post, as the browser sent them (a multipart upload's files cannot be kept). */
function typedFields(req: Request): [string, string][] {
  const body: unknown = req.body;
  if (!body || typeof body !== 'object') return [];
  return Object.entries(body as Record<string, unknown>).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string').map((item): [string, string] => [name, item]),
  );
}

/**
 * A form post refused for now (a rate limit, or a submission that found no turn in a rush): the
 * message, when to try again, and the same form posted again with what was typed (hidden), so
 * nothing has to be typed twice.
 */
export function rateLimitedPage(req: Request, site: SiteSettings, language: Language, error: ApiError): string {
  const busy = error.status === 503;
  const title = t(language, busy ? 'pages.error.busy' : 'pages.error.rateLimited');
  const fields = typedFields(req);
  return renderPage(req, site, {
    title,
    language,
    main: html`<h1>${title}</h1>
      <p>${t(language, error.messageKey, error.values)}</p>
      ${fields.length
        ? html`<form method="post" action="${req.originalUrl}">
            ${fields.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
            <p>${t(language, error.code === 'intake_busy' ? 'pages.error.busyKept' : 'pages.error.rateLimitedKept')}</p>
            <button type="submit" class="button button-primary">${t(language, 'pages.error.sendAgain')}</button>
          </form>`
        : html`<p><a href="/">${t(language, 'pages.error.frontPage')}</a></p>`}`,
  });
}
