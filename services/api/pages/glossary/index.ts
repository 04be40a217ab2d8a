import { Router } from 'express';
import { sendPublicPage, type SiteSettings } from '../layout';
import { pageLanguage } from '../page-language';
import { GLOSSARY_PATH, glossaryPage } from './page';

export { glossaryHref, termLink } from './page';

/** The public glossary page: the terms an association meets, explained in plain language. */
export function glossaryPages(deps: { site: SiteSettings }): Router {
  const router = Router();
  router.get(GLOSSARY_PATH, (req, res) => {
    sendPublicPage(res, glossaryPage(req, deps.site, pageLanguage(req, res)));
  });
  return router;
}
