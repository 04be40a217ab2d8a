import { Router } from 'express';
import type { Database } from '../../../lib/db';
import { accessLogQueryOf, searchAccessLog } from '../admin/access-log';
import { requestJurisdiction } from '../http/language';
import { requireStaff } from '../http/staff';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errorResponse, SECURITY } from '../http/openapi';

export const paths: ZodOpenApiPathsObject = {
  '/admin/access-log': {
    get: {
      summary: 'Who viewed the applications of an association (cvr) or a contact person (email), when and why (admin). The search itself is logged.',
      security: SECURITY.staff,
      requestParams: { query: z.object({ cvr: z.string().regex(/^[0-9]{8}$/).optional(), email: z.email().optional() }) },
      responses: { 200: { description: '{ query, applications, entries: [{ at, staffEmail, purpose, application }], truncated }' }, 400: errorResponse('Give exactly one of cvr and email') },
    },
  },
};

/** Who at the municipality viewed an association's or a contact person's applications (admin only). */
export function accessLogRouter({ db }: { db: Database }): Router {
  const router = Router();
  router.get('/admin/access-log', async (req, res) => {
    const admin = requireStaff(res, 'accessLog.read');
    const query = accessLogQueryOf({ cvr: req.query.cvr, email: req.query.email }, requestJurisdiction(req));
    res.set('Cache-Control', 'no-store').json(await searchAccessLog(db, admin, query));
  });
  return router;
}
