import { Router, type Request, type Response } from 'express';
import type { Database } from '../../../../lib/db';
import { html, type SafeHtml } from '../../../../lib/html';
import { formatDateTime, t, type Language } from '../../../../locale';
import { TIE_KINDS } from '../../../../domain/inhabilitet';
import { allTies, declareTie, ownTies, withdrawTie, type StaffTieView } from '../../admin/staff-ties';
import { ApiError } from '../../http/errors';
import { may, staffOf } from '../../http/staff';
import { selectField, textField, type FieldErrors } from '../forms';
import type { SiteSettings } from '../layout';
import { pageLanguage } from '../page-language';
import { fieldErrorsOf } from '../admin/page';
import { staffPagesFor } from './access';
import { jurisdictionRules } from '../../../../domain/jurisdiction';
import { alert } from './alert';
import { sendStaffPage, staffCsrfField } from './shell';

// The staff member's profile page for declared ties (inhabilitet): declare, withdraw, and for
// admins everyone's declarations. The JSON API twin is routes/staff-ties.ts.

export const TIES_PAGE = '/personale/profil';

interface TiesPageDependencies {
  db: Database;
  site: SiteSettings;
  cookieSecret: string;
}

const text = (body: Record<string, unknown> | undefined, name: string) => (typeof body?.[name] === 'string' ? (body[name] as string) : '');

function tieRow(language: Language, tie: StaffTieView, action: SafeHtml | string) {
  return html`<tr>
    <td>${tie.cvr}</td>
    <td>${t(language, `staff.ties.kinds.${tie.kind}`)}${tie.note ? html`<br /><span class="form-hint">${tie.note}</span>` : ''}</td>
    <td>${formatDateTime(language, tie.declaredAt)}${tie.withdrawnAt ? html`<br />${t(language, 'staff.ties.withdrawn')} ${formatDateTime(language, tie.withdrawnAt)}` : ''}</td>
    <td>${action}</td>
  </tr>`;
}

export function tiesPages(deps: TiesPageDependencies): Router {
  const router = Router();
  const guard = staffPagesFor(deps.site, deps.cookieSecret, 'ties.declare');
  const { jurisdiction } = jurisdictionRules(deps.site.jurisdiction);
  const numberLabel = jurisdictionRules(jurisdiction).texts.staffTieLabel;

  async function show(req: Request, res: Response, state: { errors?: FieldErrors; values?: Record<string, unknown> } = {}, status = 200) {
    const language = pageLanguage(req, res);
    const staff = staffOf(res)!;
    const errors = state.errors ?? {};
    const mine = await ownTies(deps.db, staff);
    const everyone = may(staff, 'staff.manage') ? await allTies(deps.db) : null;
    const notice = req.query.gemt === 'declared' ? 'staff.ties.declared' : req.query.gemt === 'withdrawn' ? 'staff.ties.withdrawn' : null;
    const head = html`<thead><tr><th>${t(language, numberLabel)}</th><th>${t(language, 'staff.ties.kind')}</th><th>${t(language, 'staff.ties.declaredAt')}</th><th></th></tr></thead>`;
    const withdrawForm = (tie: StaffTieView) =>
      tie.withdrawnAt
        ? ''
        : html`<form method="post" action="${TIES_PAGE}/tilknytninger/${tie.id}/tilbagetraek" class="gf-inline-form">
            ${staffCsrfField(res, deps.cookieSecret)}
            <button type="submit" class="button button-secondary button-small">${t(language, 'staff.ties.withdraw')}</button>
          </form>`;
    sendStaffPage(req, res, deps.site, deps.cookieSecret, {
      title: t(language, 'staff.ties.title'),
      language,
      errors,
      main: html`
        <h1>${t(language, 'staff.ties.title')}</h1>
        ${notice ? alert('success', t(language, notice)) : ''}
        <p>${t(language, 'staff.ties.intro')}</p>
        ${mine.length ? html`<table class="table">${head}<tbody>${mine.map((tie) => tieRow(language, tie, withdrawForm(tie)))}</tbody></table>` : html`<p>${t(language, 'staff.ties.none')}</p>`}
        <h2>${t(language, 'staff.ties.declare')}</h2>
        <form method="post" action="${TIES_PAGE}/tilknytninger" novalidate>
          ${staffCsrfField(res, deps.cookieSecret)}
          ${textField({ name: 'cvr', label: t(language, numberLabel), language, error: errors.cvr, value: text(state.values, 'cvr'), width: 's', maxLength: 12, inputMode: 'numeric' })}
          ${selectField({ name: 'kind', label: t(language, 'staff.ties.kind'), language, error: errors.kind, value: text(state.values, 'kind'), options: TIE_KINDS.map((kind) => ({ value: kind, label: t(language, `staff.ties.kinds.${kind}`) })) })}
          ${textField({ name: 'note', label: t(language, 'staff.ties.note'), language, error: errors.note, value: text(state.values, 'note'), optional: true, width: 'xl', maxLength: 500 })}
          <button type="submit" class="button button-primary">${t(language, 'staff.ties.declare')}</button>
        </form>
        ${everyone
          ? html`<h2>${t(language, 'staff.ties.all')}</h2>
              <table class="table">
                <thead><tr><th>${t(language, numberLabel)}</th><th>${t(language, 'staff.ties.kind')}</th><th>${t(language, 'staff.ties.declaredAt')}</th><th>${t(language, 'staff.ties.staffMember')}</th></tr></thead>
                <tbody>${everyone.map((tie) => tieRow(language, tie, html`${tie.staffUser.name} (${tie.staffUser.email})`))}</tbody>
              </table>`
          : ''}`,
    }, status);
  }

  router.get(TIES_PAGE, guard, (req, res) => show(req, res));

  router.post(`${TIES_PAGE}/tilknytninger`, guard, async (req, res) => {
    const values = { cvr: text(req.body, 'cvr'), kind: text(req.body, 'kind'), note: text(req.body, 'note') };
    try {
      await declareTie(deps.db, staffOf(res)!, values, pageLanguage(req, res), jurisdiction);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 400) throw error;
      return show(req, res, { errors: fieldErrorsOf(error, pageLanguage(req, res)), values }, 400);
    }
    res.redirect(303, `${TIES_PAGE}?gemt=declared`);
  });

  router.post(`${TIES_PAGE}/tilknytninger/:id/tilbagetraek`, guard, async (req, res) => {
    await withdrawTie(deps.db, staffOf(res)!, String(req.params.id));
    res.redirect(303, `${TIES_PAGE}?gemt=withdrawn`);
  });

  return router;
}
