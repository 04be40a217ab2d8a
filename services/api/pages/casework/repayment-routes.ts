import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { repaymentDecisionSchema, repaymentPaymentSchema } from '../../../../domain/repayment-schema';
import { t, zodErrorMap } from '../../../../locale';
import { decideRepayment, registerRepaymentPaid } from '../../casework/repayment';
import { ApiError, zodIssues } from '../../http/errors';
import { staffOf } from '../../http/staff';
import { pageLanguage } from '../page-language';
import type { CasePageState } from './case-data';
import { allowedTo, fieldErrorsOf, runCaseAction, withFormErrors, type CaseRouteDependencies } from './case-routes';
import { textOf } from './format';

// The case page's repayment forms: the decision on the proposed claim, and the payment registered.

/** The API's field names are the forms' own. */
const sameField = (path: string) => path;

function parsed<S extends z.ZodType>(schema: S, input: unknown, req: Request, res: Response, form: 'repayment' | 'repaymentPaid'): z.infer<S> {
  const language = pageLanguage(req, res);
  const result = schema.safeParse(input, { error: zodErrorMap(language) });
  if (result.success) return result.data;
  const errors = fieldErrorsOf(zodIssues(result.error, language), language, sameField);
  if (errors.outcome) errors.outcome = t(language, 'errors.repayment.outcomeRequired');
  if (errors.amount) errors.amount = t(language, 'errors.repayment.amountRequired');
  if (errors.newPeriodEnd) errors.newPeriodEnd = t(language, 'errors.repayment.newPeriodRequired');
  if (errors.paidOn) errors.paidOn = t(language, 'errors.repayment.paidOnInvalid');
  throw Object.assign(new ApiError(400, 'validation_failed', 'errors.validation.failed'), { pageState: { form, values: req.body, errors } satisfies CasePageState });
}

/** Whole kroner as typed ("1.500", "1 500"); anything else is left for the schema to refuse. */
function kroner(value: unknown): number | string | undefined {
  const text = textOf(value).replace(/[\s.]/g, '');
  if (!text) return undefined;
  return /^\d{1,9}$/.test(text) ? Number(text) : text;
}

export function repaymentPages(deps: CaseRouteDependencies): Router {
  const router = Router();

  router.post(
    '/personale/sager/:id/tilbagebetaling',
    allowedTo(deps, 'repayment.decide'),
    withFormErrors(deps, async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const input = parsed(
        repaymentDecisionSchema,
        { outcome: textOf(body.outcome) || undefined, amount: kroner(body.amount), reasons: textOf(body.reasons), newPeriodEnd: textOf(body.newPeriodEnd).trim() || undefined },
        req,
        res,
        'repayment',
      );
      await runCaseAction(req, res, deps, 'repayment', async (id) => {
        await decideRepayment(deps.temporal, id, staffOf(res)!.email, input);
        return { done: 'repaymentDecided', audit: { action: 'repayment.decide', details: { outcome: input.outcome, amount: input.amount, newPeriodEnd: input.newPeriodEnd } } };
      }, sameField);
    }),
  );

  router.post(
    '/personale/sager/:id/indbetaling',
    allowedTo(deps, 'repayment.registerPaid'),
    withFormErrors(deps, async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const input = parsed(repaymentPaymentSchema, { paidOn: textOf(body.paidOn).trim() }, req, res, 'repaymentPaid');
      await runCaseAction(req, res, deps, 'repaymentPaid', async (id) => {
        await registerRepaymentPaid(deps.temporal, id, staffOf(res)!.email, input);
        return { done: 'repaymentPaid', audit: { action: 'repayment.register_paid', details: { paidOn: input.paidOn } } };
      }, sameField);
    }),
  );
  return router;
}
