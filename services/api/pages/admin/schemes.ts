import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Database } from '../../../../lib/db';
import { html } from '../../../../lib/html';
import { lawWording, t, type Language } from '../../../../locale';
import { changedSchemeFields, createScheme, findScheme, listSchemes, updateScheme, type SchemeView } from '../../admin/schemes';
import { recordAudit } from '../../audit/log';
import { ApiError } from '../../http/errors';
import { staffOf } from '../../http/staff';
import { textArea, textField, type FieldErrors } from '../forms';
import { pageLanguage } from '../page-language';
import { staffPagesFor } from '../staff/access';
import { staffCsrfField } from '../staff/shell';
import { fieldErrorsOf, noticeAlert, sendAdminPage, type AdminPageDependencies } from './page';
import { placeErrors } from './round-form';
import { FRAME_FIELD_NAMES, frameFormValues, frameFromForm, renderFrameFields } from './round-frame-fields';
import { kronerOf } from './form-values';
import { renderRuleFields, ruleFieldNames, ruleFormValues, rulesFromForm } from './rule-fields';

// Grant schemes: the list, a new scheme, and an existing one's texts, legal frame, reporting
// tiers and decision criteria (what a new round of the scheme starts from).

const BASE = '/personale/admin/ordninger';
const LANGUAGES = ['da', 'nb', 'en'] as const;
const TEXT_FIELDS = LANGUAGES.flatMap((language) => [`name.${language}`, `description.${language}`]);
const FIELD_NAMES = ['slug', ...TEXT_FIELDS, ...FRAME_FIELD_NAMES];
const fieldNames = (values: Values) => [...FIELD_NAMES, ...ruleFieldNames(values)];

type Values = Record<string, string | string[]>;

function valuesOf(scheme: SchemeView): Values {
  return {
    slug: scheme.slug,
    ...Object.fromEntries(LANGUAGES.flatMap((language) => [[`name.${language}`, scheme.name[language]], [`description.${language}`, scheme.description[language]]])),
    ...frameFormValues(scheme.legalFrame),
    ...ruleFormValues(scheme),
  };
}

/** The posted scheme, and the problems only the form can have (a limit that is not a number). No tier or criterion rows: the scheme keeps its own, or a new one gets the defaults. */
function schemeFromForm(body: Record<string, unknown>, language: Language): { input: Record<string, unknown>; values: Values; errors: FieldErrors } {
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  const values: Values = Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string | string[]] => entry[0] !== '_csrf' && (typeof entry[1] === 'string' || Array.isArray(entry[1]))));
  const texts = (prefix: string) => Object.fromEntries(LANGUAGES.map((language) => [language, text(`${prefix}.${language}`)]));
  const errors: FieldErrors = {};
  const { reportingTiers, decisionCriteria } = rulesFromForm(body, (name) => kronerOf(body, name, errors, language, { optional: true }));
  const input = {
    slug: text('slug').trim(),
    name: texts('name'),
    description: texts('description'),
    legalFrame: frameFromForm(body),
    ...(reportingTiers.length ? { reportingTiers } : {}),
    ...(decisionCriteria.length ? { decisionCriteria } : {}),
  };
  return { input, values, errors };
}

export function schemePages(deps: AdminPageDependencies & { db: Database }): Router {
  const router = Router();
  const mayManage = staffPagesFor(deps.site, deps.cookieSecret, 'scheme.manage');

  function showForm(req: Request, res: Response, language: Language, page: { scheme?: SchemeView; values: Values; errors?: FieldErrors }, status = 200) {
    const errors = page.errors ?? {};
    const value = (name: string) => (typeof page.values[name] === 'string' ? (page.values[name] as string) : '');
    const field = (name: string, label: string, extra: Partial<Parameters<typeof textField>[0]> = {}) => textField({ name, label, language, value: value(name), error: errors[name], ...extra });
    const heading = page.scheme ? `${t(language, 'admin.editScheme')}: ${page.scheme.name[language]}` : t(language, 'admin.newScheme');
    sendAdminPage(deps, req, res, {
      title: heading,
      language,
      errors,
      main: html`
        <p><a href="${BASE}">${t(language, 'admin.schemes')}</a></p>
        <h1>${heading}</h1>
        ${noticeAlert(req, ['scheme_created', 'scheme_saved'], language)}
        <p>${t(language, lawWording('admin.schemesIntro', deps.site.jurisdiction))}</p>
        ${page.scheme ? html`<p><a class="button button-secondary" href="/personale/admin/puljer/ny?ordning=${page.scheme.slug}">${t(language, 'admin.newRoundInScheme')}</a></p>` : ''}
        <form method="post" action="${page.scheme ? `${BASE}/${page.scheme.id}` : `${BASE}/ny`}" novalidate>
          ${staffCsrfField(res, deps.cookieSecret)}
          <h2>${t(language, 'admin.sectionSchemeTexts')}</h2>
          <p class="form-hint">${t(language, 'admin.schemeTextsHint')}</p>
          ${field('slug', t(language, 'admin.slug'), { hint: t(language, 'admin.schemeSlugHint'), width: 'l', maxLength: 100, autocomplete: 'off' })}
          ${LANGUAGES.map((text) => field(`name.${text}`, t(language, `admin.schemeName.${text}`), { width: 'xl', maxLength: 200 }))}
          ${LANGUAGES.map((text) =>
            textArea({ name: `description.${text}`, label: t(language, `admin.schemeDescription.${text}`), language, value: value(`description.${text}`), error: errors[`description.${text}`], maxLength: 2000, rows: 3 }),
          )}
          ${renderFrameFields(language, page.values, errors, t(language, 'admin.schemeFrameHint'), deps.site.jurisdiction)}
          ${renderRuleFields(language, page.values, errors)}
          <button type="submit" class="button button-primary">${page.scheme ? t(language, 'admin.saveScheme') : t(language, 'admin.newScheme')}</button>
        </form>`,
    }, status);
  }

  async function schemeOr404(id: string | string[] | undefined): Promise<SchemeView> {
    const parsed = z.uuid().safeParse(id);
    const scheme = parsed.success ? await findScheme(deps.db, parsed.data) : null;
    if (!scheme) throw new ApiError(404, 'not_found', 'errors.scheme.unknown');
    return scheme;
  }

  /** Saves through the shared rules; a refusal shows the form again with each message on its field. */
  async function save(req: Request, res: Response, scheme: SchemeView | undefined) {
    const language = pageLanguage(req, res);
    const { input, values, errors } = schemeFromForm(req.body ?? {}, language);
    if (Object.keys(errors).length) return showForm(req, res, language, { scheme, values, errors: placeErrors(errors, fieldNames(values)) }, 400);
    try {
      if (scheme) {
        const { before, after } = await updateScheme(deps.db, scheme.id, input, language);
        await recordAudit(deps.db, staffOf(res)!, 'scheme.update', { details: { schemeId: scheme.id, changed: changedSchemeFields(before, after) } });
        res.redirect(303, `${BASE}/${scheme.id}?gemt=scheme_saved`);
      } else {
        const created = await createScheme(deps.db, input, language);
        await recordAudit(deps.db, staffOf(res)!, 'scheme.create', { details: { schemeId: created.id, slug: created.slug } });
        res.redirect(303, `${BASE}/${created.id}?gemt=scheme_created`);
      }
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      showForm(req, res, language, { scheme, values, errors: placeErrors(fieldErrorsOf(error, language), fieldNames(values)) }, error.status);
    }
  }

  router.get(BASE, mayManage, async (req, res) => {
    const language = pageLanguage(req, res);
    const schemes = await listSchemes(deps.db);
    sendAdminPage(deps, req, res, {
      title: t(language, 'admin.schemes'),
      language,
      main: html`
        <h1>${t(language, 'admin.schemes')}</h1>
        <p>${t(language, lawWording('admin.schemesIntro', deps.site.jurisdiction))}</p>
        <p><a class="button button-primary" href="${BASE}/ny">${t(language, 'admin.newScheme')}</a></p>
        <table class="table table--compact">
          <thead><tr><th scope="col">${t(language, 'admin.scheme')}</th><th scope="col">${t(language, 'admin.legalBasisColumn')}</th><th scope="col" class="gf-number">${t(language, 'admin.schemeRounds')}</th></tr></thead>
          <tbody>
            ${schemes.map(
              (scheme) => html`<tr>
                <td><a href="${BASE}/${scheme.id}">${scheme.name[language]}</a></td>
                <td>${scheme.legalFrame.legalBasis ?? ''}</td>
                <td class="gf-number">${scheme.roundCount}</td>
              </tr>`,
            )}
          </tbody>
        </table>`,
    });
  });

  router.get(`${BASE}/ny`, mayManage, (req, res) => {
    showForm(req, res, pageLanguage(req, res), { values: { 'legalFrame.decisionMaker.kind': 'delegation' } });
  });

  router.post(`${BASE}/ny`, mayManage, async (req, res) => save(req, res, undefined));

  router.get(`${BASE}/:id`, mayManage, async (req, res) => {
    const scheme = await schemeOr404(req.params.id);
    showForm(req, res, pageLanguage(req, res), { scheme, values: valuesOf(scheme) });
  });

  router.post(`${BASE}/:id`, mayManage, async (req, res) => save(req, res, await schemeOr404(req.params.id)));

  return router;
}
