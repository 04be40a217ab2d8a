import { Router } from 'express';
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Database } from '../../../lib/db';
import { ApiError, parseInput } from '../http/errors';
import { requireStaff } from '../http/staff';
import { requestLanguage } from '../http/language';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errorResponse, fileResponse, SECURITY, uuidPath } from '../http/openapi';
import { createPayoutRun, kronerOf, listPayoutRuns } from '../payouts/runs';
import type { Jurisdiction } from '../../../domain/jurisdiction';
import { confirmPayoutLines } from '../payouts/confirmation';

function runIdOf(raw: unknown): string {
  const id = z.uuid().safeParse(raw);
  if (!id.success) throw new ApiError(404, 'not_found', 'errors.payoutRun.notFound');
  return id.data;
}

const confirmationSchema = z
  .object({
    lines: z
      .array(
        z.object({
          lineId: z.string().min(1).max(100).meta({ description: 'The "Linje-id" column of the exported file' }),
          paidOn: z.string().max(20).optional().meta({ description: 'YYYY-MM-DD the money went out; the line’s payout date if left out' }),
        }),
      )
      .max(10_000),
  })
  .meta({ id: 'PayoutConfirmation' });

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
      summary: 'The run as CSV for the finance system (semicolons, UTF-8 with BOM; the last column, "Linje-id", names each line). With JURISDICTION=NO the columns are in bokmål and "Kontonummer" holds the account number each organisation gave, in full (DK: "Betales til" is NemKonto)',
      security: SECURITY.staff,
      requestParams: { path: uuidPath('id') },
      responses: { 200: fileResponse('The run', 'text/csv'), 404: errorResponse('No such run') },
    },
  },
  '/payout-runs/{id}/confirmation': {
    post: {
      summary: 'Finance confirms lines of the run as paid (approver, admin); each case becomes PAID and its association is told',
      description:
        'All or nothing: a line in no run or in another run refuses the whole request with 400 and one issue per line. A line confirmed before is left as it was (a repeated confirmation is a no-op).',
      security: SECURITY.staff,
      requestParams: { path: uuidPath('id') },
      requestBody: { required: true, content: { 'application/json': { schema: confirmationSchema } } },
      responses: {
        200: { description: '{ confirmed, alreadyConfirmed, lines: [{ lineId, applicationId, amount, paidOn, confirmedAt, confirmedBy, newlyConfirmed }] }' },
        400: errorResponse('Unknown lines, lines of another run, or no lines: nothing changed'),
        403: errorResponse('Role not allowed'),
        404: errorResponse('No such run'),
      },
    },
  },
};

/** Payout files for the finance system, and finance's confirmation that they were paid. */
export function payoutRunsRouter({ db, temporal, config }: { db: Database; temporal: Client; config: { JURISDICTION: Jurisdiction } }): Router {
  const router = Router();

  router.post('/payout-runs', async (_req, res) => {
    const staff = requireStaff(res, 'payoutRun.create');
    const run = await createPayoutRun(db, staff, config.JURISDICTION);
    if (!run) {
      res.json({ count: 0 });
      return;
    }
    res
      .status(201)
      .location(`/api/v1/payout-runs/${run.id}/export.csv`)
      .json({ id: run.id, createdAt: run.createdAt.toISOString(), count: run.count, total: kronerOf(run.totalOre) });
  });

  router.get('/payout-runs', async (_req, res) => {
    requireStaff(res, 'payoutRun.read');
    const runs = await listPayoutRuns(db);
    res.json({
      runs: runs.map((run) => ({
        id: run.id,
        createdAt: run.createdAt.toISOString(),
        createdBy: run.createdBy,
        count: run.count,
        confirmed: run.confirmed,
        total: kronerOf(run.totalOre),
        exportUrl: `/api/v1/payout-runs/${run.id}/export.csv`,
      })),
    });
  });

  router.get('/payout-runs/:id/export.csv', async (req, res) => {
    requireStaff(res, 'payoutRun.read');
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

  router.post('/payout-runs/:id/confirmation', async (req, res) => {
    const staff = requireStaff(res, 'payoutRun.confirm');
    const id = runIdOf(req.params.id);
    const { lines } = parseInput(confirmationSchema, req.body, req);
    const results = await confirmPayoutLines({ db, temporal }, staff, id, lines, requestLanguage(req));
    const fresh = results.filter((line) => line.newlyConfirmed).length;
    res.json({
      confirmed: fresh,
      alreadyConfirmed: results.length - fresh,
      lines: results.map((line) => ({
        lineId: line.lineId,
        applicationId: line.applicationId,
        amount: kronerOf(line.amountOre),
        paidOn: line.paidOn.toISOString().slice(0, 10),
        confirmedAt: line.confirmedAt.toISOString(),
        confirmedBy: line.confirmedBy,
        newlyConfirmed: line.newlyConfirmed,
      })),
    });
  });

  return router;
}
