import { Router } from 'express';
import type { Database } from '../../../lib/db';
import { parseInput } from '../http/errors';
import { requireStaff } from '../http/staff';
import { loadQueue, queueFilterSchema } from '../casework/queue';
import { recordAccessMany } from '../audit/log';

/** Every case waiting for staff, oldest first by default, with counts per status. */
export function queueRouter({ db }: { db: Database }): Router {
  const router = Router();
  router.get('/queue', async (req, res) => {
    const staff = requireStaff(res, 'caseworker', 'approver');
    const filter = parseInput(queueFilterSchema, req.query, req);
    const queue = await loadQueue(db, filter, staff);
    await recordAccessMany(db, staff, queue.items.map((item) => item.id), 'case_api');
    res.json(queue);
  });
  return router;
}
