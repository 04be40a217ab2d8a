import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../../../lib/config';
import type { Database } from '../../../../lib/db';
import { formatDateTime, formatMoney, t, zodErrorMap, type Language } from '../../../../locale';
import { html } from '../../../../lib/html';
import { formatCaseReference } from '../../../../domain/reference';
import { confirmSponsorship, sponsorshipConfirmationSchema, sponsorshipForLink, sponsorshipPath, type OpenedSponsorship } from '../../sponsorship/sponsorship';
import { secureCookies, cookieName } from '../../http/cookies';
import { CSRF_FIELD, csrfToken, verifyCsrf } from '../../http/csrf';
import { ApiError, zodIssues } from '../../http/errors';
import { checkboxField, hiddenField, textField, type FieldErrors } from '../forms';
import { renderPage, sendPage, type SiteSettings } from '../layout';
import { renderPageWithErrors } from '../page-with-errors';
import { pageLanguage, readCookie } from '../page-language';

export interface SponsorshipPageDependencies {
  db: Database;
  config: Config;
  site: SiteSettings;
  publicBaseUrl: string;
}

/** The confirmation link's token, kept in a cookie scoped to this page once the link has been opened. */
const SPONSOR_COOKIE = 'gf_sponsor';
const COOKIE_MAX_AGE_MS = 12 * 3600 * 1000;

interface PageState {
  errors?: FieldErrors;
  values?: { confirmedBy?: string; confirm?: boolean };
}

function renderSponsorshipPage(req: Request, site: SiteSettings, language: Language, csrf: string, sponsorship: OpenedSponsorship, state: PageState = {}): string {
  const { application } = sponsorship;
  const names = { sponsor: application.organizationName, group: application.groupName ?? '' };
  const title = t(language, 'pages.informalGroup.title');
  const errors = state.errors ?? {};
  const outcome = sponsorship.confirmedAt
    ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t(language, 'pages.informalGroup.done', { ...names, name: sponsorship.confirmedBy ?? '', date: formatDateTime(language, sponsorship.confirmedAt, 'long') })}</p></div></div>`
    : html`<form method="post" action="${sponsorshipPath(application.id)}" novalidate>
        ${hiddenField(CSRF_FIELD, csrf)}
        ${textField({ name: 'confirmedBy', label: t(language, 'pages.informalGroup.confirmedBy'), hint: t(language, 'pages.informalGroup.confirmedByHint'), language, autocomplete: 'name', maxLength: 200, width: 'l', value: state.values?.confirmedBy, error: errors.confirmedBy })}
        ${checkboxField({ name: 'confirm', label: t(language, 'pages.informalGroup.confirm'), language, value: 'ja', checked: state.values?.confirm, error: errors.confirm })}
        <button type="submit" class="button button-primary">${t(language, 'pages.informalGroup.submit')}</button>
      </form>`;
  const main = html`<span class="caption">${title}</span>
    <h1>${t(language, 'pages.informalGroup.heading', names)}</h1>
    <p>${t(language, 'pages.informalGroup.intro', {
      ...names,
      amount: formatMoney(language, application.amountRequestedOre),
      project: application.projectTitle,
      reference: formatCaseReference(application.referenceNumber, application.submittedAt ?? application.createdAt),
      contact: application.contactName,
    })}</p>
    <p>${t(language, 'pages.informalGroup.meaning')}</p>
    ${outcome}`;
  return renderPageWithErrors(req, site, { title, language, main, errors });
}

function renderNoLink(req: Request, site: SiteSettings, language: Language): string {
  const title = t(language, 'pages.informalGroup.title');
  return renderPage(req, site, { title, language, main: html`<h1>${title}</h1><p>${t(language, 'pages.informalGroup.noLink')}</p>` });
}

/**
 * The sponsoring association's confirmation page at /sponsorat/:id, opened only by the link in the
 * email to the sponsor's address (it shows what the sponsor needs to know, never the case itself).
 * As the acceptance page does, it swaps the link's token for a cookie scoped to the page; the form
 * carries a CSRF token bound to it and works without JavaScript.
 */
export function sponsorshipPages(deps: SponsorshipPageDependencies): Router {
  const router = Router();
  const secure = secureCookies(deps.config);

  async function opened(req: Request, res: Response): Promise<{ token: string; language: Language; sponsorship: OpenedSponsorship } | undefined> {
    const id = z.uuid().safeParse(req.params.id);
    if (!id.success) throw new ApiError(404, 'not_found', 'errors.application.notFound');
    const language = pageLanguage(req, res);
    const token = readCookie(req, cookieName(req, SPONSOR_COOKIE, 'path'));
    const sponsorship = await sponsorshipForLink(deps.db, id.data, token);
    if (!sponsorship || !token) {
      sendPage(res, renderNoLink(req, deps.site, language), 403);
      return undefined;
    }
    return { token, language, sponsorship };
  }

  router.get('/sponsorat/:id', async (req, res) => {
    const link = typeof req.query.adgang === 'string' ? req.query.adgang : undefined;
    const id = z.uuid().safeParse(req.params.id);
    if (id.success && link !== undefined) {
      const sponsorship = await sponsorshipForLink(deps.db, id.data, link);
      if (!sponsorship) return sendPage(res, renderNoLink(req, deps.site, pageLanguage(req, res)), 403);
      res.cookie(cookieName(req, SPONSOR_COOKIE, 'path'), link, { httpOnly: true, sameSite: 'lax', secure, path: sponsorshipPath(id.data), maxAge: COOKIE_MAX_AGE_MS });
      return res.set('Referrer-Policy', 'no-referrer').redirect(303, sponsorshipPath(id.data));
    }
    const page = await opened(req, res);
    if (page) sendPage(res, renderSponsorshipPage(req, deps.site, page.language, csrfToken(deps.config.COOKIE_SECRET, page.token), page.sponsorship));
  });

  router.post('/sponsorat/:id', async (req, res) => {
    const page = await opened(req, res);
    if (!page) return;
    verifyCsrf(req, deps.config.COOKIE_SECRET, page.token, deps.publicBaseUrl);
    const { language, sponsorship } = page;
    const csrf = csrfToken(deps.config.COOKIE_SECRET, page.token);
    const values = { confirmedBy: typeof req.body?.confirmedBy === 'string' ? req.body.confirmedBy : '', confirm: req.body?.confirm === 'ja' };
    const parsed = sponsorshipConfirmationSchema.safeParse(values, { error: zodErrorMap(language) });
    if (!parsed.success) {
      const errors = Object.fromEntries(zodIssues(parsed.error, language).map((issue) => [issue.path, issue.message]));
      return sendPage(res, renderSponsorshipPage(req, deps.site, language, csrf, sponsorship, { errors, values }), 400);
    }
    try {
      await confirmSponsorship(deps.db, sponsorship, parsed.data.confirmedBy);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 409) throw error;
      // Confirmed already (another tab, a double click): the page shows the first confirmation.
      const fresh = (await sponsorshipForLink(deps.db, sponsorship.applicationId, page.token)) ?? sponsorship;
      const errors = { confirmedBy: t(language, error.messageKey) };
      return sendPage(res, renderSponsorshipPage(req, deps.site, language, csrf, fresh, { errors }), 409);
    }
    res.redirect(303, sponsorshipPath(sponsorship.applicationId));
  });

  return router;
}
