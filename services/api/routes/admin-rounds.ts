import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Database } from '../../../lib/db';
import { ApiError } from '../http/errors';
import { requestLanguage } from '../http/language';
import { requireStaff } from '../http/staff';
import { changedSettings, createRound, findRound, listRounds, updateRound } from '../admin/rounds';
import { recordAudit } from '../audit/log';
import { frameRulesFrom } from '../admin/round-frame';
import type { Config } from '../../../lib/config';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { roundInputSchema, roundUpdateSchema } from '../../../domain/round-input';
import { errorResponse, jsonBody, SECURITY, uuidPath } from '../http/openapi';

/** A path that is not a round ID is left to other routes (and ends as 404 if none wants it). */
function roundIdOr(req: Request, next: NextFunction): string | undefined {
  const id = z.uuid().safeParse(req.params.id);
  if (!id.success) next();
  return id.success ? id.data : undefined;
}

export const paths: ZodOpenApiPathsObject = {
  '/admin/rounds': { get: { summary: 'Every funding round (staff)', security: SECURITY.staff, responses: { 200: { description: '{ rounds }' }, 401: errorResponse('Not signed in') } } },
  '/rounds': {
    post: {
      summary: 'Create a funding round with all its settings (admin)',
      security: SECURITY.staff,
      requestBody: jsonBody(roundInputSchema.meta({ id: 'RoundInput' })),
      responses: { 201: { description: 'The round' }, 400: errorResponse('Invalid settings, or (in production) a legal frame with fields missing, each named'), 403: errorResponse('Not an admin'), 409: errorResponse('Slug taken') },
    },
  },
  '/rounds/{id}': {
    get: {
      summary: 'A funding round with every setting (staff)',
      security: SECURITY.staff,
      requestParams: { path: uuidPath('id') },
      responses: { 200: { description: 'The round' }, 404: errorResponse('No such round') },
    },
    patch: {
      summary: 'Change a round (admin). Cases already submitted keep the snapshot their workflow took at submission; legalFrame, when sent, replaces the round\'s frame as a whole.',
      security: SECURITY.staff,
      requestParams: { path: uuidPath('id') },
      requestBody: jsonBody(roundUpdateSchema.meta({ id: 'RoundUpdate' })),
      responses: { 200: { description: 'The round' }, 400: errorResponse('Invalid settings, or (in production) a legal frame with fields missing, each named'), 404: errorResponse('No such round'), 409: errorResponse('Slug taken, or a setting that running cases depend on') },
    },
  },
};

/**
 * Funding-round administration. Staff list every round at GET /admin/rounds, so the public
 * GET /rounds (open rounds only) stays as it is.
 */
export function adminRoundsRouter({ db, config }: { db: Database; config: Config }): Router {
  const router = Router();
  const frame = frameRulesFrom(config);

  router.get('/admin/rounds', async (_req, res) => {
    requireStaff(res, 'round.read');
    res.json({ rounds: await listRounds(db) });
  });

  router.post('/rounds', async (req, res) => {
    const staff = requireStaff(res, 'round.manage');
    const round = await createRound(db, req.body, requestLanguage(req), frame);
    await recordAudit(db, staff, 'round.create', { details: { roundId: round.id, slug: round.slug } });
    res.status(201).location(`/api/v1/rounds/${round.id}`).json(round);
  });

  router.get('/rounds/:id', async (req: Request, res: Response, next: NextFunction) => {
    requireStaff(res, 'round.read');
    const id = roundIdOr(req, next);
    if (!id) return;
    const round = await findRound(db, id);
    if (!round) throw new ApiError(404, 'not_found', 'errors.round.unknown');
    res.json(round);
  });

  /**
   * Changes apply to applications submitted from now on; a case already submitted keeps the
   * snapshot of the round its workflow took at submission.
   */
  router.patch('/rounds/:id', async (req: Request, res: Response, next: NextFunction) => {
    const staff = requireStaff(res, 'round.manage');
    const id = roundIdOr(req, next);
    if (!id) return;
    const { before, after } = await updateRound(db, id, req.body, requestLanguage(req), frame);
    await recordAudit(db, staff, 'round.update', { details: { roundId: id, changed: changedSettings(before, after) } });
    res.json(after);
  });

  return router;
}
