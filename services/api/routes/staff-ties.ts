import { Router } from 'express';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import type { Database } from '../../../lib/db';
import { tieDeclarationSchema } from '../../../domain/inhabilitet-schema';
import { allTies, declareTie, ownTies, withdrawTie } from '../admin/staff-ties';
import { requestJurisdiction, requestLanguage } from '../http/language';
import { perJurisdiction, type Jurisdiction } from '../../../domain/jurisdiction';
import { requireStaff } from '../http/staff';
import { errorResponse, jsonBody, SECURITY } from '../http/openapi';

function buildPaths(jurisdiction: Jurisdiction): ZodOpenApiPathsObject {
  return {
    '/staff/ties': {
      get: { summary: 'The signed-in staff member’s declared ties to associations (inhabilitet), standing and withdrawn', security: SECURITY.staff, responses: { 200: { description: '{ ties }' } } },
      post: {
        summary: 'Declare a tie to an association (board member, relative, employee, other with a note): while it stands, the association’s cases cannot be claimed, decided, approved or allocated by the declarer',
        security: SECURITY.staff,
        requestBody: jsonBody(tieDeclarationSchema(jurisdiction).meta({ id: 'TieDeclaration' })),
        responses: { 201: { description: 'The declaration' }, 400: errorResponse('Invalid input') },
      },
    },
    '/staff/ties/{id}': {
      delete: {
        summary: 'Withdraw one of one’s own standing declarations',
        security: SECURITY.staff,
        requestParams: { path: z.object({ id: z.string() }) },
        responses: { 200: { description: 'The withdrawn declaration' }, 404: errorResponse('No such standing declaration of one’s own') },
      },
    },
    '/admin/staff-ties': {
      get: { summary: 'Every staff member’s declared ties, standing and withdrawn (admin)', security: SECURITY.staff, responses: { 200: { description: '{ ties }' }, 403: errorResponse('Not an admin') } },
    },
};
}

/** The operations as a deployment of the jurisdiction validates them (its organisation number). */
export const paths = perJurisdiction(buildPaths);

/** Declared ties (inhabilitet): one's own to read, declare and withdraw; everyone's for admins. */
export function staffTiesRouter({ db }: { db: Database }): Router {
  const router = Router();

  router.get('/staff/ties', async (_req, res) => {
    const staff = requireStaff(res, 'ties.declare');
    res.set('Cache-Control', 'no-store').json({ ties: await ownTies(db, staff) });
  });

  router.post('/staff/ties', async (req, res) => {
    const staff = requireStaff(res, 'ties.declare');
    res.status(201).json(await declareTie(db, staff, req.body, requestLanguage(req), requestJurisdiction(req)));
  });

  router.delete('/staff/ties/:id', async (req, res) => {
    const staff = requireStaff(res, 'ties.declare');
    res.json(await withdrawTie(db, staff, req.params.id));
  });

  router.get('/admin/staff-ties', async (_req, res) => {
    requireStaff(res, 'staff.manage');
    res.set('Cache-Control', 'no-store').json({ ties: await allTies(db) });
  });

  return router;
}
