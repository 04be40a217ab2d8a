import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../../lib/db';
import { oreToKroner } from '../../../domain/money';
import { formatCaseReference } from '../../../domain/reference';
import { parseInput } from '../http/errors';
import { requireStaff } from '../http/staff';

const WAITING_FOR_STAFF = ['IN_QUEUE', 'IN_REVIEW', 'AWAITING_APPROVAL', 'REPORT_SUBMITTED'] as const;

const queueQuerySchema = z.object({
  status: z.enum(WAITING_FOR_STAFF).optional(),
  roundId: z.uuid().optional(),
  assignee: z.string().min(1).max(254).optional(),
  sort: z.enum(['oldest', 'newest']).default('oldest'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** Every case waiting for staff, oldest first by default, with counts per status. */
export function queueRouter({ db }: { db: Database }): Router {
  const router = Router();
  router.get('/queue', async (req, res) => {
    const staff = requireStaff(res, 'caseworker', 'approver');
    const query = parseInput(queueQuerySchema, req.query, req);
    const where = {
      status: query.status ? query.status : { in: [...WAITING_FOR_STAFF] },
      ...(query.roundId ? { roundId: query.roundId } : {}),
      ...(query.assignee ? { assignee: query.assignee === 'me' ? staff.email : query.assignee } : {}),
    };
    const [items, total, counts] = await Promise.all([
      db.application.findMany({
        where,
        orderBy: [{ submittedAt: query.sort === 'oldest' ? 'asc' : 'desc' }, { id: 'asc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
        select: {
          id: true, referenceNumber: true, submittedAt: true, createdAt: true, status: true, assignee: true,
          organizationName: true, projectTitle: true, amountRequestedOre: true, targetGroup: true, round: { select: { id: true, name: true } },
        },
      }),
      db.application.count({ where }),
      db.application.groupBy({ by: ['status'], where: { ...where, status: { in: [...WAITING_FOR_STAFF] } }, _count: { _all: true } }),
    ]);
    const now = Date.now();
    res.json({
      page: query.page,
      pageSize: query.pageSize,
      total,
      counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])),
      items: items.map((a) => {
        const submittedAt = a.submittedAt ?? a.createdAt;
        return {
          id: a.id,
          reference: formatCaseReference(a.referenceNumber, submittedAt),
          status: a.status,
          assignee: a.assignee,
          organization: a.organizationName,
          title: a.projectTitle,
          targetGroup: a.targetGroup,
          round: a.round,
          amountRequested: oreToKroner(a.amountRequestedOre),
          submittedAt: submittedAt.toISOString(),
          daysWaiting: Math.floor((now - submittedAt.getTime()) / 86_400_000),
        };
      }),
    });
  });
  return router;
}
