import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../../lib/db';
import { payoutExportCsv } from '../../../domain/csv';
import { ApiError } from '../http/errors';
import { requireStaff } from '../http/staff';
import { recordAudit } from '../audit/log';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errorResponse, fileResponse, SECURITY, uuidPath } from '../http/openapi';

/** Kroner with øre as a decimal number (payouts are whole kroner in practice, so usually an integer). */
function kronerOf(ore: bigint): number {
  return Number(ore) / 100;
}

function runIdOf(raw: unknown): string {
  const id = z.uuid().safeParse(raw);
  if (!id.success) throw new ApiError(404, 'not_found', 'errors.payoutRun.notFound');
  return id.data;
}

export const paths: ZodOpenApiPathsObject = {
  '/payout-runs': {
    post: {
      summary: 'Export every payout not exported before into one run (approver, admin)',
      security: SECURITY.staff,
      responses: { 201: { description: '{ id, createdAt, count, total }' }, 200: { description: '{ count: 0 } — nothing pending' }, 403: errorResponse('Role not allowed') },
    },
    get: { summary: 'Payout export runs (approver, admin)', security: SECURITY.staff, responses: { 200: { description: '{ runs }' }, 403: errorResponse('Role not allowed') } },
  },
  '/payout-runs/{id}/export.csv': {
    get: {
      summary: 'The run as CSV for the finance system (semicolons, UTF-8 with BOM)',
      security: SECURITY.staff,
      requestParams: { path: uuidPath('id') },
      responses: { 200: fileResponse('The run', 'text/csv'), 404: errorResponse('No such run') },
    },
  },
};

/**
 * Payout files for the finance system. A run takes every payout no earlier run took, so each
 * payout is exported exactly once; the file is stored with the run and can be downloaded again.
 */
export function payoutRunsRouter({ db }: { db: Database }): Router {
  const router = Router();

  router.post('/payout-runs', async (_req, res) => {
    const staff = requireStaff(res, 'approver');
    const run = await db.$transaction(
      async (tx) => {
        const created = await tx.payoutRun.create({ data: { createdBy: staff.email, csv: '', totalOre: 0n } });
        // One conditional UPDATE claims the payouts: a row another run is claiming at the same
        // moment is waited for and then checked again, so it is skipped once that run commits.
        const claimed = await tx.$queryRaw<{ id: string }[]>`
          UPDATE payouts SET payout_run_id = ${created.id}::uuid WHERE payout_run_id IS NULL RETURNING id`;
        if (claimed.length === 0) {
          await tx.payoutRun.delete({ where: { id: created.id } });
          return null;
        }
        const payouts = await tx.payout.findMany({
          where: { payoutRunId: created.id },
          orderBy: [{ scheduledFor: 'asc' }, { application: { referenceNumber: 'asc' } }],
          select: {
            amountOre: true,
            cvr: true,
            scheduledFor: true,
            application: { select: { referenceNumber: true, submittedAt: true, createdAt: true, organizationName: true } },
          },
        });
        const csv = payoutExportCsv(
          payouts.map((payout) => ({
            referenceNumber: payout.application.referenceNumber,
            submittedAt: payout.application.submittedAt ?? payout.application.createdAt,
            cvr: payout.cvr,
            organizationName: payout.application.organizationName,
            amountOre: payout.amountOre,
            scheduledFor: payout.scheduledFor,
          })),
        );
        const totalOre = payouts.reduce((sum, payout) => sum + payout.amountOre, 0n);
        const saved = await tx.payoutRun.update({ where: { id: created.id }, data: { csv, totalOre } });
        return { ...saved, count: payouts.length };
      },
      // Waiting for a concurrent run to commit is expected, not an error.
      { maxWait: 10_000, timeout: 30_000 },
    );
    if (!run) {
      res.json({ count: 0 });
      return;
    }
    await recordAudit(db, staff, 'payout_run.create', { details: { payoutRunId: run.id, count: run.count, totalOre: run.totalOre.toString() } });
    res
      .status(201)
      .location(`/api/v1/payout-runs/${run.id}/export.csv`)
      .json({ id: run.id, createdAt: run.createdAt.toISOString(), count: run.count, total: kronerOf(run.totalOre) });
  });

  router.get('/payout-runs', async (_req, res) => {
    requireStaff(res, 'approver');
    const runs = await db.payoutRun.findMany({
      orderBy: { createdAt: 'desc' },
      select: { id: true, createdAt: true, createdBy: true, totalOre: true, _count: { select: { payouts: true } } },
    });
    res.json({
      runs: runs.map((run) => ({
        id: run.id,
        createdAt: run.createdAt.toISOString(),
        createdBy: run.createdBy,
        count: run._count.payouts,
        total: kronerOf(run.totalOre),
        exportUrl: `/api/v1/payout-runs/${run.id}/export.csv`,
      })),
    });
  });

  router.get('/payout-runs/:id/export.csv', async (req, res) => {
    requireStaff(res, 'approver');
    const id = runIdOf(req.params.id);
    const run = await db.payoutRun.findUnique({ where: { id }, select: { id: true, createdAt: true, csv: true } });
    if (!run) throw new ApiError(404, 'not_found', 'errors.payoutRun.notFound');
    const filename = `udbetalinger-${run.createdAt.toISOString().slice(0, 10)}-${run.id.slice(0, 8)}.csv`;
    res
      .set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      })
      .send(Buffer.from(run.csv, 'utf8'));
  });

  return router;
}
