import { z } from 'zod';
import { Router, type Request, type Response } from 'express';
import type { Database } from '../../../../lib/db';
import { html } from '../../../../lib/html';
import { generateAccessToken, sha256Hex } from '../../../../lib/tokens';
import { formatDateTime, t, zodErrorMap, type Language } from '../../../../locale';
import { helperDraftInputSchema } from '../../../../domain/helper-draft-input';
import { FORM_STEPS } from '../../../../domain/draft-steps';
import { prepareDraftForAssociation, preparedDrafts } from '../../drafts/helper';
import { ApiError, zodIssues } from '../../http/errors';
import { staffOf } from '../../http/staff';
import { selectField, textField, type FieldErrors } from '../forms';
import type { SiteSettings } from '../layout';
import { pageLanguage } from '../page-language';
import { fieldErrorsOf } from '../admin/page';
import { setDraftCookie } from '../apply/draft-cookie';
import { positionUrl } from '../apply/draft-paths';
import { staffPagesFor } from './access';
import { sendStaffPage, staffCsrfField } from './shell';

// The volunteer centre's page: start a draft for an association, and the drafts prepared so far.
// A draft opens in the helper's browser with the helper's own token (which never submits); the
// helper sends the association its link from the draft's summary.

export const HELPER_DRAFTS_PAGE = '/personale/kladder';

interface HelperPageDependencies {
  db: Database;
  site: SiteSettings;
  cookieSecret: string;
  secureCookies: boolean;
}

const text = (body: Record<string, unknown> | undefined, name: string) => (typeof body?.[name] === 'string' ? (body[name] as string) : '');

export function helperDraftsPages(deps: HelperPageDependencies): Router {
  const router = Router();
  const guard = staffPagesFor(deps.site, deps.cookieSecret, 'draft.prepare');

  async function show(req: Request, res: Response, state: { errors?: FieldErrors; values?: Record<string, unknown> } = {}, status = 200) {
    const language: Language = pageLanguage(req, res);
    const staff = staffOf(res)!;
    const errors = state.errors ?? {};
    const now = new Date();
    const rounds = await deps.db.fundingRound.findMany({
      where: { demo: false, opensAt: { lte: now }, OR: [{ closesAt: null }, { closesAt: { gt: now } }] },
      orderBy: { opensAt: 'asc' },
      select: { id: true, name: true },
    });
    const drafts = await preparedDrafts(deps.db, staff);
    const statusOf = (draft: (typeof drafts)[number]) =>
      draft.submittedAt
        ? t(language, 'staff.helper.statusSubmitted', { date: formatDateTime(language, draft.submittedAt) })
        : draft.sharedAt
          ? t(language, 'staff.helper.statusShared', { email: draft.sharedWithEmail ?? '', date: formatDateTime(language, draft.sharedAt) })
          : t(language, 'staff.helper.statusDraft');
    sendStaffPage(req, res, deps.site, deps.cookieSecret, {
      title: t(language, 'staff.helper.title'),
      language,
      area: 'helpers',
      errors,
      main: html`
        <h1>${t(language, 'staff.helper.title')}</h1>
        <p>${t(language, 'staff.helper.intro')}</p>
        <h2>${t(language, 'staff.helper.newHeading')}</h2>
        <form method="post" action="${HELPER_DRAFTS_PAGE}" novalidate>
          ${staffCsrfField(res, deps.cookieSecret)}
          ${selectField({ name: 'roundId', label: t(language, 'staff.helper.round'), language, error: errors.roundId, value: text(state.values, 'roundId'), emptyLabel: '—', options: rounds.map((round) => ({ value: round.id, label: round.name })) })}
          ${textField({ name: 'associationName', label: t(language, 'staff.helper.associationName'), language, error: errors.associationName, value: text(state.values, 'associationName'), width: 'xl', maxLength: 200, autocomplete: 'off' })}
          ${textField({ name: 'associationEmail', label: t(language, 'staff.helper.associationEmail'), hint: t(language, 'staff.helper.associationEmailHint'), language, error: errors.associationEmail, value: text(state.values, 'associationEmail'), type: 'email', width: 'l', maxLength: 254, autocomplete: 'off' })}
          <button type="submit" class="button button-primary">${t(language, 'staff.helper.create')}</button>
        </form>
        <h2>${t(language, 'staff.helper.listHeading')}</h2>
        ${drafts.length
          ? html`<ul class="nobullet-list">${drafts.map(
              (draft) => html`<li class="mb-5">
                <h3 class="h5 mb-2">${draft.submittedAt ? draft.preparedFor : html`<a href="${HELPER_DRAFTS_PAGE}/${draft.id}/aabn">${draft.preparedFor}</a>`}</h3>
                <dl class="gf-fields">
                  <dt>${t(language, 'staff.helper.colRound')}</dt><dd>${draft.round.name}</dd>
                  <dt>${t(language, 'staff.helper.colStatus')}</dt><dd>${statusOf(draft)}</dd>
                  <dt>${t(language, 'staff.helper.colCreated')}</dt><dd>${formatDateTime(language, draft.createdAt)}</dd>
                </dl>
              </li>`,
            )}</ul>`
          : html`<p>${t(language, 'staff.helper.none')}</p>`}`,
    }, status);
  }

  router.get(HELPER_DRAFTS_PAGE, guard, (req, res) => show(req, res));

  router.post(HELPER_DRAFTS_PAGE, guard, async (req, res) => {
    const language = pageLanguage(req, res);
    const values = { roundId: text(req.body, 'roundId'), associationName: text(req.body, 'associationName'), associationEmail: text(req.body, 'associationEmail') };
    const parsed = helperDraftInputSchema.safeParse(values, { error: zodErrorMap(language) });
    if (!parsed.success) return show(req, res, { errors: Object.fromEntries(zodIssues(parsed.error, language).map((issue) => [issue.path, issue.message])), values }, 400);
    let prepared;
    try {
      prepared = await prepareDraftForAssociation(deps.db, staffOf(res)!, parsed.data, language);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 400) throw error;
      return show(req, res, { errors: fieldErrorsOf(error, language), values }, 400);
    }
    setDraftCookie(res, prepared.id, prepared.helperToken, deps.secureCookies);
    res.redirect(303, positionUrl(prepared.id, FORM_STEPS[0]));
  });

  /** Opens one of the helper's own drafts in this browser: a fresh helper token (the earlier one stops working). */
  router.get(`${HELPER_DRAFTS_PAGE}/:id/aabn`, guard, async (req, res) => {
    const draftId = z.uuid().safeParse(req.params.id);
    if (!draftId.success) throw new ApiError(404, 'not_found', 'errors.draft.notFound');
    const helperToken = generateAccessToken();
    const { count } = await deps.db.applicationDraft.updateMany({ where: { id: draftId.data, preparedByStaffId: staffOf(res)!.id, submittedAt: null }, data: { helperTokenHash: sha256Hex(helperToken) } });
    if (count !== 1) throw new ApiError(404, 'not_found', 'errors.draft.notFound');
    setDraftCookie(res, draftId.data, helperToken, deps.secureCookies);
    res.redirect(303, positionUrl(draftId.data, FORM_STEPS[0]));
  });

  return router;
}
