import { Router } from 'express';
import type { Database } from '../../../../lib/db';
import { staffPagesFor } from '../staff/access';
import type { SiteSettings } from '../layout';
import { showDashboard } from './dashboard';

/** The statistics dashboard for politicians and staff. */
export function statsPages(deps: { db: Database; site: SiteSettings; cookieSecret: string }): Router {
  const router = Router();
  router.get('/statistik', staffPagesFor(deps.site, deps.cookieSecret, 'stats.read'), (req, res) => showDashboard(req, res, deps));
  return router;
}
