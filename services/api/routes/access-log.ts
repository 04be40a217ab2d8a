import { Router } from 'express';
import type { Database } from '../../../lib/db';
import { accessLogQueryOf, searchAccessLog } from '../admin/access-log';
import { requireStaff } from '../http/staff';

/** Who at the municipality viewed an association's or a contact person's applications (admin only). */
export function accessLogRouter({ db }: { db: Database }): Router {
  const router = Router();
  router.get('/admin/access-log', async (req, res) => {
    const admin = requireStaff(res, 'admin');
    const query = accessLogQueryOf({ cvr: req.query.cvr, email: req.query.email });
    res.set('Cache-Control', 'no-store').json(await searchAccessLog(db, admin, query));
  });
  return router;
}
