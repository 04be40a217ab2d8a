import { Router } from 'express';
import { createBusinessRegister, type BusinessRegister } from '../../../../lib/register';
import { organizationNumberRule } from '../../../../lib/organization-number';
import { FORM_STEPS, stepAnswers, type DraftAnswers, type DraftPosition } from '../../../../domain/draft-steps';
import type { FieldIssue } from '../../http/errors';
import { verifyCsrf } from '../../http/csrf';
import { draftForToken } from '../../drafts/access';
import { secondsSinceView, viewStamp } from '../../drafts/active-time';
import { documentsAskedFor } from '../../drafts/documents';
import { PREFILLED_STEPS } from '../../../../domain/organisation-profile';
import { addActiveSeconds, draftData, moveTo, storeStepAnswers } from '../../drafts/store';
import { checkStep } from '../../drafts/validation';
import type { FieldErrors } from '../forms';
import { sendPage } from '../layout';
import { pageLanguage } from '../page-language';
import { outlineOf, type ApplyContext } from './context';
import { setDraftCookie } from './draft-cookie';
import { isWrongDraftToken, sendDraftLinkRefused } from './new-link-routes';
import { draftPath, positionUrl, stepFromSlug } from './draft-paths';
import { answersFromForm, budgetLineToRemove, withoutBudgetLine } from './form-input';
import { fieldNameFor, stepPage } from './step-pages';
import { MIN_BUDGET_ROWS } from './budget-step';
import { preparedView } from './prepared-notice';

/** Field issues as the error summary and the fields want them: one message per field, in order. */
function fieldErrors(issues: FieldIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const name = fieldNameFor(issue.path);
    if (!(name in errors)) errors[name] = issue.message;
  }
  return errors;
}

/** The draft's private link and the form's steps: each step is saved as the association moves on. */
export function stepRoutes(context: ApplyContext): Router {
  const router = Router();
  const { db, site, secret } = context;
  const register: BusinessRegister = createBusinessRegister(context.config);
  const jurisdiction = context.config.JURISDICTION;
  const numberRule = organizationNumberRule(jurisdiction);

  router.get('/kladde/:id', async (req, res) => {
    const link = typeof req.query.adgang === 'string' ? req.query.adgang : undefined;
    if (link) {
      // The private link from the email: keep the token in a cookie, take it out of the address bar.
      const draft = await draftForToken(db, req.params.id, link).catch((error: unknown) => {
        if (isWrongDraftToken(error)) return undefined;
        throw error;
      });
      if (!draft) return sendDraftLinkRefused(req, res, context, req.params.id, pageLanguage(req, res));
      setDraftCookie(res, draft.id, link, context.secureCookies);
      res.redirect(303, draftPath(draft.id));
      return;
    }
    const opened = await context.openDraft(req, res);
    if (opened) res.redirect(303, positionUrl(opened.draft.id, opened.draft.currentStep));
  });

  router.get('/kladde/:id/trin/:step', async (req, res) => {
    const step = stepFromSlug(req.params.step);
    const opened = await context.openDraft(req, res);
    if (!opened) return;
    const { draft, token } = opened;
    const language = pageLanguage(req, res);
    const answers = draftData(draft.data).answers;
    const errors = req.query.tjek ? fieldErrors(checkStep(step, stepAnswers(step, answers), answers, draft.round, language, jurisdiction).issues) : {};
    const requestedRows = Number(req.query.linjer);
    const removedLine = Number(req.query.fjernet);
    sendPage(
      res,
      stepPage(req, site, language, {
        draftId: draft.id,
        round: draft.round,
        step,
        answers,
        errors,
        outline: outlineOf(draft, answers, language),
        csrf: context.csrfFor(token),
        shownStamp: viewStamp(secret, draft.id, step),
        budgetRows: Number.isInteger(requestedRows) ? Math.min(Math.max(requestedRows, MIN_BUDGET_ROWS), 50) : undefined,
        removedLine: Number.isInteger(removedLine) && removedLine > 0 && removedLine <= 50 ? removedLine : undefined,
        prepared: preparedView(draft, token),
        prefilled: draft.prefilledFrom !== null && (PREFILLED_STEPS as readonly string[]).includes(step),
      }),
    );
  });

  /** Name and address from the business register where the association left them empty. */
  async function withRegisterDetails(answers: DraftAnswers): Promise<DraftAnswers> {
    const organization = { ...(answers.organization as Record<string, unknown>) };
    if (typeof organization.cvr !== 'string' || (organization.name && organization.address)) return answers;
    const cvr = numberRule.normalize(organization.cvr);
    if (!numberRule.isValid(cvr)) return answers;
    try {
      const lookup = await register.lookup(cvr);
      if (!lookup.found) return answers;
      const { entity } = lookup;
      organization.name ??= entity.name;
      if (entity.address) organization.address ??= `${entity.address.street}, ${entity.address.postalCode} ${entity.address.city}`;
      return { ...answers, organization };
    } catch (error) {
      // The register being slow or down must not stop anyone from filling in the form.
      context.log.warn({ err: error }, 'register lookup for the form failed');
      return answers;
    }
  }

  router.post('/kladde/:id/trin/:step', async (req, res) => {
    const step = stepFromSlug(req.params.step);
    const opened = await context.openDraft(req, res);
    if (!opened) return;
    const { draft, token } = opened;
    verifyCsrf(req, secret, token, context.publicBaseUrl);
    const language = pageLanguage(req, res);
    await addActiveSeconds(db, draft.id, step, secondsSinceView(secret, draft.id, step, req.body._shown));

    // A budget line's own "remove" button: the step again without that line, everything else as typed.
    const removed = step === 'budget' ? budgetLineToRemove(req.body) : undefined;
    let typed = answersFromForm(step, removed === undefined ? req.body : withoutBudgetLine(req.body, removed));
    if (step === 'organization') typed = await withRegisterDetails(typed);
    const before = draftData(draft.data).answers;
    const checked = checkStep(step, typed, before, draft.round, language, jurisdiction);
    const action = String(req.body.action ?? 'next');
    // What was typed is kept even when it does not validate; the valid form of it when it does.
    const keep = checked.ok ? checked.value : typed;
    const stepIndex = FORM_STEPS.indexOf(step);

    if (removed !== undefined) {
      await storeStepAnswers(db, draft, step, keep, step, language);
      // Focus goes to the line that took the removed one's place, or the empty line after the last.
      const lines = (keep.budget as { lines?: unknown[] } | undefined)?.lines?.length ?? 0;
      res.redirect(303, `${positionUrl(draft.id, step)}?fjernet=${removed + 1}#f-budget-lines-${Math.min(removed, lines)}-category`);
      return;
    }
    if (action === 'next') {
      if (!checked.ok) {
        await storeStepAnswers(db, draft, step, typed, step, language);
        res.redirect(303, `${positionUrl(draft.id, step)}?tjek=1`);
        return;
      }
      const after = await storeStepAnswers(db, draft, step, checked.value, step, language);
      const next: DraftPosition =
        stepIndex < FORM_STEPS.length - 1 ? FORM_STEPS[stepIndex + 1]! : documentsAskedFor(draft.round, after.answers).length ? 'documents' : 'summary';
      await moveTo(db, { id: draft.id, furthestStep: draft.furthestStep }, next);
      res.redirect(303, positionUrl(draft.id, next));
      return;
    }
    await storeStepAnswers(db, draft, step, keep, step, language);
    if (action === 'later') res.redirect(303, `${draftPath(draft.id)}/gem`);
    else if (action === 'back') res.redirect(303, positionUrl(draft.id, FORM_STEPS[Math.max(stepIndex - 1, 0)]!));
    else if (action === 'more-lines') {
      const lines = (keep.budget as { lines?: unknown[] } | undefined)?.lines?.length ?? 0;
      res.redirect(303, `${positionUrl(draft.id, step)}?linjer=${Math.max(lines + 1, MIN_BUDGET_ROWS) + 3}#f-budget-lines-${lines}-category`);
    } else res.redirect(303, positionUrl(draft.id, step));
  });

  return router;
}
