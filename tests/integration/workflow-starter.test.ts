import { Client, Connection, type WorkflowClientInterceptor } from '@temporalio/client';
import type pg from 'pg';
import { createDatabase, createSqlPool, type Database } from '../../lib/db';
import { createLogger } from '../../lib/logger';
import { temporalConnectionOptions, temporalDataConverter } from '../../lib/temporal';
import { fundingRoundWorkflowId } from '../../domain/workflow-ids';
import { createWorkflowStarter } from '../../services/api/applications/workflow-starter';
import { createOpenRound, insertApplication } from '../support/fixtures';
import { testConfig } from '../support/stack';

// Intake starts a deadline round's own workflow with the round's first application, and then once
// per API process, not once per submission: on a deadline day every submission would otherwise
// send the server a start request for the same round. Checked against the real Temporal server,
// counting the start requests a client sends.

const config = testConfig();
let db: Database;
let sql: pg.Pool;
let connection: Connection;
let plain: Client;
const started: string[] = [];

/** A client whose start requests are counted by workflow type; each stands for one API process. */
function countingClient(): Client {
  const counting: WorkflowClientInterceptor = {
    startWithDetails(input, next) {
      started.push(input.workflowType);
      return next(input);
    },
  };
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: temporalDataConverter(config), interceptors: { workflow: [counting] } });
}

beforeAll(async () => {
  db = createDatabase(config.DATABASE_URL);
  sql = createSqlPool(config.DATABASE_URL);
  connection = await Connection.connect(temporalConnectionOptions(config));
  plain = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
});

afterAll(async () => {
  await connection?.close();
  await sql?.end();
  await db?.$disconnect();
});

it('starts a deadline round’s workflow once per process, and a second process finds it running', async () => {
  // No worker polls this test's task queue: the workflows are started and left waiting.
  const round = await createOpenRound(db, { mode: 'deadline', closesAt: new Date(Date.now() + 3_600_000) });
  // Stored as intake stores them: no process started yet.
  const applications = [];
  for (let i = 0; i < 3; i++) {
    const { id } = await insertApplication(db, round.id);
    applications.push(await db.application.update({ where: { id }, data: { workflowStartedAt: null } }));
  }
  const log = createLogger('starter-test', 'silent');
  const firstProcess = createWorkflowStarter({ db, sql, temporal: countingClient(), taskQueue: config.TEMPORAL_TASK_QUEUE, log });
  const secondProcess = createWorkflowStarter({ db, sql, temporal: countingClient(), taskQueue: config.TEMPORAL_TASK_QUEUE, log });
  const roundHandle = plain.workflow.getHandle(fundingRoundWorkflowId(round.id));
  try {
    await firstProcess.startStored(applications[0]!.id);
    await firstProcess.startStored(applications[1]!.id);
    expect(started).toEqual(['fundingRound', 'grantApplication', 'grantApplication']);
    const { runId, status } = await roundHandle.describe();
    expect(status.name).toBe('RUNNING');

    // Another API replica has not seen the round: it asks once, and the running workflow is kept.
    await secondProcess.startStored(applications[2]!.id);
    expect(started).toEqual(['fundingRound', 'grantApplication', 'grantApplication', 'fundingRound', 'grantApplication']);
    expect(await roundHandle.describe()).toMatchObject({ runId, status: { name: 'RUNNING' } });

    const marked = await db.application.findMany({ where: { id: { in: applications.map((a) => a.id) } }, select: { workflowStartedAt: true } });
    expect(marked.every((row) => row.workflowStartedAt instanceof Date)).toBe(true);
  } finally {
    for (const application of applications) await plain.workflow.getHandle(application.workflowId).terminate('test finished').catch(() => undefined);
    await roundHandle.terminate('test finished').catch(() => undefined);
  }
});
