import { createArrivalActivities, type ArrivalInput } from '../../activities/arrival';
import { activitySettingsFromConfig } from '../../activities';
import { createBusinessRegister } from '../../lib/register';
import { createSqlPool } from '../../lib/db';
import { applicationBody, createOpenRound, postJson } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

// A new case's first step runs as one activity in one transaction: the receipt, "screening
// started", the screening and "queued". Run here without a worker, directly and more than once
// (as Temporal may run it again after a worker dies): every row exists once, and every run
// answers the same.

let stack: TestStack;
let arrival: ReturnType<typeof createArrivalActivities>;

beforeAll(async () => {
  stack = await startTestStack({ worker: false });
  const settings = activitySettingsFromConfig(stack.config);
  arrival = createArrivalActivities({ db: stack.db, sql: createSqlPool(stack.config.DATABASE_URL), register: createBusinessRegister(stack.config), jurisdiction: settings.jurisdiction, settings: settings.email });
});

afterAll(async () => {
  await stack?.stop();
});

async function submitted(body: Record<string, unknown>, language = 'da'): Promise<{ id: string; input: ArrivalInput }> {
  const response = await postJson(`${stack.baseUrl}/api/v1/applications?lang=${language}`, body);
  expect(response.status).toBe(201);
  const { id } = response.body as { id: string };
  const workflowId = `arrival-test-${id}`;
  return {
    id,
    input: {
      applicationId: id,
      screeningKey: `${workflowId}:screening:1`,
      receiptKey: `${id}:receipt:1`,
      screeningStarted: { eventKey: `${workflowId}:1`, occurredAt: new Date().toISOString(), from: 'SUBMITTED' },
      queuedEventKey: `${workflowId}:2`,
    },
  };
}

async function rowsOf(applicationId: string) {
  const [application, events, receipts, tokens, screenings] = await Promise.all([
    stack.db.application.findUniqueOrThrow({ where: { id: applicationId }, select: { status: true } }),
    stack.db.caseEvent.findMany({ where: { applicationId, eventKey: { startsWith: 'arrival-test-' } }, orderBy: { id: 'asc' } }),
    stack.db.outboxEmail.findMany({ where: { applicationId, kind: 'receipt' } }),
    stack.db.accessToken.count({ where: { applicationId, purpose: 'receipt' } }),
    stack.db.screening.count({ where: { applicationId } }),
  ]);
  return { status: application.status, events: events.map((event) => [event.type, event.fromStatus, event.toStatus]), receipts, tokens, screenings };
}

describe('the one-step arrival activity', () => {
  it('queues a complete application once, however often and however concurrently it runs', async () => {
    const round = await createOpenRound(stack.db);
    const { id, input } = await submitted(applicationBody(round.id));

    const [first, second] = await Promise.all([arrival.receiveApplication(input), arrival.receiveApplication(input)]);
    const third = await arrival.receiveApplication(input);

    expect(first.queuedAt).not.toBeNull();
    expect(first).toEqual({ lateSubmission: false, needsJudgement: expect.any(Boolean), missingItems: [], queuedAt: first.queuedAt });
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    const rows = await rowsOf(id);
    expect(rows.status).toBe('IN_QUEUE');
    expect(rows.events).toEqual([
      ['screening_started', 'SUBMITTED', 'SCREENING'],
      ['queued', 'SCREENING', 'IN_QUEUE'],
    ]);
    expect(rows.receipts).toHaveLength(1);
    expect(rows.receipts[0]!.recipient).toBe('inge@faellesbord.dk');
    expect(rows.receipts[0]!.text).toContain(`/sag/${id}?adgang=`);
    expect(rows.tokens).toBe(1);
    expect(rows.screenings).toBe(1);
  });

  it('leaves an application with something missing in screening, naming what is missing in its language', async () => {
    const round = await createOpenRound(stack.db, { maxAmount: 100_000 });
    const { id, input } = await submitted(
      applicationBody(round.id, { amountRequested: 60_000, budget: { lines: [{ category: 'food', description: 'Råvarer', amount: 60_000 }], cofinancing: [] } }),
      'nb',
    );

    const outcome = await arrival.receiveApplication(input);
    expect(outcome.queuedAt).toBeNull();
    expect(outcome.missingItems).toEqual([expect.stringMatching(/vedtekter/i)]);
    expect(await arrival.receiveApplication(input)).toEqual(outcome);
    const rows = await rowsOf(id);
    expect(rows.status).toBe('SCREENING');
    expect(rows.events).toEqual([['screening_started', 'SUBMITTED', 'SCREENING']]);
    expect(rows.receipts).toHaveLength(1);
    expect(rows.screenings).toBe(1);
  });
});
