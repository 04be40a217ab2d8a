import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Database } from '../../../lib/db';

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}

/** 200 only when both PostgreSQL and Temporal answer; otherwise 503 naming what failed. */
export function healthRouter({ db, temporal }: { db: Database; temporal: Client }): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const checks = await Promise.all([
      check('database', () => db.$queryRaw`SELECT 1`),
      check('temporal', () =>
        temporal.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () =>
          temporal.connection.workflowService.getSystemInfo({}),
        ),
      ),
    ]);
    const healthy = checks.every((c) => c.status === 'ok');
    res.status(healthy ? 200 : 503).json({
      status: healthy ? 'ok' : 'unavailable',
      checks: Object.fromEntries(checks.map(({ name, ...rest }) => [name, rest])),
    });
  });
  return router;
}

async function check(name: string, probe: () => Promise<unknown>) {
  const started = Date.now();
  try {
    await withTimeout(probe(), CHECK_TIMEOUT_MS);
    return { name, status: 'ok' as const, ms: Date.now() - started };
  } catch (error) {
    return { name, status: 'failed' as const, ms: Date.now() - started, error: (error as Error).message.split('\n')[0] };
  }
}
