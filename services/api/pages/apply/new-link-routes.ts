import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { html } from '../../../../lib/html';
import { t, type Language } from '../../../../locale';
import { municipalityContact } from '../../admin/round-frame';
import { csrfToken, verifyCsrf } from '../../http/csrf';
import { ApiError } from '../../http/errors';
import { draftNewLinkCsrfBinding, sendNewDraftLink } from '../../drafts/new-link';
import { renderPage, sendPage } from '../layout';
import { pageLanguage } from '../page-language';
import type { ApplyContext } from './context';
import { draftPath } from './draft-paths';

/** A draft's link that no longer opens it (replaced by a newer one, or from before the draft was deleted): offer a new one. */
export function sendDraftLinkRefused(req: Request, res: Response, context: ApplyContext, draftId: string, language: Language): void {
  const title = t(language, 'apply.newLink.title');
  const csrf = csrfToken(context.secret, draftNewLinkCsrfBinding(draftId));
  sendPage(
    res,
    renderPage(req, context.site, {
      title,
      language,
      main: html`<h1>${title}</h1><p>${t(language, 'apply.newLink.body')}</p>
        <form method="post" action="${draftPath(draftId)}/nyt-link">
          <input type="hidden" name="_csrf" value="${csrf}">
          <p>${t(language, 'apply.newLink.explain')}</p>
          <button type="submit" class="button button-primary">${t(language, 'case.newLink.send')}</button>
        </form>`,
    }),
    403,
  );
}

export function newDraftLinkRoutes(context: ApplyContext): Router {
  const router = Router();
  router.post('/kladde/:id/nyt-link', async (req, res, next) => {
    const id = z.uuid().safeParse(req.params.id);
    if (!id.success) return next();
    verifyCsrf(req, context.secret, draftNewLinkCsrfBinding(id.data), context.publicBaseUrl);
    const language = pageLanguage(req, res);
    await sendNewDraftLink(
      { db: context.db, rateLimits: context.rateLimits, publicBaseUrl: context.publicBaseUrl, municipalityName: context.config.MUNICIPALITY_NAME, municipalityContact: municipalityContact(context.config) },
      id.data,
    );
    const title = t(language, 'apply.newLink.sentTitle');
    sendPage(res, renderPage(req, context.site, { title, language, main: html`<h1>${title}</h1><p>${t(language, 'apply.newLink.sentBody')}</p>` }));
  });
  return router;
}

/** True for the refusal of a token that is not (or no longer) the draft's. */
export function isWrongDraftToken(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}
