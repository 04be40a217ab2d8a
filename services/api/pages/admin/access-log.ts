import { Router } from 'express';
import type { Database } from '../../../../lib/db';
import { formatDateTime, hasMessage, t } from '../../../../locale';
import { accessLogQueryOf, searchAccessLog, type AccessLogAnswer } from '../../admin/access-log';
import { ApiError } from '../../http/errors';
import { staffOf } from '../../http/staff';
import { textField, type FieldErrors } from '../forms';
import { html } from '../../../../lib/html';
import { pageLanguage } from '../page-language';
import { staffPagesFor } from '../staff/access';
import { fieldErrorsOf, sendAdminPage, type AdminPageDependencies } from './page';

const PATH = '/personale/admin/adgangslog';

/**
 * The access log for one association (CVR) or one contact person (email): who viewed which
 * application, when and why. A search is a GET form, so the answer can be bookmarked and printed;
 * every search is itself logged.
 */
export function accessLogPages(deps: AdminPageDependencies & { db: Database }): Router {
  const router = Router();

  router.get(PATH, staffPagesFor(deps.site, deps.cookieSecret, 'admin'), async (req, res) => {
    const language = pageLanguage(req, res);
    const cvr = typeof req.query.cvr === 'string' ? req.query.cvr : '';
    const email = typeof req.query.email === 'string' ? req.query.email : '';
    let errors: FieldErrors = {};
    let answer: AccessLogAnswer | undefined;
    let status = 200;
    if (cvr.trim() || email.trim()) {
      try {
        answer = await searchAccessLog(deps.db, staffOf(res)!, accessLogQueryOf({ cvr, email }));
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 400) throw error;
        errors = fieldErrorsOf(error, language);
        status = 400;
      }
    }
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
        <p>${t(language, 'admin.accessLogIntro')}</p>
        <form method="get" action="${PATH}" novalidate>
          ${textField({ name: 'cvr', label: t(language, 'admin.cvr'), language, value: cvr, error: errors.cvr, inputMode: 'numeric', width: 's', maxLength: 10, autocomplete: 'off' })}
          ${textField({ name: 'email', label: t(language, 'admin.contactEmail'), language, type: 'email', value: email, error: errors.email, width: 'l', maxLength: 254, autocomplete: 'off' })}
          <button type="submit" class="button button-primary">${t(language, 'admin.search')}</button>
        </form>
        ${answer
          ? html`<h2>${t(language, 'admin.foundApplications')}</h2>
              ${answer.applications.length
                ? html`<table class="table table--compact">
                    <thead><tr><th scope="col">${t(language, 'admin.application')}</th><th scope="col">${t(language, 'admin.name')}</th><th scope="col">${t(language, 'admin.email')}</th></tr></thead>
                    <tbody>${answer.applications.map((a) => html`<tr><td>${a.reference}</td><td>${a.organizationName} (CVR ${a.organizationCvr}) – ${a.contactName}</td><td>${a.contactEmail}</td></tr>`)}</tbody>
                  </table>`
                : html`<p>${t(language, 'admin.noApplications')}</p>`}
              <h2>${t(language, 'admin.views')}</h2>
              ${answer.truncated ? html`<p>${t(language, 'admin.truncated')}</p>` : ''}
              ${answer.entries.length
                ? html`<table class="table table--compact">
                    <thead><tr><th scope="col">${t(language, 'admin.when')}</th><th scope="col">${t(language, 'admin.who')}</th><th scope="col">${t(language, 'admin.application')}</th><th scope="col">${t(language, 'admin.why')}</th></tr></thead>
                    <tbody>${answer.entries.map((entry) => html`<tr><td>${formatDateTime(language, entry.at)}</td><td>${entry.staffEmail}</td><td>${entry.application.reference}</td><td>${purpose(entry.purpose)}</td></tr>`)}</tbody>
                  </table>`
                : html`<p>${t(language, 'admin.noViews')}</p>`}`
          : ''}`,
    }, status);
  });

  return router;
}
