import { Client, Connection } from '@temporalio/client';
import { findFreePort } from '../../infra/ports';
import { createLogger } from '../../lib/logger';
import { createSqlPool } from '../../lib/db';
import { createWorkflowStarter } from '../../services/api/applications/workflow-starter';
import { applicationBody, createOpenRound, eventually, getJson, postJson } from '../support/fixtures';
import { connectClient, startTestStack, startTestWorker, testConfig } from '../support/stack';

describe('a submission while Temporal is unreachable', () => {
  it('is stored and answered, and its workflow starts once Temporal answers again', async () => {
    const config = testConfig();
    const unreachable = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await findFreePort()}`, connectTimeout: 500 }) });
    const stack = await startTestStack({ worker: false, config, temporal: unreachable });
    const worker = await startTestWorker(config, stack.db);
    const temporal = await connectClient(config);
    try {
      const round = await createOpenRound(stack.db);
      const submitted = await postJson(`${stack.baseUrl}/api/v1/applications`, applicationBody(round.id));
      expect(submitted.status).toBe(201);
      const stored = await stack.db.application.findUniqueOrThrow({ where: { id: submitted.body.id } });
      expect(stored.status).toBe('SUBMITTED');
      expect(stored.workflowStartedAt).toBeNull();

      // What the API's reconciler does every 30 seconds, now with Temporal reachable.
      const starter = createWorkflowStarter({ db: stack.db, sql: createSqlPool(config.DATABASE_URL), temporal, taskQueue: config.TEMPORAL_TASK_QUEUE, log: createLogger('test', 'silent') });
      expect(await starter.startMissed(0)).toBeGreaterThanOrEqual(1);
      expect(await starter.startMissed(0)).toBe(0);

      const auth = { authorization: `Bearer ${submitted.body.accessToken}` };
      await eventually(async () => {
        const view = await getJson(`${stack.baseUrl}/api/v1/applications/${submitted.body.id}`, auth);
        return view.body.status === 'IN_QUEUE' ? view : undefined;
      }, 'IN_QUEUE after the reconciler');
      await temporal.workflow.getHandle(stored.workflowId).terminate('test finished');
    } finally {
      await stack.stop();
      await worker.stop();
      await temporal.connection.close();
    }
  });
});
