import { Router, type Request, type Response } from 'express';
import type { Config } from '../../../../lib/config';
import { decisionSchema } from '../../../../domain/case-actions';
import { recordAccess, recordAudit } from '../../audit/log';
import { ApiError, type FieldIssue } from '../../http/errors';
import { applicationIdOf } from '../../http/case-access';
import { staffOf } from '../../http/staff';
import { claimCase, consultParty, currentCaseState, releaseCase, requestInformation } from '../../casework/actions';
import { consultationFieldFor, consultationFromForm } from './consultation';
import { decideCase, type DecisionInput } from '../../casework/decision';
import { previewDecisionLetter } from '../../casework/letter-preview';
import { addCaseNote, caseNoteSchema, NOTE_MAX_LENGTH } from '../../casework/notes';
import { addScreeningOverride, OVERRIDE_REASON_MAX_LENGTH, screeningOverrideSchema } from '../../casework/screening-overrides';
import { reviewStory, type StoryReviewInput } from '../../casework/story-review';
import { STORY_FIELD_FOR_PATH } from './story-section';
import type { FieldErrors } from '../forms';
import { pageLanguage } from '../page-language';
import { safeNextPath, staffPagesFor } from '../staff/access';
import type { StaffAction } from '../../../../domain/staff-policy';
import { showCasePage, staleNotice, type CasePageDependencies } from './case-page';
import { MESSAGE_MAX_LENGTH } from './case-forms';
import type { CaseForm, CasePageState } from './case-data';
import { t, zodErrorMap, type Language, type MessageKey } from '../../../../locale';
import { listOf, textOf } from './format';
import { alert } from '../staff/alert';
import { revokePrivateLinks } from '../../routes/private-links';
import { correctPayoutAccount } from '../../casework/payout-account';

export interface CaseRouteDependencies extends CasePageDependencies {
  config: Config;
}

/** A staff form's post: refused with the 403 page unless the role policy allows its action. */
export function allowedTo(deps: CasePageDependencies, action: StaffAction | ((req: Request) => StaffAction)) {
  return staffPagesFor(deps.site, deps.cookieSecret, action);
}

/** A form field for each path the API names in a 400, so the error summary links to the right field. */
const FIELD_FOR_PATH: Record<string, string> = { reasons: 'reasonText', 'reasons.criteria': 'criteria', 'reasons.text': 'reasonText' };

export function fieldErrorsOf(issues: FieldIssue[], language: Language, fieldFor: (path: string) => string = (path) => FIELD_FOR_PATH[path] ?? path): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = fieldFor(issue.path);
    errors[field] ??= issue.message.startsWith('i18n:') ? t(language, issue.message.slice(5) as MessageKey) : issue.message;
  }
  return errors;
}

/**
 * A route whose form errors are thrown with the page state to show again (400 on the case page);
 * any other error goes on to the error handler.
 */
export function withFormErrors(deps: CaseRouteDependencies, handler: (req: Request, res: Response) => Promise<void>) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      await handler(req, res);
    } catch (error) {
      const pageState = (error as { pageState?: CasePageState }).pageState;
      if (!pageState) throw error;
      await showCasePage(req, res, deps, applicationIdOf(req), pageState, 400);
    }
  };
}

/**
 * Runs one staff action from the case page. The form carries the status the page showed; when
 * the case has moved on since (or the workflow refuses with a 409), nothing is done and the page
 * says so plainly, showing the case as it is now. Field errors come back on the same form.
 */
export async function runCaseAction(
  req: Request,
  res: Response,
  deps: CasePageDependencies,
  form: CaseForm | undefined,
  action: (applicationId: string) => Promise<{ done: string; audit?: { action: string; details?: Record<string, unknown> } }>,
  fieldFor?: (path: string) => string,
): Promise<void> {
  const language = pageLanguage(req, res);
  const staff = staffOf(res)!;
  const id = applicationIdOf(req);
  const expected = textOf(req.body?.expectedStatus);
  const values = (req.body ?? {}) as Record<string, unknown>;
  const stale = async (status?: string) => {
    const now = status ?? (await currentCaseState(deps.temporal, id)).status;
    await showCasePage(req, res, deps, id, { notice: staleNotice(now, language) }, 409);
  };
  try {
    if (!(await deps.db.application.findUnique({ where: { id }, select: { id: true } }))) throw new ApiError(404, 'not_found', 'errors.application.notFound');
    if (expected) {
      const state = await currentCaseState(deps.temporal, id);
      if (state.status !== expected) return await stale(state.status);
    }
    const { done, audit } = await action(id);
    if (audit) await recordAudit(deps.db, staff, audit.action, { applicationId: id, details: audit.details });
    const back = safeNextPath(req.body?.returnTo);
    const target = new URL(back ?? `/personale/sager/${id}`, 'http://local');
    target.searchParams.set('udfoert', done);
    res.redirect(303, target.pathname + target.search);
  } catch (error) {
    // A refusal the page can explain by itself, with the case as it is.
    if (error instanceof ApiError && (error.code === 'story_not_consented' || error.code === 'conflict_of_interest' || error.code === 'payout_account_not_collected')) return showCasePage(req, res, deps, id, { notice: alert('warning', t(language, error.messageKey)) }, 409);
    if (error instanceof ApiError && (error.status === 409 || error.code === 'same_approver')) {
      if (error.code === 'same_approver') return showCasePage(req, res, deps, id, { notice: alert('warning', t(language, 'casework.sameApprover')) }, 409);
      return stale();
    }
    if (error instanceof ApiError && error.status === 400 && form) {
      return showCasePage(req, res, deps, id, { form, values, errors: fieldErrorsOf(error.issues, language, fieldFor) }, 400);
    }
    throw error;
  }
}

/** The decision form's fields as the API's decision input, or the form's errors in the page's language. */
export function decisionFromForm(body: Record<string, unknown>, language: Language): { input?: DecisionInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const outcome = textOf(body.outcome);
  const amountText = textOf(body.amountGranted).replace(/[\s.]/g, '');
  if (!outcome) errors.outcome = t(language, 'casework.outcomeRequired');
  if (!/^\d{1,9}$/.test(amountText)) errors.amountGranted = t(language, 'casework.amountRequired');
  const conditions = textOf(body.conditions).split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  if (Object.keys(errors).length) return { errors };
  const parsed = decisionSchema.safeParse(
    { outcome, amountGranted: Number(amountText), reasons: { criteria: listOf(body.criteria), text: textOf(body.reasonText) }, conditions },
    { error: zodErrorMap(language) },
  );
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
    return { errors: fieldErrorsOf(issues, language, (path) => (path.startsWith('conditions') ? 'conditions' : FIELD_FOR_PATH[path] ?? path)) };
  }
  return { input: parsed.data, errors };
}

function formError(form: CaseForm, values: Record<string, unknown>, errors: FieldErrors): ApiError & { pageState: CasePageState } {
  return Object.assign(new ApiError(400, 'validation_failed', 'errors.validation.failed'), { pageState: { form, values, errors } });
}

/** The POSTs of the case page: claim, release, request information, decide, preview, judge a rule, add a note. */
export function caseActionPages(deps: CaseRouteDependencies): Router {
  const router = Router();
  const municipality = deps.config;

  // Errors found by the page itself (before any call) come back on the form, status 400.
  const withFormErrors = (handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await handler(req, res);
    } catch (error) {
      const pageState = (error as { pageState?: CasePageState }).pageState;
      if (!pageState) throw error;
      await showCasePage(req, res, deps, applicationIdOf(req), pageState, 400);
    }
  };

  router.post('/personale/sager/:id/tag', allowedTo(deps, 'case.claim'), (req, res) =>
    runCaseAction(req, res, deps, undefined, async (id) => {
      await claimCase(deps, id, staffOf(res)!);
      return { done: 'claimed', audit: { action: 'case.claim' } };
    }),
  );

  // Audited by revokePrivateLinks itself, as through the API.
  router.post('/personale/sager/:id/luk-links', allowedTo(deps, 'case.revokeLinks'), (req, res) =>
    runCaseAction(req, res, deps, undefined, async (id) => {
      await revokePrivateLinks(deps.db, staffOf(res)!, id);
      return { done: 'linksRevoked' };
    }),
  );

  router.post('/personale/sager/:id/frigiv', allowedTo(deps, 'case.release'), (req, res) =>
    runCaseAction(req, res, deps, undefined, async (id) => {
      await releaseCase(deps.temporal, id, staffOf(res)!.email);
      return { done: 'released', audit: { action: 'case.release' } };
    }),
  );

  router.post(
    '/personale/sager/:id/oplysninger',
    allowedTo(deps, 'case.requestInformation'),
    withFormErrors((req, res) => {
      const language = pageLanguage(req, res);
      const items = listOf(req.body?.items).map((item) => item.trim()).filter(Boolean).slice(0, 20);
      const message = textOf(req.body?.message).trim();
      if (!items.length && !message) throw formError('request', req.body, { items: t(language, 'casework.requestNeedsSomething') });
      if (message.length > MESSAGE_MAX_LENGTH) throw formError('request', req.body, { message: t(language, 'casework.messageTooLong', { max: MESSAGE_MAX_LENGTH }) });
      return runCaseAction(req, res, deps, 'request', async (id) => {
        await requestInformation(deps.temporal, id, staffOf(res)!.email, items, message);
        return { done: 'requested', audit: { action: 'case.request_information', details: { items } } };
      });
    }),
  );

  router.post(
    '/personale/sager/:id/partshoering',
    allowedTo(deps, 'case.consult'),
    withFormErrors((req, res) => {
      const { input, errors } = consultationFromForm(req.body ?? {}, pageLanguage(req, res));
      if (!input) throw formError('consult', req.body, errors);
      return runCaseAction(req, res, deps, 'consult', async (id) => {
        await consultParty(deps.temporal, id, { caseworker: staffOf(res)!.email, ...input });
        return { done: 'consulted', audit: { action: 'case.consult', details: { facts: input.facts.length, answerBy: input.answerBy } } };
      }, consultationFieldFor);
    }),
  );

  router.post(
    '/personale/sager/:id/afgoerelse',
    allowedTo(deps, 'case.decide'),
    withFormErrors((req, res) => {
      const language = pageLanguage(req, res);
      const { input, errors } = decisionFromForm(req.body ?? {}, language);
      if (!input) throw formError('decide', req.body, errors);
      return runCaseAction(req, res, deps, 'decide', async (id) => {
        const state = await decideCase(deps, id, staffOf(res)!, input);
        return {
          done: state.status === 'AWAITING_APPROVAL' ? 'proposed' : 'decided',
          audit: { action: 'case.decide', details: { outcome: input.outcome, amountGranted: input.amountGranted, criteria: input.reasons.criteria } },
        };
      });
    }),
  );

  // The letter as it would be sent, without deciding: opened in a new tab from the decision form.
  router.post(
    '/personale/sager/:id/brev-udkast',
    allowedTo(deps, 'case.decide'),
    withFormErrors(async (req, res) => {
      const language = pageLanguage(req, res);
      const id = applicationIdOf(req);
      const staff = staffOf(res)!;
      const { input, errors } = decisionFromForm(req.body ?? {}, language);
      if (!input) throw formError('decide', req.body, errors);
      try {
        const preview = await previewDecisionLetter({ db: deps.db, municipality }, id, staff.email, input);
        await recordAccess(deps.db, staff, id, 'letter_preview');
        res
          .status(200)
          .set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${preview.filename}"`, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' })
          .send(preview.pdf);
      } catch (error) {
        if (error instanceof ApiError && error.status === 400) throw formError('decide', req.body, fieldErrorsOf(error.issues, language));
        throw error;
      }
    }),
  );

  router.post(
    '/personale/sager/:id/vurdering',
    allowedTo(deps, 'case.judgeScreening'),
    withFormErrors(async (req, res) => {
      const language = pageLanguage(req, res);
      const parsed = screeningOverrideSchema.safeParse({ code: textOf(req.body?.code), result: textOf(req.body?.result), reason: textOf(req.body?.reason) });
      if (!parsed.success) {
        const errors: FieldErrors = {};
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0]);
          errors[field] ??= field === 'code' ? t(language, 'casework.chooseRule') : field === 'result' ? t(language, 'casework.chooseResult') : t(language, 'casework.reasonRequired', { max: OVERRIDE_REASON_MAX_LENGTH });
        }
        throw formError('judge', req.body, errors);
      }
      await runCaseAction(req, res, deps, 'judge', async (id) => {
        const override = await addScreeningOverride(deps.db, staffOf(res)!, id, parsed.data);
        return { done: 'judged', audit: { action: 'screening.override', details: { code: override.code, result: override.result, reason: override.reason } } };
      });
    }),
  );

  router.post(
    '/personale/sager/:id/noter',
    allowedTo(deps, 'case.note'),
    withFormErrors(async (req, res) => {
      const language = pageLanguage(req, res);
      const parsed = caseNoteSchema.safeParse({ text: textOf(req.body?.text) });
      if (!parsed.success) throw formError('note', req.body, { text: t(language, 'casework.noteRequired', { max: NOTE_MAX_LENGTH }) });
      await runCaseAction(req, res, deps, 'note', async (id) => {
        const note = await addCaseNote(deps.db, staffOf(res)!, id, parsed.data.text);
        return { done: 'note', audit: { action: 'case.note', details: { noteId: note.id } } };
      });
    }),
  );

  // The account a Norwegian grant is paid to, corrected when the organisation asks.
  router.post('/personale/sager/:id/kontonummer', allowedTo(deps, 'case.correctPayoutAccount'), (req, res) =>
    runCaseAction(req, res, deps, 'payoutAccount', async (id) => {
      // Audited (masked) by correctPayoutAccount itself, as through the API.
      await correctPayoutAccount(deps.db, staffOf(res)!, id, { bankAccount: textOf(req.body?.bankAccount) }, pageLanguage(req, res), deps.config.JURISDICTION);
      return { done: 'payoutAccountCorrected' };
    }),
  );

  // A report's story: approved for publication in an anonymised wording, or declined.
  router.post(
    '/personale/sager/:id/historie',
    allowedTo(deps, 'story.review'),
    withFormErrors(async (req, res) => {
      const language = pageLanguage(req, res);
      const decision = textOf(req.body?.decision);
      const sequence = Number(textOf(req.body?.sequence));
      if ((decision !== 'approve' && decision !== 'decline') || !Number.isInteger(sequence) || sequence < 1) {
        throw formError('story', req.body, { storyText: t(language, 'casework.storyReview.chooseDecision') });
      }
      const input: StoryReviewInput =
        decision === 'approve' ? { decision, text: textOf(req.body?.storyText).trim(), activity: textOf(req.body?.storyActivity).trim() } : { decision };
      await runCaseAction(
        req,
        res,
        deps,
        'story',
        async (id) => {
          await reviewStory(deps.db, staffOf(res)!, id, sequence, input, language);
          return {
            done: decision === 'approve' ? 'storyApproved' : 'storyDeclined',
            audit: { action: decision === 'approve' ? 'story.approve' : 'story.decline', details: { sequence, ...(input.decision === 'approve' ? { text: input.text, activity: input.activity } : {}) } },
          };
        },
        (path) => STORY_FIELD_FOR_PATH[path] ?? path,
      );
    }),
  );

  return router;
}
