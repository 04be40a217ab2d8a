import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Config } from '../../../lib/config';
import type { Database } from '../../../lib/db';
import type { Logger } from '../../../lib/logger';
import type { StaffAuthenticator } from '../../../lib/staff-auth';
import type { WorkflowStarter } from '../applications/workflow-starter';
import { assetsRouter } from './assets';
import { signInPages } from './staff/sign-in';
import { secureCookies } from '../http/cookies';
import { sessionPolicyFrom } from '../../../lib/staff-auth';
import type { SiteSettings } from './layout';

export interface PageDependencies {
  config: Config;
  db: Database;
  authenticator: StaffAuthenticator;
  temporal: Client;
  taskQueue: string;
  publicBaseUrl: string;
  site: SiteSettings;
  log: Logger;
  workflows: WorkflowStarter;
}

/** The server-rendered pages (DKFDS, no JavaScript required) for associations, staff and politicians. */
export function pagesRouter(deps: PageDependencies): Router {
  const router = Router();
  router.use(assetsRouter());
  router.use(
    signInPages({
      ...deps,
      cookieSecret: deps.config.COOKIE_SECRET,
      secureCookies: secureCookies(deps.config),
      sessionMaxAgeMs: sessionPolicyFrom(deps.config).absoluteTimeoutMs,
    }),
  );
  return router;
}
