import { Router } from 'express';
import type { Database } from '../../../../lib/db';
import { html } from '../../../../lib/html';
import { t } from '../../../../locale';
import { pageLanguage } from '../page-language';
import { staffPagesFor } from '../staff/access';
import { accessLogPages } from './access-log';
import { auditLogPages, AUDIT_LOG_PATH } from './audit-log';
import { outboxPages, OUTBOX_PATH } from './outbox';
import { sendAdminPage, type AdminPageDependencies } from './page';
import { roundPages } from './rounds';
import { schemePages } from './schemes';
import { staffAccountPages } from './staff-accounts';
import type { FrameRules } from '../../admin/round-frame';

/** The administration pages under /personale/admin (admins, by the role policy). */
export function adminPages(deps: AdminPageDependencies & { db: Database; frame: FrameRules }): Router {
  const router = Router();
  router.get('/personale/admin', staffPagesFor(deps.site, deps.cookieSecret, 'admin.overview'), (req, res) => {
    const language = pageLanguage(req, res);
    sendAdminPage(deps, req, res, {
      title: t(language, 'admin.home'),
      language,
      main: html`<h1>${t(language, 'admin.home')}</h1>
        <p>${t(language, 'admin.homeIntro')}</p>
        <ul>
          <li><a href="/personale/admin/ordninger">${t(language, 'admin.schemes')}</a></li>
          <li><a href="/personale/admin/puljer">${t(language, 'admin.rounds')}</a></li>
          <li><a href="/personale/admin/medarbejdere">${t(language, 'admin.staff')}</a></li>
          <li><a href="/personale/admin/adgangslog">${t(language, 'admin.accessLog')}</a></li>
          <li><a href="${AUDIT_LOG_PATH}">${t(language, 'admin.auditLog')}</a></li>
          <li><a href="${OUTBOX_PATH}">${t(language, 'admin.outbox')}</a></li>
        </ul>`,
    });
  });
  router.use(staffAccountPages(deps));
  router.use(schemePages(deps));
  router.use(roundPages(deps));
  router.use(accessLogPages(deps));
  router.use(auditLogPages(deps));
  router.use(outboxPages(deps));
  return router;
}
