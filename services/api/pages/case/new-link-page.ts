import { Router } from 'express';
import { z } from 'zod';
import { t } from '../../../../locale';
import { html } from '../../../../lib/html';
import { verifyCsrf } from '../../http/csrf';
import { municipalityContact } from '../../admin/round-frame';
import { newLinkCsrfBinding, sendNewCaseLink } from '../../private-links/new-link';
import { renderPage, sendPage } from '../layout';
import { pageLanguage } from '../page-language';
import type { Config } from '../../../../lib/config';
import type { Database } from '../../../../lib/db';
import type { RateLimits } from '../../http/rate-limits';
import type { SiteSettings } from '../layout';

interface NewLinkDependencies {
  db: Database;
  config: Config;
  site: SiteSettings;
  publicBaseUrl: string;
  rateLimits: RateLimits;
}

/** Offered where a link does not open the case: mails a fresh one to the registered contact only. */
export function newCaseLinkPage(deps: NewLinkDependencies): Router {
  const router = Router();
  router.post('/sag/:id/nyt-link', async (req, res, next) => {
    const id = z.uuid().safeParse(req.params.id);
    if (!id.success) return next();
    verifyCsrf(req, deps.config.COOKIE_SECRET, newLinkCsrfBinding(id.data), deps.publicBaseUrl);
    const language = pageLanguage(req, res);
    await sendNewCaseLink({ db: deps.db, rateLimits: deps.rateLimits, publicBaseUrl: deps.publicBaseUrl, municipalityName: deps.config.MUNICIPALITY_NAME, municipalityContact: municipalityContact(deps.config) }, id.data);
    const title = t(language, 'case.newLink.sentTitle');
    sendPage(res, renderPage(req, deps.site, { title, language, main: html`<h1>${title}</h1><p>${t(language, 'case.newLink.sentBody')}</p>` }), 200);
  });
  return router;
}
