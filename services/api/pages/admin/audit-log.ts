import { Router } from 'express';
import type { Database } from '../../../../lib/db';
import { formatDateTime, hasMessage, lawWording, t } from '../../../../locale';
import { searchAuditLog } from '../../admin/audit-log';
import { staffOf } from '../../http/staff';
import { html } from '../../../../lib/html';
import { pageLanguage } from '../page-language';
import { staffPagesFor } from '../staff/access';
import { sendAdminPage, type AdminPageDependencies } from './page';
import { applicationsFound, dataSubjectSearch, dataSubjectSearchForm } from './data-subject-search';

export const AUDIT_LOG_PATH = '/personale/admin/revisionslog';

/**
 * The staff audit log for one association (CVR) or one contact person (email): who did what to
 * which application, and when. Searched like the access log; every search is itself logged.
 */
export function auditLogPages(deps: AdminPageDependencies & { db: Database }): Router {
  const router = Router();

  router.get(AUDIT_LOG_PATH, staffPagesFor(deps.site, deps.cookieSecret, 'auditLog.read'), async (req, res) => {
    const language = pageLanguage(req, res);
    const outcome = await dataSubjectSearch(req, language, (query) => searchAuditLog(deps.db, staffOf(res)!, query));
    const { answer, errors, status } = outcome;
    // What was done, in words; an action the catalogue does not name yet as it is recorded.
    const auditAction = (action: string) => {
      const key = `admin.auditAction.${action.replace(/\./g, '_')}`;
      return hasMessage(language, key) ? t(language, key) : html`<code>${action}</code>`;
    };
    sendAdminPage(deps, req, res, {
      title: t(language, 'admin.auditLog'),
      language,
      errors,
      main: html`
        <h1>${t(language, 'admin.auditLog')}</h1>
        <p>${t(language, lawWording('admin.auditLogIntro', deps.site.jurisdiction))}</p>
        ${dataSubjectSearchForm(AUDIT_LOG_PATH, language, outcome, deps.site.jurisdiction)}
        ${answer
          ? html`${applicationsFound(language, answer.applications, deps.site.jurisdiction)}
              <h2>${t(language, 'admin.actions')}</h2>
              ${answer.truncated ? html`<p>${t(language, 'admin.truncatedActions')}</p>` : ''}
              ${answer.entries.length
                ? html`<div class="table--responsive-scroll" tabindex="0"><table class="table table--compact gf-data-subject">
                    <thead><tr><th scope="col">${t(language, 'admin.when')}</th><th scope="col">${t(language, 'admin.who')}</th><th scope="col">${t(language, 'admin.application')}</th><th scope="col">${t(language, 'admin.what')}</th><th scope="col">${t(language, 'admin.details')}</th></tr></thead>
                    <tbody>${answer.entries.map((entry) => html`<tr><td class="gf-nowrap">${formatDateTime(language, entry.at)}</td><td class="gf-address">${entry.staffEmail}</td><td>${entry.application.reference}</td><td>${auditAction(entry.action)}</td><td><code>${JSON.stringify(entry.details)}</code></td></tr>`)}</tbody>
                  </table></div>`
                : html`<p>${t(language, 'admin.noActions')}</p>`}`
          : ''}`,
    }, status);
  });

  return router;
}
