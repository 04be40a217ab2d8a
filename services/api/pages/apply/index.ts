import path from 'node:path';
import express, { Router } from 'express';
import { applyContext, type ApplyPageDependencies } from './context';
import { documentsRoutes } from './documents-routes';
import { precheckRoutes } from './precheck-routes';
import { saveLaterRoutes } from './save-later-routes';
import { newDraftLinkRoutes } from './new-link-routes';
import { stepRoutes } from './step-routes';
import { submitRoutes } from './submit-routes';

export type { ApplyPageDependencies } from './context';

/** The association's pages: landing, pre-check, the form in steps, documents, summary and receipt. */
export function applyPages(deps: ApplyPageDependencies): Router {
  const router = Router();
  const context = applyContext(deps);
  router.use('/assets/apply', express.static(path.join(__dirname, 'assets'), { maxAge: '1h', index: false }));
  router.use(precheckRoutes(context));
  router.use(stepRoutes(context));
  router.use(documentsRoutes(context));
  router.use(submitRoutes(context));
  router.use(saveLaterRoutes(context));
  router.use(newDraftLinkRoutes(context));
  return router;
}
