import { Router } from 'express';
import { staffPagesFor } from '../staff/access';
import { approvalPages } from './approvals-page';
import { allocationPages } from './allocation-page';
import { caseActionPages, type CaseRouteDependencies } from './case-routes';
import { showCasePage } from './case-page';
import { showQueuePage } from './queue-page';
import { reconsiderationPages } from './reconsideration-routes';
import { grantChangePages } from './grant-change-routes';
import { repaymentPages } from './repayment-routes';
import { reportReviewPages } from './reports-page';
import { payoutPages } from './payouts-page';
import { applicationIdOf } from '../../http/case-access';

/** The caseworker's and approver's pages: queue, case, approvals, follow-up reports, payouts. */
export function caseworkPages(deps: CaseRouteDependencies): Router {
  const router = Router();
  const { site, cookieSecret } = deps;
  // Each area opens with the action its menu entry names; each form's post asks its own action too.
  // The approvals area's pages (second signatures, allocations) each name their own.
  router.use('/personale/sager', staffPagesFor(site, cookieSecret, 'case.read'));
  router.use('/personale/opfoelgning', staffPagesFor(site, cookieSecret, 'report.read'));

  router.get('/personale/sager', (req, res) => showQueuePage(req, res, deps));
  router.get('/personale/sager/:id', (req, res) => showCasePage(req, res, deps, applicationIdOf(req)));
  router.use(caseActionPages(deps));
  router.use(reconsiderationPages(deps));
  router.use(grantChangePages(deps));
  router.use(repaymentPages(deps));
  router.use(approvalPages(deps));
  router.use(allocationPages(deps));
  router.use(reportReviewPages(deps));
  router.use(payoutPages(deps));
  return router;
}
