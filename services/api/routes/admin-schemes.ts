import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import type { Database } from '../../../lib/db';
import { schemeInputSchema, schemeUpdateSchema } from '../../../domain/scheme-input';
import { ApiError } from '../http/errors';
import { requestLanguage } from '../http/language';
import { requireStaff } from '../http/staff';
import { errorResponse, jsonBody, SECURITY, uuidPath } from '../http/openapi';
import { changedSchemeFields, createScheme, findScheme, listSchemes, updateScheme } from '../admin/schemes';
import { recordAudit } from '../audit/log';

export const paths: ZodOpenApiPathsObject = {
  '/admin/schemes': {
    get: { summary: 'Every grant scheme with its texts, legal frame, criteria and tiers (admin)', security: SECURITY.staff, responses: { 200: { description: '{ schemes }' }, 401: errorResponse('Not signed in'), 403: errorResponse('Not an admin') } },
    post: {
      summary: 'Create a grant scheme (admin). A new round of it copies its legal frame (blank fields), decision criteria and reporting tiers when it leaves them out.',
      security: SECURITY.staff,
      requestBody: jsonBody(schemeInputSchema.meta({ id: 'SchemeInput' })),
      responses: { 201: { description: 'The scheme' }, 400: errorResponse('Invalid fields, each named; the frame must give the legal basis, guidelines and who decides'), 403: errorResponse('Not an admin'), 409: errorResponse('Slug taken') },
    },
  },
  '/admin/schemes/{id}': {
    get: {
      summary: 'One grant scheme (admin)',
      security: SECURITY.staff,
      requestParams: { path: uuidPath('id') },
      responses: { 200: { description: 'The scheme' }, 403: errorResponse('Not an admin'), 404: errorResponse('No such scheme') },
    },
    patch: {
      summary: 'Change a scheme (admin). Its rounds keep the frame, criteria and tiers they copied; legalFrame, when sent, replaces the scheme\'s frame as a whole.',
      security: SECURITY.staff,
      requestParams: { path: uuidPath('id') },
      requestBody: jsonBody(schemeUpdateSchema.meta({ id: 'SchemeUpdate' })),
      responses: { 200: { description: 'The scheme' }, 400: errorResponse('Invalid fields, each named'), 403: errorResponse('Not an admin'), 404: errorResponse('No such scheme'), 409: errorResponse('Slug taken') },
    },
  },
};

function schemeId(req: Request): string {
  const id = z.uuid().safeParse(req.params.id);
  if (!id.success) throw new ApiError(404, 'not_found', 'errors.scheme.unknown');
  return id.data;
}

/** Grant-scheme administration: admins only, as a scheme sets the rules every new round starts from. */
export function adminSchemesRouter({ db }: { db: Database }): Router {
  const router = Router();

  router.get('/admin/schemes', async (_req, res) => {
    requireStaff(res, 'scheme.manage');
    res.json({ schemes: await listSchemes(db) });
  });

  router.post('/admin/schemes', async (req, res) => {
    const staff = requireStaff(res, 'scheme.manage');
    const scheme = await createScheme(db, req.body, requestLanguage(req));
    await recordAudit(db, staff, 'scheme.create', { details: { schemeId: scheme.id, slug: scheme.slug } });
    res.status(201).location(`/api/v1/admin/schemes/${scheme.id}`).json(scheme);
  });

  router.get('/admin/schemes/:id', async (req: Request, res: Response) => {
    requireStaff(res, 'scheme.manage');
    const scheme = await findScheme(db, schemeId(req));
    if (!scheme) throw new ApiError(404, 'not_found', 'errors.scheme.unknown');
    res.json(scheme);
  });

  router.patch('/admin/schemes/:id', async (req: Request, res: Response) => {
    const staff = requireStaff(res, 'scheme.manage');
    const id = schemeId(req);
    const { before, after } = await updateScheme(db, id, req.body, requestLanguage(req));
    await recordAudit(db, staff, 'scheme.update', { details: { schemeId: id, changed: changedSchemeFields(before, after) } });
    res.json(after);
  });

  return router;
}
