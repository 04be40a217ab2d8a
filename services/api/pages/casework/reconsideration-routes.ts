import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { boardDecisionSchema, reconsiderationAnswerSchema } from '../../../../domain/reconsideration-input';
import { t, zodErrorMap } from '../../../../locale';
import { answerReconsideration, registerBoardDecision } from '../../casework/reconsideration';
import { ApiError, zodIssues } from '../../http/errors';
import { staffOf } from '../../http/staff';
import type { FieldErrors } from '../forms';
import { pageLanguage } from '../page-language';
import type { CasePageState } from './case-data';
import { allowedTo, fieldErrorsOf, runCaseAction, withFormErrors, type CaseRouteDependencies } from './case-routes';
import { listOf, textOf } from './format';

// The case page's forms for reconsideration: the caseworker's answer, and the klagenemnd's decision.

const FIELD_FOR_PATH: Record<string, string> = { reasons: 'reasonText', 'reasons.text': 'reasonText', 'reasons.criteria': 'criteria' };

/** The form's new decision: outcome, whole kroner, one condition a line; left out when not chosen. */
function newDecision(body: Record<string, unknown>) {
  const amount = textOf(body.amountGranted).replace(/[\s.]/g, '');
  return {
    ...(textOf(body.outcome) ? { outcome: textOf(body.outcome) } : {}),
    ...(amount ? { amountGranted: /^\d{1,9}$/.test(amount) ? Number(amount) : Number.NaN } : {}),
    conditions: textOf(body.conditions).split(/\r?\n/).map((line) => line.trim()).filter(Boolean),
  };
}

function parsed<S extends z.ZodType>(schema: S, input: unknown, req: Request, res: Response, form: 'reconsider' | 'board'): z.infer<S> {
  const language = pageLanguage(req, res);
  const result = schema.safeParse(input, { error: zodErrorMap(language) });
  if (result.success) return result.data;
  const errors: FieldErrors = fieldErrorsOf(zodIssues(result.error, language), language, (path) => (path.startsWith('conditions') ? 'conditions' : FIELD_FOR_PATH[path] ?? path));
  if (errors.decidedOn) errors.decidedOn = t(language, 'casework.reconsideration.dateInvalid');
  throw Object.assign(new ApiError(400, 'validation_failed', 'errors.validation.failed'), { pageState: { form, values: req.body, errors } satisfies CasePageState });
}

export function reconsiderationPages(deps: CaseRouteDependencies): Router {
  const router = Router();

  router.post(
    '/personale/sager/:id/genovervejelse',
    allowedTo(deps, 'reconsideration.answer'),
    withFormErrors(deps, async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const input = parsed(reconsiderationAnswerSchema, { answer: textOf(body.answer) || undefined, reasons: { criteria: listOf(body.criteria), text: textOf(body.reasonText) }, ...newDecision(body) }, req, res, 'reconsider');
      await runCaseAction(req, res, deps, 'reconsider', async (id) => {
        await answerReconsideration(deps, id, staffOf(res)!.email, input);
        return { done: 'reconsidered', audit: { action: 'reconsideration.answer', details: { answer: input.answer, outcome: input.outcome, amountGranted: input.amountGranted } } };
      });
    }),
  );

  router.post(
    '/personale/sager/:id/klagenaevn',
    allowedTo(deps, 'reconsideration.answer'),
    withFormErrors(deps, async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const input = parsed(boardDecisionSchema, { boardOutcome: textOf(body.boardOutcome) || undefined, decidedOn: textOf(body.decidedOn), text: textOf(body.text), ...newDecision(body) }, req, res, 'board');
      await runCaseAction(req, res, deps, 'board', async (id) => {
        await registerBoardDecision(deps, id, staffOf(res)!.email, input);
        return { done: 'boardDecision', audit: { action: 'reconsideration.board_decision', details: { boardOutcome: input.boardOutcome, decidedOn: input.decidedOn } } };
      });
    }),
  );
  return router;
}
