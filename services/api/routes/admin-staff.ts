import { Router } from 'express';
import type { Database } from '../../../lib/db';
import { sha256Hex } from '../../../lib/tokens';
import { createStaffAccount, deactivateStaffAccount, findStaffAccount, listStaffAccounts, reactivateStaffAccount, setStaffPassword } from '../admin/staff-accounts';
import { ApiError } from '../http/errors';
import { requestLanguage } from '../http/language';
import { requireStaff, staffTokenOf } from '../http/staff';

/** Staff accounts (admin only): list, create with roles, deactivate and reactivate, set a new password. */
export function adminStaffRouter({ db }: { db: Database }): Router {
  const router = Router();

  router.get('/admin/staff', async (_req, res) => {
    requireStaff(res, 'admin');
    res.set('Cache-Control', 'no-store').json({ staff: await listStaffAccounts(db) });
  });

  router.post('/admin/staff', async (req, res) => {
    const admin = requireStaff(res, 'admin');
    const account = await createStaffAccount(db, admin, req.body, requestLanguage(req));
    res.status(201).location(`/api/v1/admin/staff/${account.id}`).json(account);
  });

  router.get('/admin/staff/:id', async (req, res) => {
    requireStaff(res, 'admin');
    const account = await findStaffAccount(db, req.params.id);
    if (!account) throw new ApiError(404, 'not_found', 'errors.staff.notFound');
    res.set('Cache-Control', 'no-store').json(account);
  });

  router.post('/admin/staff/:id/deactivation', async (req, res) => {
    const admin = requireStaff(res, 'admin');
    res.json(await deactivateStaffAccount(db, admin, req.params.id));
  });

  router.delete('/admin/staff/:id/deactivation', async (req, res) => {
    const admin = requireStaff(res, 'admin');
    res.json(await reactivateStaffAccount(db, admin, req.params.id));
  });

  router.put('/admin/staff/:id/password', async (req, res) => {
    const admin = requireStaff(res, 'admin');
    const ownSession = staffTokenOf(res);
    res.json(await setStaffPassword(db, admin, req.params.id, req.body, requestLanguage(req), ownSession ? sha256Hex(ownSession) : undefined));
  });

  return router;
}
