import { Router } from 'express';
import type { Database } from '../../../../lib/db';
import { formatDateTime, hasMessage, lawWording, t } from '../../../../locale';
import { searchAccessLog } from '../../admin/access-log';
import { staffOf } from '../../http/staff';
import { html } from '../../../../lib/html';
import { pageLanguage } from '../page-language';
import { staffPagesFor } from '../staff/access';
import { sendAdminPage, type AdminPageDependencies } from './page';
import { applicationsFound, dataSubjectSearch, dataSubjectSearchForm } from './data-subject-search';

const PATH = '/personale/admin/adgangslog';

/**
 * The access log for one association (CVR) or one contact person (email): who viewed which
 * application, when and why. A search is a GET form, so the answer can be bookmarked and printed;
 * every search is itself logged.
 */
export function accessLogPages(deps: AdminPageDependencies & { db: Database }): Router {
  const router = Router();

  router.get(PATH, staffPagesFor(deps.site, deps.cookieSecret, 'accessLog.read'), async (req, res) => {
    const language = pageLanguage(req, res);
    const outcome = await dataSubjectSearch(req, language, (query) => searchAccessLog(deps.db, staffOf(res)!, query));
    const { answer, errors, status } = outcome;
    const purpose = (code: string) => {
      const key = `admin.purpose.${code}`;
      return hasMessage(language, key) ? t(language, key) : code;
    };
    sendAdminPage(deps, req, res, {
      title: t(language, 'admin.accessLog'),
      language,
      errors,
      main: html`
        <h1>${t(language, 'admin.accessLog')}</h1>
        <p>${t(language, lawWording('admin.accessLogIntro', deps.site.jurisdiction))}</p>
        ${dataSubjectSearchForm(PATH, language, outcome, deps.site.jurisdiction)}
        ${answer
          ? html`${applicationsFound(language, answer.applications, deps.site.jurisdiction)}
              <h2>${t(language, 'admin.views')}</h2>
              ${answer.truncated ? html`<p>${t(language, 'admin.truncated')}</p>` : ''}
              ${answer.entries.length
                ? html`<div class="table--responsive-scroll" tabindex="0"><table class="table table--compact gf-data-subject">
                    <thead><tr><th scope="col">${t(language, 'admin.when')}</th><th scope="col">${t(language, 'admin.who')}</th><th scope="col">${t(language, 'admin.application')}</th><th scope="col">${t(language, 'admin.why')}</th></tr></thead>
                    <tbody>${answer.entries.map((entry) => html`<tr><td class="gf-nowrap">${formatDateTime(language, entry.at)}</td><td class="gf-address">${entry.staffEmail}</td><td>${entry.application.reference}</td><td>${purpose(entry.purpose)}</td></tr>`)}</tbody>
                  </table></div>`
                : html`<p>${t(language, 'admin.noViews')}</p>`}`
          : ''}`,
    }, status);
  });

  return router;
}
