import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import { createActivities } from '../../activities';
import { createDatabase, type Database } from '../../lib/db';
import { grantApplicationWorkflowId } from '../../domain/status';
import { grantApplication } from '../../workflows/grant-application';
import { statusQuery } from '../../workflows/messages';
import { createOpenRound, eventually } from '../support/fixtures';
import { connectClient, startTestWorker, testConfig, type RunningWorker } from '../support/stack';

const config = testConfig();
let db: Database;
let temporal: Client;
let worker: RunningWorker;

beforeAll(async () => {
  db = createDatabase(config.DATABASE_URL);
  temporal = await connectClient(config);
  worker = await startTestWorker(config, db);
});

afterAll(async () => {
  await worker?.stop();
  await temporal?.connection.close();
  await db?.$disconnect();
});

async function storedApplication() {
  const round = await createOpenRound(db);
  const id = crypto.randomUUID();
  return db.application.create({
    data: {
      id,
      roundId: round.id,
      status: 'SUBMITTED',
      organizationCvr: '13748136',
      organizationName: 'Foreningen Fælles Bord',
      organizationEmail: 'kasserer@faellesbord.dk',
      contactName: 'Inge Hansen',
      contactEmail: 'inge@faellesbord.dk',
      projectTitle: 'Fællesspisning',
      projectPurpose: 'Mod ensomhed',
      amountRequestedOre: 1_200_000n,
      accessTokenHash: crypto.randomBytes(32).toString('hex'),
      workflowId: grantApplicationWorkflowId(id),
      submittedAt: new Date(),
    },
  });
}

describe('grant-application workflow on a real Temporal server', () => {
  it('moves a submitted case to IN_QUEUE and records the transition as an event row', async () => {
    const application = await storedApplication();
    const handle = await temporal.workflow.start(grantApplication, {
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowId: application.workflowId,
      args: [{ applicationId: application.id }],
    });

    await eventually(async () => ((await handle.query(statusQuery)) === 'IN_QUEUE' ? true : undefined), 'status IN_QUEUE');

    const events = await db.caseEvent.findMany({ where: { applicationId: application.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'queued',
      fromStatus: 'SUBMITTED',
      toStatus: 'IN_QUEUE',
      actor: 'system',
      eventKey: `${application.workflowId}:1`,
    });
    expect(events[0]!.occurredAt.getTime()).toBeGreaterThanOrEqual(application.createdAt.getTime());
    const stored = await db.application.findUniqueOrThrow({ where: { id: application.id } });
    expect(stored.status).toBe('IN_QUEUE');

    const description = await handle.describe();
    expect(description.status.name).toBe('RUNNING');
    await handle.terminate('test finished');
  });

  it('records a transition once even when the activity runs twice (a retry after a lost reply)', async () => {
    const application = await storedApplication();
    const { recordTransition } = createActivities({ db });
    const transition = {
      eventKey: `${application.workflowId}:1`,
      applicationId: application.id,
      type: 'queued',
      from: 'SUBMITTED' as const,
      to: 'IN_QUEUE' as const,
      actor: 'system',
      occurredAt: new Date().toISOString(),
    };
    await expect(recordTransition(transition)).resolves.toEqual({ recorded: true });
    await expect(recordTransition(transition)).resolves.toEqual({ recorded: false });
    expect(await db.caseEvent.count({ where: { applicationId: application.id } })).toBe(1);
  });
});
