import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { confirmedPayoutLines } from '../../../../domain/csv';
import { ApiError } from '../../http/errors';
import { may, staffOf } from '../../http/staff';
import { CSRF_FIELD } from '../../http/csrf';
import { createPayoutRun, heldPayouts, listPayoutRuns, type HeldPayout } from '../../payouts/runs';
import { confirmPayoutLines } from '../../payouts/confirmation';
import { fieldErrorMessage, fieldId, hiddenField, type FieldErrors } from '../forms';
import { attributes, html, type SafeHtml } from '../../../../lib/html';
import { pageLanguage } from '../page-language';
import { staffPagesFor } from '../staff/access';
import type { StaffAction } from '../../../../domain/staff-policy';
import { sendStaffPage, staffCsrfToken } from '../staff/shell';
import { alert } from '../staff/alert';
import { formatDate, formatDateTime, formatMoney, t, type Language } from '../../../../locale';
import type { CaseRouteDependencies } from './case-routes';
import { staffNames } from './people';

const PAGE = '/personale/udbetalinger';

function fileFieldName(runId: string): string {
  return `file-${runId}`;
}

/** The finance system's confirmation file for one run: a CSV with the "Linje-id" column. */
function confirmationForm(runId: string, csrf: string, language: Language, error?: string): SafeHtml {
  const name = fileFieldName(runId);
  const id = fieldId(name);
  return html`<form method="post" action="${PAGE}/${runId}/bekraeftelse" enctype="multipart/form-data" novalidate>
    ${hiddenField(CSRF_FIELD, csrf)}
    <div class="form-group${error ? ' form-error' : ''}">
      <label class="form-label" for="${id}">${t(language, 'casework.payoutConfirmFile')}</label>
      <span class="form-hint" id="${id}-hint">${t(language, 'casework.payoutConfirmFileHint')}</span>
      ${fieldErrorMessage(id, error, language)}
      <input${attributes({ type: 'file', id, name, accept: '.csv,text/csv', 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': `${id}-hint${error ? ` ${id}-error` : ''}` })}>
    </div>
    <button type="submit" class="button button-secondary">${t(language, 'casework.payoutConfirmSubmit')}</button>
  </form>`;
}

function notice(req: Request, language: Language): SafeHtml | '' {
  const count = (name: string) => (typeof req.query[name] === 'string' && /^\d+$/.test(req.query[name] as string) ? Number(req.query[name]) : null);
  const exported = count('dannet');
  if (exported !== null) return alert('success', exported > 0 ? t(language, 'casework.payoutsExported', { count: exported }) : t(language, 'casework.payoutsNothingPending'));
  const confirmed = count('bekraeftet');
  if (confirmed !== null) return alert('success', t(language, 'casework.payoutsConfirmed', { confirmed, already: count('foer') ?? 0 }));
  return '';
}

/** Granted payouts no file may take yet, so the approver knows why a case is missing from the run. */
function heldSection(held: HeldPayout[], language: Language): SafeHtml | '' {
  if (!held.length) return '';
  return html`<section aria-labelledby="held-payouts">
    <h2 class="h3" id="held-payouts">${t(language, 'casework.payoutsHeldHeading')}</h2>
    <p>${t(language, 'casework.payoutsHeldIntro')}</p>
    <ul class="nobullet-list gf-held-payouts">
      ${held.map(
        (payout) => html`<li>
          <a href="/personale/sager/${payout.applicationId}">${t(language, 'casework.payoutsHeldCase', { group: payout.groupName ?? payout.sponsorName, reference: payout.reference })}</a><br>
          ${t(language, 'casework.payoutsHeldLine', { amount: formatMoney(language, payout.amountOre), sponsor: payout.sponsorName, asked: formatDate(language, payout.sponsorAskedAt) })}
        </li>`,
      )}
    </ul>
  </section>`;
}

async function showPayoutsPage(req: Request, res: Response, deps: CaseRouteDependencies, errors: FieldErrors = {}, status = 200): Promise<void> {
  const language = pageLanguage(req, res);
  const [runs, held] = await Promise.all([listPayoutRuns(deps.db), heldPayouts(deps.db)]);
  const csrf = staffCsrfToken(res, deps.cookieSecret);
  const staff = staffOf(res)!;
  const who = await staffNames(deps.db, deps.site, runs.map((run) => run.createdBy));
  const title = t(language, 'casework.payoutsTitle');
  sendStaffPage(req, res, deps.site, deps.cookieSecret, {
    title,
    language,
    area: 'payouts',
    errors,
    main: html`<h1>${title}</h1>
      ${notice(req, language)}
      <p>${t(language, 'casework.payoutsIntro')}</p>
      ${may(staff, 'payoutRun.create')
        ? html`<form method="post" action="${PAGE}" novalidate>
            ${hiddenField(CSRF_FIELD, csrf)}
            <button type="submit" class="button button-primary">${t(language, 'casework.payoutsExport')}</button>
          </form>`
        : ''}
      ${heldSection(held, language)}
      ${runs.length
        ? runs.map(
            (run) => html`<article class="gf-card" aria-labelledby="run-${run.id}">
              <h2 class="h3" id="run-${run.id}">${t(language, 'casework.payoutRunHeading', { at: formatDateTime(language, run.createdAt) })}</h2>
              <p>${t(language, 'casework.payoutRunFacts', { count: run.count, total: formatMoney(language, run.totalOre), by: who(run.createdBy), confirmed: run.confirmed })}</p>
              <p><a class="function-link" href="/api/v1/payout-runs/${run.id}/export.csv" download>${t(language, 'casework.payoutRunDownload')}</a></p>
              ${run.confirmed < run.count && may(staff, 'payoutRun.confirm') ? confirmationForm(run.id, csrf, language, errors[fileFieldName(run.id)]) : ''}
            </article>`,
          )
        : html`<p>${t(language, 'casework.payoutsNone')}</p>`}`,
  }, status);
}

/** The approver's payout page: make the file for finance, and register finance's confirmation. */
export function payoutPages(deps: CaseRouteDependencies): Router {
  const router = Router();
  const allowed = (action: StaffAction) => staffPagesFor(deps.site, deps.cookieSecret, action);

  router.get(PAGE, allowed('payoutRun.read'), (req, res) => showPayoutsPage(req, res, deps));

  router.post(PAGE, allowed('payoutRun.create'), async (_req, res) => {
    const run = await createPayoutRun(deps.db, staffOf(res)!, deps.config.JURISDICTION);
    res.redirect(303, `${PAGE}?dannet=${run?.count ?? 0}`);
  });

  router.post(`${PAGE}/:id/bekraeftelse`, allowed('payoutRun.confirm'), async (req, res) => {
    const language = pageLanguage(req, res);
    const runId = z.uuid().safeParse(req.params.id);
    if (!runId.success) throw new ApiError(404, 'not_found', 'errors.payoutRun.notFound');
    const field = fileFieldName(runId.data);
    const text = typeof req.body?.[field] === 'string' ? (req.body[field] as string) : '';
    if (!text.trim()) return showPayoutsPage(req, res, deps, { [field]: t(language, 'errors.payoutConfirmation.fileMissing') }, 400);
    const lines = confirmedPayoutLines(text);
    if (!lines) return showPayoutsPage(req, res, deps, { [field]: t(language, 'errors.payoutConfirmation.noLineColumn') }, 400);
    try {
      // Line numbers as a spreadsheet shows them: the header is line 1.
      const results = await confirmPayoutLines(deps, staffOf(res)!, runId.data, lines, language, (index) => `line ${index + 2}`);
      const fresh = results.filter((line) => line.newlyConfirmed).length;
      res.redirect(303, `${PAGE}?bekraeftet=${fresh}&foer=${results.length - fresh}`);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 400) throw error;
      const message = error.issues.length ? error.issues.map((issue) => issue.message).join(' ') : t(language, error.messageKey);
      return showPayoutsPage(req, res, deps, { [field]: message }, 400);
    }
  });

  return router;
}
