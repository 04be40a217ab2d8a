import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Database } from '../../../../lib/db';
import { formatDateTime, formatDeadline, formatNumber, t, type Language } from '../../../../locale';
import { roundInputSchema } from '../../../../domain/round-input';
import { listSchemes } from '../../admin/schemes';
import { changedSettings, createRound, findRound, listRounds, updateRound, type RoundView } from '../../admin/rounds';
import { recordAudit } from '../../audit/log';
import type { FrameRules } from '../../admin/round-frame';
import { ApiError } from '../../http/errors';
import { staffOf } from '../../http/staff';
import { type FieldErrors } from '../forms';
import { html } from '../../../../lib/html';
import { alert } from '../staff/alert';
import { pageLanguage } from '../page-language';
import { staffPagesFor } from '../staff/access';
import { fieldErrorsOf, noticeAlert, sendAdminPage, type AdminPageDependencies } from './page';
import { formValuesOf, newRoundValues, placeErrors, renderRoundForm, roundFieldNames, roundFromForm, type RoundFormValues } from './round-form';

const BASE = '/personale/admin/puljer';

/** Funding rounds: the list, a new round, and every setting of an existing one. */
export function roundPages(deps: AdminPageDependencies & { db: Database; frame: FrameRules }): Router {
  const router = Router();
  const mayManage = staffPagesFor(deps.site, deps.cookieSecret, 'round.manage');

  async function schemeChoices(language: Language) {
    return (await listSchemes(deps.db)).map((scheme) => ({ slug: scheme.slug, name: scheme.name[language] }));
  }

  async function showForm(req: Request, res: Response, language: Language, page: { round?: RoundView; values: RoundFormValues; errors?: FieldErrors }, status = 200) {
    const errors = page.errors ?? {};
    const schemes = await schemeChoices(language);
    const title = page.round ? page.round.name : t(language, 'admin.newRound');
    sendAdminPage(deps, req, res, {
      title,
      language,
      errors,
      main: html`
        <p><a href="${BASE}">${t(language, 'admin.rounds')}</a></p>
        <h1>${page.round ? html`${t(language, 'admin.editRound')}: ${page.round.name}` : t(language, 'admin.newRound')}</h1>
        ${noticeAlert(req, ['round_created', 'round_saved'], language)}
        <p>${t(language, 'admin.roundsIntro')}</p>
        ${page.round && page.round.applicationCount > 0 ? alert('info', t(language, 'admin.lockedWarning'), 'note') : ''}
        ${renderRoundForm(res, deps.cookieSecret, {
          action: page.round ? `${BASE}/${page.round.id}` : `${BASE}/ny`,
          schemes,
          language,
          values: page.values,
          errors,
          submitLabel: page.round ? t(language, 'admin.saveRound') : t(language, 'admin.newRound'),
        })}`,
    }, status);
  }

  /** The refusals on their fields; where a duration's words did not read, that says more than the shared validation. */
  function formErrors(values: RoundFormValues, errors: FieldErrors, durationErrors: FieldErrors): FieldErrors {
    const names = roundFieldNames(values);
    return { ...placeErrors(errors, names), ...placeErrors(durationErrors, names) };
  }

  /** Refusals from the form itself and from the shared validation, each on its field. */
  function refused(req: Request, res: Response, language: Language, round: RoundView | undefined, values: RoundFormValues, errors: FieldErrors, status: number) {
    return showForm(req, res, language, { round, values, errors: placeErrors(errors, roundFieldNames(values)) }, status);
  }

  async function roundOr404(id: string | string[] | undefined): Promise<RoundView> {
    const parsed = z.uuid().safeParse(id);
    const round = parsed.success ? await findRound(deps.db, parsed.data) : null;
    if (!round) throw new ApiError(404, 'not_found', 'errors.round.unknown');
    return round;
  }

  router.get(BASE, mayManage, async (req, res) => {
    const language = pageLanguage(req, res);
    const [rounds, schemes] = await Promise.all([listRounds(deps.db), schemeChoices(language)]);
    const schemeName = (slug: string) => schemes.find((scheme) => scheme.slug === slug)?.name ?? slug;
    sendAdminPage(deps, req, res, {
      title: t(language, 'admin.rounds'),
      language,
      main: html`
        <h1>${t(language, 'admin.rounds')}</h1>
        <p>${t(language, 'admin.roundsIntro')}</p>
        <p><a class="button button-primary" href="${BASE}/ny">${t(language, 'admin.newRound')}</a></p>
        <div class="table--responsive-scroll"><table class="table table--compact">
          <thead><tr><th scope="col">${t(language, 'admin.roundName')}</th><th scope="col">${t(language, 'admin.scheme')}</th><th scope="col">${t(language, 'admin.mode')}</th><th scope="col">${t(language, 'admin.period')}</th><th scope="col" class="gf-number">${t(language, 'admin.budget')}</th><th scope="col" class="gf-number">${t(language, 'admin.applications')}</th></tr></thead>
          <tbody>
            ${rounds.map(
              (round) => html`<tr>
                <td><a href="${BASE}/${round.id}">${round.name}</a></td>
                <td>${schemeName(round.scheme)}</td>
                <td>${t(language, `admin.modeShort.${round.mode}`)}</td>
                <td class="gf-nowrap">${formatDateTime(language, round.opensAt)} – ${round.closesAt ? formatDeadline(language, round.closesAt) : t(language, 'admin.untilFurtherNotice')}</td>
                <td class="gf-number">${formatNumber(language, round.budget)}</td>
                <td class="gf-number">${round.applicationCount}</td>
              </tr>`,
            )}
          </tbody>
        </table></div>`,
    });
  });

  router.get(`${BASE}/ny`, mayManage, async (req, res) => {
    const language = pageLanguage(req, res);
    // The defaults every new round starts from; name, slug and amounts are left for the administrator,
    // the scheme too unless the link names one (?ordning=<slug>).
    const defaults = roundInputSchema.parse({ slug: 'ny-pulje', scheme: 'ordning', name: '-', budget: 1, maxAmount: 1, opensAt: new Date().toISOString() });
    const scheme = typeof req.query.ordning === 'string' ? req.query.ordning : '';
    await showForm(req, res, language, { values: { ...newRoundValues(defaults, language), scheme } });
  });

  router.post(`${BASE}/ny`, mayManage, async (req, res) => {
    const language = pageLanguage(req, res);
    const { input, values, errors, durationErrors } = roundFromForm(req.body ?? {}, language);
    if (Object.keys(errors).length) return refused(req, res, language, undefined, values, formErrors(values, errors, durationErrors), 400);
    try {
      const round = await createRound(deps.db, input, language, deps.frame);
      await recordAudit(deps.db, staffOf(res)!, 'round.create', { details: { roundId: round.id, slug: round.slug } });
      res.redirect(303, `${BASE}/${round.id}?gemt=round_created`);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      refused(req, res, language, undefined, values, formErrors(values, fieldErrorsOf(error, language), durationErrors), error.status);
    }
  });

  router.get(`${BASE}/:id`, mayManage, async (req, res) => {
    const round = await roundOr404(req.params.id);
    const language = pageLanguage(req, res);
    await showForm(req, res, language, { round, values: formValuesOf(round, language) });
  });

  router.post(`${BASE}/:id`, mayManage, async (req, res) => {
    const language = pageLanguage(req, res);
    const round = await roundOr404(req.params.id);
    const { input, values, errors, durationErrors } = roundFromForm(req.body ?? {}, language);
    if (Object.keys(errors).length) return refused(req, res, language, round, values, formErrors(values, errors, durationErrors), 400);
    try {
      const { before, after } = await updateRound(deps.db, round.id, input, language, deps.frame);
      await recordAudit(deps.db, staffOf(res)!, 'round.update', { details: { roundId: round.id, changed: changedSettings(before, after) } });
      res.redirect(303, `${BASE}/${round.id}?gemt=round_saved`);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      refused(req, res, language, round, values, formErrors(values, fieldErrorsOf(error, language), durationErrors), error.status);
    }
  });

  return router;
}
