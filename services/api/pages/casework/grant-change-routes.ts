import { Router, type Request, type Response } from 'express';
import { grantChangeDecisionSchema } from '../../../../domain/grant-change-input';
import { t, zodErrorMap } from '../../../../locale';
import { decideGrantChange } from '../../casework/grant-changes';
import { ApiError, zodIssues } from '../../http/errors';
import { applicationIdOf } from '../../http/case-access';
import { staffOf } from '../../http/staff';
import { pageLanguage } from '../page-language';
import { showCasePage } from './case-page';
import type { CasePageState } from './case-data';
import { allowedTo, fieldErrorsOf, runCaseAction, type CaseRouteDependencies } from './case-routes';
import { textOf } from './format';

// The case page's form for the decision on a change request.

const sameField = (path: string) => path;

export function grantChangePages(deps: CaseRouteDependencies): Router {
  const router = Router();
  router.post('/personale/sager/:id/aendring', allowedTo(deps, 'grantChange.decide'), async (req: Request, res: Response) => {
    const language = pageLanguage(req, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const approve = textOf(body.approve);
    const result = grantChangeDecisionSchema.safeParse({ approve: approve === 'true' ? true : approve === 'false' ? false : undefined, reasons: textOf(body.reasons) }, { error: zodErrorMap(language) });
    if (!result.success) {
      const errors = fieldErrorsOf(zodIssues(result.error, language), language, sameField);
      if (errors.approve) errors.approve = t(language, 'errors.grantChanges.decisionRequired');
      await showCasePage(req, res, deps, applicationIdOf(req), { form: 'grantChange', values: body, errors } satisfies CasePageState, 400);
      return;
    }
    const input = result.data;
    await runCaseAction(req, res, deps, 'grantChange', async (id) => {
      await decideGrantChange(deps.temporal, id, staffOf(res)!.email, input);
      return { done: 'grantChangeDecided', audit: { action: 'grant_change.decide', details: { approve: input.approve } } };
    }, sameField);
  });
  return router;
}
