import { Router, type Request, type Response } from 'express';
import type { Database } from '../../../../lib/db';
import { t, type Language } from '../../../../locale';
import { STAFF_ROLES } from '../../../../lib/staff-auth';
import { sha256Hex } from '../../../../lib/tokens';
import {
  createStaffAccount,
  deactivateStaffAccount,
  findStaffAccount,
  listStaffAccounts,
  reactivateStaffAccount,
  setStaffPassword,
  type StaffAccountView,
} from '../../admin/staff-accounts';
import { ApiError } from '../../http/errors';
import { staffOf, staffTokenOf } from '../../http/staff';
import { choiceGroup, errorSummary, textField, type FieldErrors } from '../forms';
import { html } from '../../../../lib/html';
import { pageLanguage } from '../page-language';
import { staffPagesFor } from '../staff/access';
import { staffCsrfField } from '../staff/shell';
import { fieldErrorsOf, formatInstant, noticeAlert, noticeOf, problemAlert, sendAdminPage, type AdminPageDependencies } from './page';
import { ADMIN_TEXTS as T } from './texts';

const BASE = '/personale/admin/medarbejdere';

function roleLabels(account: StaffAccountView, language: Language): string {
  return account.roles.map((role) => T[`role_${role}`][language]).join(', ');
}

function formValues(body: Record<string, unknown> | undefined) {
  const text = (name: string) => (typeof body?.[name] === 'string' ? (body[name] as string) : '');
  const raw = body?.roles;
  const roles = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((r): r is string => typeof r === 'string');
  return { email: text('email'), name: text('name'), password: text('password'), roles };
}

/** Staff accounts: list and create, one account's page with a new password and (de)activation. */
export function staffAccountPages(deps: AdminPageDependencies & { db: Database }): Router {
  const router = Router();
  const adminOnly = staffPagesFor(deps.site, deps.cookieSecret, 'admin');

  async function showList(req: Request, res: Response, language: Language, state: { errors?: FieldErrors; values?: ReturnType<typeof formValues> } = {}, status = 200) {
    const accounts = await listStaffAccounts(deps.db);
    const errors = state.errors ?? {};
    const values = state.values;
    sendAdminPage(deps, req, res, {
      title: T.staff[language],
      language,
      hasErrors: Object.keys(errors).length > 0,
      main: html`
        ${errorSummary(errors, language)}
        <h1>${T.staff[language]}</h1>
        ${noticeAlert(noticeOf(req, ['created_notice'], language))}
        <p>${T.staffIntro[language]}</p>
        <table class="table table--compact">
          <thead><tr><th scope="col">${T.name[language]}</th><th scope="col">${T.email[language]}</th><th scope="col">${T.roles[language]}</th><th scope="col">${T.status[language]}</th><th scope="col" class="gf-number">${T.openSessions[language]}</th></tr></thead>
          <tbody>
            ${accounts.map(
              (account) => html`<tr>
                <td><a href="${BASE}/${account.id}">${account.name}</a></td>
                <td>${account.email}</td>
                <td>${roleLabels(account, language)}</td>
                <td>${account.active ? T.active[language] : T.inactive[language]}</td>
                <td class="gf-number">${account.openSessions}</td>
              </tr>`,
            )}
          </tbody>
        </table>
        <h2>${T.newStaff[language]}</h2>
        <form method="post" action="${BASE}" novalidate>
          ${staffCsrfField(res, deps.cookieSecret)}
          ${textField({ name: 'name', label: T.name[language], language, value: values?.name, error: errors.name, width: 'l', maxLength: 200, autocomplete: 'off' })}
          ${textField({ name: 'email', label: T.email[language], language, type: 'email', value: values?.email, error: errors.email, width: 'l', maxLength: 254, autocomplete: 'off' })}
          ${choiceGroup({
            name: 'roles',
            label: T.roles[language],
            language,
            multiple: true,
            value: values?.roles ?? ['caseworker'],
            error: errors.roles,
            options: STAFF_ROLES.map((role) => ({ value: role, label: T[`role_${role}`][language] })),
          })}
          ${textField({ name: 'password', label: T.password[language], hint: T.passwordHint[language], language, type: 'password', error: errors.password, width: 'l', maxLength: 200, autocomplete: 'new-password' })}
          <button type="submit" class="button button-primary">${T.newStaff[language]}</button>
        </form>`,
    }, status);
  }

  async function showAccount(req: Request, res: Response, language: Language, account: StaffAccountView, state: { errors?: FieldErrors; problem?: string } = {}, status = 200) {
    const errors = state.errors ?? {};
    const self = staffOf(res)?.id === account.id;
    sendAdminPage(deps, req, res, {
      title: account.name,
      language,
      hasErrors: Object.keys(errors).length > 0,
      main: html`
        ${errorSummary(errors, language)}
        <p><a href="${BASE}">${T.backToStaff[language]}</a></p>
        <h1>${account.name}</h1>
        ${noticeAlert(noticeOf(req, ['password_notice', 'deactivated_notice', 'reactivated_notice'], language))}
        ${problemAlert(state.problem)}
        <dl class="gf-summary-list">
          <dt>${T.email[language]}</dt><dd>${account.email}</dd>
          <dt>${T.roles[language]}</dt><dd>${roleLabels(account, language)}</dd>
          <dt>${T.status[language]}</dt><dd>${account.active ? T.active[language] : T.inactive[language]}</dd>
          <dt>${T.openSessions[language]}</dt><dd>${account.openSessions}</dd>
          <dt>${T.created[language]}</dt><dd>${formatInstant(account.createdAt, language)}</dd>
        </dl>
        <h2>${T.setPassword[language]}</h2>
        <p>${T.setPasswordIntro[language]}</p>
        <form method="post" action="${BASE}/${account.id}/adgangskode" novalidate>
          ${staffCsrfField(res, deps.cookieSecret)}
          ${textField({ name: 'password', label: T.newPassword[language], hint: T.passwordHint[language], language, type: 'password', error: errors.password, width: 'l', maxLength: 200, autocomplete: 'new-password' })}
          <button type="submit" class="button button-secondary">${T.setPassword[language]}</button>
        </form>
        ${self
          ? ''
          : account.active
            ? html`<h2>${T.deactivate[language]}</h2>
                <p>${T.deactivateIntro[language]}</p>
                <form method="post" action="${BASE}/${account.id}/deaktiver">
                  ${staffCsrfField(res, deps.cookieSecret)}
                  <button type="submit" class="button button-secondary">${T.deactivate[language]}</button>
                </form>`
            : html`<h2>${T.reactivate[language]}</h2>
                <form method="post" action="${BASE}/${account.id}/genaktiver">
                  ${staffCsrfField(res, deps.cookieSecret)}
                  <button type="submit" class="button button-secondary">${T.reactivate[language]}</button>
                </form>`}`,
    }, status);
  }

  async function accountOr404(id: string | string[] | undefined): Promise<StaffAccountView> {
    const account = typeof id === 'string' ? await findStaffAccount(deps.db, id) : null;
    if (!account) throw new ApiError(404, 'not_found', 'errors.staff.notFound');
    return account;
  }

  router.get(BASE, adminOnly, async (req, res) => {
    await showList(req, res, pageLanguage(req, res));
  });

  router.post(BASE, adminOnly, async (req, res) => {
    const language = pageLanguage(req, res);
    const values = formValues(req.body);
    try {
      await createStaffAccount(deps.db, staffOf(res)!, values, language);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      return showList(req, res, language, { errors: fieldErrorsOf(error, language), values: { ...values, password: '' } }, error.status);
    }
    res.redirect(303, `${BASE}?gemt=created_notice`);
  });

  router.get(`${BASE}/:id`, adminOnly, async (req, res) => {
    await showAccount(req, res, pageLanguage(req, res), await accountOr404(req.params.id));
  });

  router.post(`${BASE}/:id/adgangskode`, adminOnly, async (req, res) => {
    const language = pageLanguage(req, res);
    const account = await accountOr404(req.params.id);
    const ownSession = staffTokenOf(res);
    try {
      await setStaffPassword(deps.db, staffOf(res)!, account.id, { password: formValues(req.body).password }, language, ownSession ? sha256Hex(ownSession) : undefined);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      return showAccount(req, res, language, account, { errors: fieldErrorsOf(error, language) }, error.status);
    }
    res.redirect(303, `${BASE}/${account.id}?gemt=password_notice`);
  });

  router.post(`${BASE}/:id/deaktiver`, adminOnly, async (req, res) => {
    const language = pageLanguage(req, res);
    const account = await accountOr404(req.params.id);
    try {
      await deactivateStaffAccount(deps.db, staffOf(res)!, account.id);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 409) throw error;
      return showAccount(req, res, language, account, { problem: t(language, error.messageKey) }, 409);
    }
    res.redirect(303, `${BASE}/${account.id}?gemt=deactivated_notice`);
  });

  router.post(`${BASE}/:id/genaktiver`, adminOnly, async (req, res) => {
    const account = await accountOr404(req.params.id);
    await reactivateStaffAccount(deps.db, staffOf(res)!, account.id);
    res.redirect(303, `${BASE}/${account.id}?gemt=reactivated_notice`);
  });

  return router;
}
