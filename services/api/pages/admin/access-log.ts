import { Router } from 'express';
import type { Database } from '../../../../lib/db';
import { accessLogQueryOf, searchAccessLog, type AccessLogAnswer } from '../../admin/access-log';
import { ApiError } from '../../http/errors';
import { staffOf } from '../../http/staff';
import { errorSummary, textField, type FieldErrors } from '../forms';
import { html } from '../../../../lib/html';
import { pageLanguage } from '../page-language';
import { staffPagesFor } from '../staff/access';
import { fieldErrorsOf, formatInstant, sendAdminPage, type AdminPageDependencies } from './page';
import { ADMIN_TEXTS as T, type AdminText } from './texts';

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
    const purpose = (key: string) => {
      const text = T[`purpose_${key}` as AdminText] as { da: string; nb: string; en: string } | undefined;
      return text ? text[language] : key;
    };
    sendAdminPage(deps, req, res, {
      title: T.accessLog[language],
      language,
      hasErrors: Object.keys(errors).length > 0,
      main: html`
        ${errorSummary(errors, language)}
        <h1>${T.accessLog[language]}</h1>
        <p>${T.accessLogIntro[language]}</p>
        <form method="get" action="${PATH}" novalidate>
          ${textField({ name: 'cvr', label: T.cvr[language], language, value: cvr, error: errors.cvr, inputMode: 'numeric', width: 's', maxLength: 10, autocomplete: 'off' })}
          ${textField({ name: 'email', label: T.contactEmail[language], language, type: 'email', value: email, error: errors.email, width: 'l', maxLength: 254, autocomplete: 'off' })}
          <button type="submit" class="button button-primary">${T.search[language]}</button>
        </form>
        ${answer
          ? html`<h2>${T.foundApplications[language]}</h2>
              ${answer.applications.length
                ? html`<table class="table table--compact">
                    <thead><tr><th scope="col">${T.application[language]}</th><th scope="col">${T.name[language]}</th><th scope="col">${T.email[language]}</th></tr></thead>
                    <tbody>${answer.applications.map((a) => html`<tr><td>${a.reference}</td><td>${a.organizationName} (CVR ${a.organizationCvr}) – ${a.contactName}</td><td>${a.contactEmail}</td></tr>`)}</tbody>
                  </table>`
                : html`<p>${T.noApplications[language]}</p>`}
              <h2>${T.views[language]}</h2>
              ${answer.truncated ? html`<p>${T.truncated[language]}</p>` : ''}
              ${answer.entries.length
                ? html`<table class="table table--compact">
                    <thead><tr><th scope="col">${T.when[language]}</th><th scope="col">${T.who[language]}</th><th scope="col">${T.application[language]}</th><th scope="col">${T.why[language]}</th></tr></thead>
                    <tbody>${answer.entries.map((entry) => html`<tr><td>${formatInstant(entry.at, language)}</td><td>${entry.staffEmail}</td><td>${entry.application.reference}</td><td>${purpose(entry.purpose)}</td></tr>`)}</tbody>
                  </table>`
                : html`<p>${T.noViews[language]}</p>`}`
          : ''}`,
    }, status);
  });

  return router;
}
