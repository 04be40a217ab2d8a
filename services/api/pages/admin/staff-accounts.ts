import { Router, type Request, type Response } from 'express';
import type { Database } from '../../../../lib/db';
import { formatDateTime, t, type Language } from '../../../../locale';
import { STAFF_ROLES } from '../../../../lib/staff-auth';
import { sha256Hex } from '../../../../lib/tokens';
import {
  createStaffAccount,
  deactivateStaffAccount,
  findStaffAccount,
  listStaffAccounts,
  reactivateStaffAccount,
  setStaffPassword,
  updateStaffProfile,
  type StaffAccountView,
} from '../../admin/staff-accounts';
import { ApiError } from '../../http/errors';
import { staffOf, staffTokenOf } from '../../http/staff';
import { choiceGroup, textField, type FieldErrors } from '../forms';
import { html } from '../../../../lib/html';
import { pageLanguage } from '../page-language';
import { staffPagesFor } from '../staff/access';
import { alert } from '../staff/alert';
import { staffCsrfField } from '../staff/shell';
import { fieldErrorsOf, noticeAlert, sendAdminPage, type AdminPageDependencies } from './page';

const BASE = '/personale/admin/medarbejdere';

function roleLabels(account: StaffAccountView, language: Language): string {
  return account.roles.map((role) => t(language, `admin.role.${role}`)).join(', ');
}

function formValues(body: Record<string, unknown> | undefined) {
  const text = (name: string) => (typeof body?.[name] === 'string' ? (body[name] as string) : '');
  const raw = body?.roles;
  const roles = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((r): r is string => typeof r === 'string');
  return { email: text('email'), name: text('name'), title: text('title'), phone: text('phone'), password: text('password'), roles };
}

type ProfileValues = { name?: string; title?: string | null; phone?: string | null };

/** Name, job title and direct phone: the same fields when creating an account and when changing it. */
function profileFields(language: Language, values: ProfileValues | undefined, errors: FieldErrors) {
  return html`
    ${textField({ name: 'name', label: t(language, 'admin.name'), language, value: values?.name, error: errors.name, width: 'l', maxLength: 200, autocomplete: 'off' })}
    ${textField({ name: 'title', label: t(language, 'admin.jobTitle'), hint: t(language, 'admin.jobTitleHint'), language, value: values?.title ?? '', error: errors.title, width: 'l', maxLength: 100, autocomplete: 'off' })}
    ${textField({ name: 'phone', label: t(language, 'admin.phone'), hint: t(language, 'admin.phoneHint'), language, type: 'tel', value: values?.phone ?? '', error: errors.phone, width: 'm', maxLength: 30, autocomplete: 'off' })}`;
}

/** Staff accounts: list and create, one account's page with a new password and (de)activation. */
export function staffAccountPages(deps: AdminPageDependencies & { db: Database }): Router {
  const router = Router();
  const mayManage = staffPagesFor(deps.site, deps.cookieSecret, 'staff.manage');

  async function showList(req: Request, res: Response, language: Language, state: { errors?: FieldErrors; values?: ReturnType<typeof formValues> } = {}, status = 200) {
    const accounts = await listStaffAccounts(deps.db);
    const errors = state.errors ?? {};
    const values = state.values;
    sendAdminPage(deps, req, res, {
      title: t(language, 'admin.staff'),
      language,
      errors,
      main: html`
        <h1>${t(language, 'admin.staff')}</h1>
        ${noticeAlert(req, ['created'], language)}
        <p>${t(language, 'admin.staffIntro')}</p>
        <table class="table table--compact">
          <thead><tr><th scope="col">${t(language, 'admin.name')}</th><th scope="col">${t(language, 'admin.email')}</th><th scope="col">${t(language, 'admin.roles')}</th><th scope="col">${t(language, 'admin.status')}</th><th scope="col" class="gf-number">${t(language, 'admin.openSessions')}</th></tr></thead>
          <tbody>
            ${accounts.map(
              (account) => html`<tr>
                <td><a href="${BASE}/${account.id}">${account.name}</a>${account.title ? html`<br>${account.title}` : ''}</td>
                <td>${account.email}</td>
                <td>${roleLabels(account, language)}</td>
                <td>${account.active ? t(language, 'admin.active') : t(language, 'admin.inactive')}</td>
                <td class="gf-number">${account.openSessions}</td>
              </tr>`,
            )}
          </tbody>
        </table>
        <h2>${t(language, 'admin.newStaff')}</h2>
        <form method="post" action="${BASE}" novalidate>
          ${staffCsrfField(res, deps.cookieSecret)}
          ${profileFields(language, values, errors)}
          ${textField({ name: 'email', label: t(language, 'admin.email'), language, type: 'email', value: values?.email, error: errors.email, width: 'l', maxLength: 254, autocomplete: 'off' })}
          ${choiceGroup({
            name: 'roles',
            label: t(language, 'admin.roles'),
            language,
            multiple: true,
            value: values?.roles ?? ['caseworker'],
            error: errors.roles,
            options: STAFF_ROLES.map((role) => ({ value: role, label: t(language, `admin.role.${role}`) })),
          })}
          ${textField({ name: 'password', label: t(language, 'admin.password'), hint: t(language, 'admin.passwordHint'), language, type: 'password', error: errors.password, width: 'l', maxLength: 200, autocomplete: 'new-password' })}
          <button type="submit" class="button button-primary">${t(language, 'admin.newStaff')}</button>
        </form>`,
    }, status);
  }

  async function showAccount(
    req: Request,
    res: Response,
    language: Language,
    account: StaffAccountView,
    state: { errors?: FieldErrors; problem?: string; profile?: ProfileValues } = {},
    status = 200,
  ) {
    const errors = state.errors ?? {};
    const self = staffOf(res)?.id === account.id;
    sendAdminPage(deps, req, res, {
      title: account.name,
      language,
      errors,
      main: html`
        <p><a href="${BASE}">${t(language, 'admin.backToStaff')}</a></p>
        <h1>${account.name}</h1>
        ${noticeAlert(req, ['profile', 'password', 'deactivated', 'reactivated'], language)}
        ${state.problem ? alert('error', state.problem) : ''}
        <dl class="gf-summary-list">
          <dt>${t(language, 'admin.jobTitle')}</dt><dd>${account.title ?? '–'}</dd>
          <dt>${t(language, 'admin.phone')}</dt><dd>${account.phone ?? '–'}</dd>
          <dt>${t(language, 'admin.email')}</dt><dd>${account.email}</dd>
          <dt>${t(language, 'admin.roles')}</dt><dd>${roleLabels(account, language)}</dd>
          <dt>${t(language, 'admin.status')}</dt><dd>${account.active ? t(language, 'admin.active') : t(language, 'admin.inactive')}</dd>
          <dt>${t(language, 'admin.openSessions')}</dt><dd>${account.openSessions}</dd>
          <dt>${t(language, 'admin.created')}</dt><dd>${formatDateTime(language, account.createdAt)}</dd>
        </dl>
        <h2>${t(language, 'admin.profile')}</h2>
        <p>${t(language, 'admin.profileIntro')}</p>
        <form method="post" action="${BASE}/${account.id}/profil" novalidate>
          ${staffCsrfField(res, deps.cookieSecret)}
          ${profileFields(language, state.profile ?? account, errors)}
          <button type="submit" class="button button-secondary">${t(language, 'admin.saveProfile')}</button>
        </form>
        <h2>${t(language, 'admin.setPassword')}</h2>
        <p>${t(language, 'admin.setPasswordIntro')}</p>
        <form method="post" action="${BASE}/${account.id}/adgangskode" novalidate>
          ${staffCsrfField(res, deps.cookieSecret)}
          ${textField({ name: 'password', label: t(language, 'admin.newPassword'), hint: t(language, 'admin.passwordHint'), language, type: 'password', error: errors.password, width: 'l', maxLength: 200, autocomplete: 'new-password' })}
          <button type="submit" class="button button-secondary">${t(language, 'admin.setPassword')}</button>
        </form>
        ${self
          ? ''
          : account.active
            ? html`<h2>${t(language, 'admin.deactivate')}</h2>
                <p>${t(language, 'admin.deactivateIntro')}</p>
                <form method="post" action="${BASE}/${account.id}/deaktiver">
                  ${staffCsrfField(res, deps.cookieSecret)}
                  <button type="submit" class="button button-secondary">${t(language, 'admin.deactivate')}</button>
                </form>`
            : html`<h2>${t(language, 'admin.reactivate')}</h2>
                <form method="post" action="${BASE}/${account.id}/genaktiver">
                  ${staffCsrfField(res, deps.cookieSecret)}
                  <button type="submit" class="button button-secondary">${t(language, 'admin.reactivate')}</button>
                </form>`}`,
    }, status);
  }

  async function accountOr404(id: string | string[] | undefined): Promise<StaffAccountView> {
    const account = typeof id === 'string' ? await findStaffAccount(deps.db, id) : null;
    if (!account) throw new ApiError(404, 'not_found', 'errors.staff.notFound');
    return account;
  }

  router.get(BASE, mayManage, async (req, res) => {
    await showList(req, res, pageLanguage(req, res));
  });

  router.post(BASE, mayManage, async (req, res) => {
    const language = pageLanguage(req, res);
    const values = formValues(req.body);
    try {
      await createStaffAccount(deps.db, staffOf(res)!, values, language);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      return showList(req, res, language, { errors: fieldErrorsOf(error, language), values: { ...values, password: '' } }, error.status);
    }
    res.redirect(303, `${BASE}?gemt=created`);
  });

  router.get(`${BASE}/:id`, mayManage, async (req, res) => {
    await showAccount(req, res, pageLanguage(req, res), await accountOr404(req.params.id));
  });

  router.post(`${BASE}/:id/profil`, mayManage, async (req, res) => {
    const language = pageLanguage(req, res);
    const account = await accountOr404(req.params.id);
    const { name, title, phone } = formValues(req.body);
    try {
      await updateStaffProfile(deps.db, staffOf(res)!, account.id, { name, title, phone }, language);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      return showAccount(req, res, language, account, { errors: fieldErrorsOf(error, language), profile: { name, title, phone } }, error.status);
    }
    res.redirect(303, `${BASE}/${account.id}?gemt=profile`);
  });

  router.post(`${BASE}/:id/adgangskode`, mayManage, async (req, res) => {
    const language = pageLanguage(req, res);
    const account = await accountOr404(req.params.id);
    const ownSession = staffTokenOf(res);
    try {
      await setStaffPassword(deps.db, staffOf(res)!, account.id, { password: formValues(req.body).password }, language, ownSession ? sha256Hex(ownSession) : undefined);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      return showAccount(req, res, language, account, { errors: fieldErrorsOf(error, language) }, error.status);
    }
    res.redirect(303, `${BASE}/${account.id}?gemt=password`);
  });

  router.post(`${BASE}/:id/deaktiver`, mayManage, async (req, res) => {
    const language = pageLanguage(req, res);
    const account = await accountOr404(req.params.id);
    try {
      await deactivateStaffAccount(deps.db, staffOf(res)!, account.id);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 409) throw error;
      return showAccount(req, res, language, account, { problem: t(language, error.messageKey) }, 409);
    }
    res.redirect(303, `${BASE}/${account.id}?gemt=deactivated`);
  });

  router.post(`${BASE}/:id/genaktiver`, mayManage, async (req, res) => {
    const account = await accountOr404(req.params.id);
    await reactivateStaffAccount(deps.db, staffOf(res)!, account.id);
    res.redirect(303, `${BASE}/${account.id}?gemt=reactivated`);
  });

  return router;
}
