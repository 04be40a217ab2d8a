import { Router } from 'express';
import type { Database } from '../../../../lib/db';
import { html } from '../../../../lib/html';
import { pageLanguage } from '../page-language';
import { staffPagesFor } from '../staff/access';
import { accessLogPages } from './access-log';
import { sendAdminPage, type AdminPageDependencies } from './page';
import { roundPages } from './rounds';
import { staffAccountPages } from './staff-accounts';
import { ADMIN_TEXTS as T } from './texts';

/** The administration pages (role admin) under /personale/admin. */
export function adminPages(deps: AdminPageDependencies & { db: Database }): Router {
  const router = Router();
  router.get('/personale/admin', staffPagesFor(deps.site, deps.cookieSecret, 'admin'), (req, res) => {
    const language = pageLanguage(req, res);
    sendAdminPage(deps, req, res, {
      title: T.home[language],
      language,
      main: html`<h1>${T.home[language]}</h1>
        <p>${T.homeIntro[language]}</p>
        <ul>
          <li><a href="/personale/admin/puljer">${T.rounds[language]}</a></li>
          <li><a href="/personale/admin/medarbejdere">${T.staff[language]}</a></li>
          <li><a href="/personale/admin/adgangslog">${T.accessLog[language]}</a></li>
        </ul>`,
    });
  });
  router.use(staffAccountPages(deps));
  router.use(roundPages(deps));
  router.use(accessLogPages(deps));
  return router;
}
