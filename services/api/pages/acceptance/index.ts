import { Router, type Request, type Response } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Config } from '../../../../lib/config';
import type { Database } from '../../../../lib/db';
import type { SigningProvider } from '../../../../lib/signing/signing-provider';
import { statusLabel, t, zodErrorMap, type Language } from '../../../../locale';
import { acceptanceInputSchema } from '../../../../domain/acceptance-schema';
import { parseDuration } from '../../../../lib/durations';
import { acceptGrant, acceptanceLinkVerdict, latestAcceptance } from '../../acceptance/accept';
import { secureCookies, cookieName } from '../../http/cookies';
import { csrfToken, verifyCsrf } from '../../http/csrf';
import { ApiError, localiseIssueMessage, zodIssues } from '../../http/errors';
import { sendPage, type SiteSettings } from '../layout';
import { pageLanguage, readCookie } from '../page-language';
import { acceptancePath, renderAcceptanceNoLink, renderAcceptancePage, type AcceptancePageState, type AcceptancePageView } from './view';

export interface AcceptancePageDependencies {
  db: Database;
  temporal: Client;
  config: Config;
  site: SiteSettings;
  publicBaseUrl: string;
  signing: SigningProvider;
}

/** The acceptance link's token, kept in a cookie scoped to this page once the link has been opened. */
const ACCEPTANCE_COOKIE = 'gf_accept';
const COOKIE_MAX_AGE_MS = 12 * 3600 * 1000;

/**
 * The signatory's acceptance page at /tilsagn/:id, opened by the private link in the acceptance
 * email (and only by such a link: the case's other links do not open it). As the case page does,
 * it swaps the link's token for a cookie scoped to the page and cleans the address; the form
 * carries a CSRF token bound to that cookie and works without JavaScript.
 */
export function acceptancePages(deps: AcceptancePageDependencies): Router {
  const router = Router();
  const secure = secureCookies(deps.config);
  const linkTtlMs = parseDuration(deps.config.PRIVATE_LINK_TTL);

  async function viewOf(applicationId: string): Promise<AcceptancePageView | null> {
    const application = await deps.db.application.findUnique({ where: { id: applicationId }, select: { organizationName: true, projectTitle: true } });
    const acceptance = await latestAcceptance(deps.db, applicationId);
    if (!application || !acceptance) return null;
    const decision = await deps.db.decision.findUniqueOrThrow({ where: { applicationId_sequence: { applicationId, sequence: acceptance.decisionSequence } } });
    return { applicationId, organizationName: application.organizationName, projectTitle: application.projectTitle, amountGrantedOre: decision.amountGrantedOre, acceptance };
  }

  /** The case and its token when this browser holds a valid acceptance link for it; else the page saying how to get in (403). */
  async function opened(req: Request, res: Response): Promise<{ id: string; token: string; language: Language; view: AcceptancePageView } | undefined> {
    const id = z.uuid().safeParse(req.params.id);
    if (!id.success) throw new ApiError(404, 'not_found', 'errors.application.notFound');
    const language = pageLanguage(req, res);
    const token = readCookie(req, cookieName(req, ACCEPTANCE_COOKIE, 'path'));
    const verdict = await acceptanceLinkVerdict(deps.db, id.data, token, linkTtlMs);
    if (verdict === 'not_found') throw new ApiError(404, 'not_found', 'errors.application.notFound');
    const view = verdict === 'granted' ? await viewOf(id.data) : null;
    if (!view || !token) {
      sendPage(res, renderAcceptanceNoLink(req, deps.site, language), 403);
      return undefined;
    }
    return { id: id.data, token, language, view };
  }

  const show = (req: Request, res: Response, page: NonNullable<Awaited<ReturnType<typeof opened>>>, state: AcceptancePageState, status: number) =>
    sendPage(res, renderAcceptancePage(req, deps.site, page.language, csrfToken(deps.config.COOKIE_SECRET, page.token), page.view, state), status);

  router.get('/tilsagn/:id', async (req, res) => {
    const link = typeof req.query.adgang === 'string' ? req.query.adgang : undefined;
    const id = z.uuid().safeParse(req.params.id);
    if (id.success && link !== undefined) {
      const verdict = await acceptanceLinkVerdict(deps.db, id.data, link, linkTtlMs);
      if (verdict === 'not_found') throw new ApiError(404, 'not_found', 'errors.application.notFound');
      if (verdict !== 'granted') return sendPage(res, renderAcceptanceNoLink(req, deps.site, pageLanguage(req, res)), 403);
      res.cookie(cookieName(req, ACCEPTANCE_COOKIE, 'path'), link, { httpOnly: true, sameSite: 'lax', secure, path: acceptancePath(id.data), maxAge: COOKIE_MAX_AGE_MS });
      return res.set('Referrer-Policy', 'no-referrer').redirect(303, acceptancePath(id.data));
    }
    const page = await opened(req, res);
    if (page) show(req, res, page, {}, 200);
  });

  router.post('/tilsagn/:id', async (req, res) => {
    const page = await opened(req, res);
    if (!page) return;
    verifyCsrf(req, deps.config.COOKIE_SECRET, page.token, deps.publicBaseUrl);
    const { language } = page;
    const values = { signerName: typeof req.body?.signerName === 'string' ? req.body.signerName : '', accept: req.body?.accept === 'ja' };
    const parsed = acceptanceInputSchema.safeParse({ signerName: values.signerName, accept: values.accept }, { error: zodErrorMap(language) });
    if (!parsed.success) {
      const errors = Object.fromEntries(zodIssues(parsed.error, language).map((issue) => [issue.path, issue.message]));
      return show(req, res, page, { errors, values }, 400);
    }
    try {
      await acceptGrant(deps, page.id, parsed.data);
    } catch (error) {
      if (!(error instanceof ApiError) || ![400, 403, 409].includes(error.status)) throw error;
      if (error.status === 409) {
        const fresh = await viewOf(page.id);
        const status = String(error.values.status ?? '');
        return show(req, res, { ...page, view: fresh ?? page.view }, { warning: t(language, 'case.access.notAllowedNow', { status: statusLabel(language, status) }) }, 409);
      }
      const errors = Object.fromEntries(error.issues.map((issue) => [issue.path === 'conditions' ? 'signerName' : issue.path, localiseIssueMessage(issue.message, language)]));
      return show(req, res, page, { errors, values }, error.status);
    }
    res.redirect(303, acceptancePath(page.id));
  });

  return router;
}
