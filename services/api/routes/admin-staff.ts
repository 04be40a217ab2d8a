import { Router } from 'express';
import type { Database } from '../../../lib/db';
import { sha256Hex } from '../../../lib/tokens';
import {
  createStaffAccount,
  deactivateStaffAccount,
  findStaffAccount,
  listStaffAccounts,
  reactivateStaffAccount,
  setStaffPassword,
  updateStaffProfile,
} from '../admin/staff-accounts';
import { ApiError } from '../http/errors';
import { requestLanguage } from '../http/language';
import { requireStaff, staffTokenOf } from '../http/staff';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { staffAccountInputSchema, staffPasswordSchema, staffProfileSchema } from '../admin/staff-accounts';
import { errorResponse, jsonBody, SECURITY, uuidPath } from '../http/openapi';

const account = { description: 'The account' };
const staffIdPath = { path: uuidPath('id') };

export const paths: ZodOpenApiPathsObject = {
  '/admin/staff': {
    get: { summary: 'Every staff account with its roles, active flag and open sessions (admin)', security: SECURITY.staff, responses: { 200: { description: '{ staff }' }, 403: errorResponse('Not an admin') } },
    post: {
      summary: 'Create a staff account with roles; the password is stored as an argon2id hash (admin)',
      security: SECURITY.staff,
      requestBody: jsonBody(staffAccountInputSchema.meta({ id: 'StaffAccountInput' })),
      responses: { 201: account, 400: errorResponse('Invalid input'), 409: errorResponse('The email address is taken') },
    },
  },
  '/admin/staff/{id}': {
    get: { summary: 'One staff account (admin)', security: SECURITY.staff, requestParams: staffIdPath, responses: { 200: account, 404: errorResponse('No such account') } },
  },
  '/admin/staff/{id}/profile': {
    put: {
      summary: 'Set the name, job title and direct phone that letters and case pages print for the person (admin)',
      security: SECURITY.staff,
      requestParams: staffIdPath,
      requestBody: jsonBody(staffProfileSchema.meta({ id: 'StaffProfile' })),
      responses: { 200: account, 400: errorResponse('Invalid input'), 404: errorResponse('No such account') },
    },
  },
  '/admin/staff/{id}/deactivation': {
    post: {
      summary: 'Deactivate the account: it can no longer sign in, and every session it has ends now (admin; not one’s own account)',
      security: SECURITY.staff,
      requestParams: staffIdPath,
      responses: { 200: account, 404: errorResponse('No such account'), 409: errorResponse('One’s own account') },
    },
    delete: { summary: 'Reactivate the account (admin)', security: SECURITY.staff, requestParams: staffIdPath, responses: { 200: account, 404: errorResponse('No such account') } },
  },
  '/admin/staff/{id}/password': {
    put: {
      summary: 'Set a new password; the account’s other sessions end (admin)',
      security: SECURITY.staff,
      requestParams: staffIdPath,
      requestBody: jsonBody(staffPasswordSchema.meta({ id: 'StaffPassword' })),
      responses: { 200: account, 400: errorResponse('12 to 200 characters'), 404: errorResponse('No such account') },
    },
  },
};

/** Staff accounts (admin only): list, create with roles, set name, title and phone, deactivate and reactivate, set a new password. */
export function adminStaffRouter({ db }: { db: Database }): Router {
  const router = Router();

  router.get('/admin/staff', async (_req, res) => {
    requireStaff(res, 'staff.manage');
    res.set('Cache-Control', 'no-store').json({ staff: await listStaffAccounts(db) });
  });

  router.post('/admin/staff', async (req, res) => {
    const admin = requireStaff(res, 'staff.manage');
    const account = await createStaffAccount(db, admin, req.body, requestLanguage(req));
    res.status(201).location(`/api/v1/admin/staff/${account.id}`).json(account);
  });

  router.get('/admin/staff/:id', async (req, res) => {
    requireStaff(res, 'staff.manage');
    const account = await findStaffAccount(db, req.params.id);
    if (!account) throw new ApiError(404, 'not_found', 'errors.staff.notFound');
    res.set('Cache-Control', 'no-store').json(account);
  });

  router.post('/admin/staff/:id/deactivation', async (req, res) => {
    const admin = requireStaff(res, 'staff.manage');
    res.json(await deactivateStaffAccount(db, admin, req.params.id));
  });

  router.delete('/admin/staff/:id/deactivation', async (req, res) => {
    const admin = requireStaff(res, 'staff.manage');
    res.json(await reactivateStaffAccount(db, admin, req.params.id));
  });

  router.put('/admin/staff/:id/profile', async (req, res) => {
    const admin = requireStaff(res, 'staff.manage');
    res.json(await updateStaffProfile(db, admin, req.params.id, req.body, requestLanguage(req)));
  });

  router.put('/admin/staff/:id/password', async (req, res) => {
    const admin = requireStaff(res, 'staff.manage');
    const ownSession = staffTokenOf(res);
    res.json(await setStaffPassword(db, admin, req.params.id, req.body, requestLanguage(req), ownSession ? sha256Hex(ownSession) : undefined));
  });

  return router;
}
