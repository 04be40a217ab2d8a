import crypto from 'node:crypto';
import express from 'express';
import { Client, Connection } from '@temporalio/client';
import { loadConfigOrExit } from '../../lib/config';
import { temporalConnectionOptions, temporalDataConverter } from '../../lib/temporal';
import { noopWorkflow } from './noop-workflow';

// The intake benchmark's two ceilings, served by one small Express 5 process (PORT) of its own so
// it does not share an event loop with the load generator:
//
//   POST /bare           parse the JSON body, answer 201 with a small JSON — the HTTP ceiling
//   POST /noop-workflow  parse the JSON body, start a no-op workflow under a unique ID on
//                        TEMPORAL_TASK_QUEUE, answer 201 — the engine's ceiling for intake's pattern
//
// Neither has grantflow's middleware (metrics, request log, staff identity) or validation: each is
// the least a handler of its kind can do. The Temporal client is configured by the same loader as
// grantflow's API, so it reaches the same server, namespace and credentials.

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const connection = await Connection.connect(temporalConnectionOptions(config));
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: temporalDataConverter(config) });

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));

  app.post('/bare', (_req, res) => {
    res.status(201).json({ id: crypto.randomUUID(), status: 'SUBMITTED' });
  });

  app.post('/noop-workflow', async (_req, res) => {
    const id = crypto.randomUUID();
    await temporal.workflow.start(noopWorkflow, { taskQueue: config.TEMPORAL_TASK_QUEUE, workflowId: `noop-${id}` });
    res.status(201).json({ id, status: 'SUBMITTED' });
  });

  app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    process.stderr.write(`request failed: ${error.message}\n`);
    res.status(500).json({ error: { code: 'internal', message: error.message } });
  });

  const server = app.listen(config.PORT, '127.0.0.1', () => process.stdout.write(`baseline listening on ${config.PORT}\n`));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.close(() => {
        connection.close().finally(() => process.exit(0));
      });
      server.closeAllConnections();
    });
  }
}

main().catch((error) => {
  process.stderr.write(`baseline server failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
