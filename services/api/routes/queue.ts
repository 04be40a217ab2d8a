import { Router } from 'express';
import type { Database } from '../../../lib/db';
import { parseInput } from '../http/errors';
import { requireStaff } from '../http/staff';
import { loadQueue, queueFilterSchema } from '../casework/queue';
import { recordAccessMany } from '../audit/log';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { describedQuery, errorResponse, SECURITY } from '../http/openapi';

export const paths: ZodOpenApiPathsObject = {
  '/queue': {
    get: {
      summary: 'Cases waiting for staff, oldest first, with counts per status (the same query as the queue page)',
      security: SECURITY.staff,
      requestParams: {
        query: describedQuery(queueFilterSchema, {
          assignee: '"me" for my cases, "none" for cases nobody has claimed, or a caseworker’s email',
          targetGroup: 'A target group code, e.g. "lonely"',
          sla: 'Against the round’s decision target; due_soon is past 75 % of it. Cases before a decision only.',
          flagged: 'Cases with an automatic check that did not pass (or only those without)',
        }),
      },
      responses: {
        200: { description: '{ page, pageSize, total, counts: { <status>: n }, items: [{ id, reference, status, assignee, organization, title, targetGroup, round, amountRequested, submittedAt, daysWaiting, sla: { state, targetDays } | null, flagged }] }' },
        400: errorResponse('An unknown filter value'),
        401: errorResponse('Not signed in'),
        403: errorResponse('Role not allowed'),
      },
    },
  },
};

/** Every case waiting for staff, oldest first by default, with counts per status. */
export function queueRouter({ db }: { db: Database }): Router {
  const router = Router();
  router.get('/queue', async (req, res) => {
    const staff = requireStaff(res, 'case.read');
    const filter = parseInput(queueFilterSchema, req.query, req);
    const queue = await loadQueue(db, filter, staff);
    await recordAccessMany(db, staff, queue.items.map((item) => item.id), 'case_api');
    res.json(queue);
  });
  return router;
}
