import crypto from 'node:crypto';
import { createOpenRound, getJson, insertApplication } from '../support/fixtures';
import { signedInStaff } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// The queue's filters, sort, counts and paging, checked against a plain model of the same rules
// over a seeded set of cases (no workflows: the queue reads the read model only).

type Status = 'IN_QUEUE' | 'IN_REVIEW' | 'AWAITING_APPROVAL' | 'REPORT_SUBMITTED' | 'DECIDED' | 'AWAITING_APPLICANT';
interface Seed {
  status: Status;
  daysAgo: number;
  assignee?: 'me' | 'other';
  targetGroup?: string;
  amount: number;
  flagged?: boolean;
}

const DAY = 86_400_000;
const TARGET_DAYS = 10;
const WAITING = ['IN_QUEUE', 'IN_REVIEW', 'AWAITING_APPROVAL', 'REPORT_SUBMITTED'];

const SEEDS: Seed[] = [
  { status: 'IN_QUEUE', daysAgo: 1.5, amount: 12_000 },
  { status: 'IN_QUEUE', daysAgo: 12, amount: 30_000, flagged: true },
  { status: 'IN_QUEUE', daysAgo: 8, amount: 5_000, targetGroup: 'older_people' },
  { status: 'IN_QUEUE', daysAgo: 3, amount: 45_000, targetGroup: 'older_people', flagged: true },
  { status: 'IN_QUEUE', daysAgo: 20, amount: 8_000 },
  { status: 'IN_REVIEW', daysAgo: 9, amount: 20_000, assignee: 'me' },
  { status: 'IN_REVIEW', daysAgo: 2, amount: 15_000, assignee: 'me', flagged: true },
  { status: 'IN_REVIEW', daysAgo: 14, amount: 9_000, assignee: 'other' },
  { status: 'AWAITING_APPROVAL', daysAgo: 6, amount: 60_000, assignee: 'other' },
  { status: 'REPORT_SUBMITTED', daysAgo: 200, amount: 10_000, assignee: 'me' },
  { status: 'DECIDED', daysAgo: 4, amount: 11_000 },
  { status: 'AWAITING_APPLICANT', daysAgo: 5, amount: 13_000 },
];

let stack: TestStack;
let me: Awaited<ReturnType<typeof signedInStaff>>;
let roundId: string;
const otherCaseworker = `anden-${crypto.randomUUID().slice(0, 8)}@eksempel.dk`;
const seeded: (Seed & { id: string; submittedAt: Date })[] = [];

beforeAll(async () => {
  stack = await startTestStack({ worker: false });
  me = await signedInStaff(stack, ['caseworker']);
  const round = await createOpenRound(stack.db, { process: { decisionTarget: `P${TARGET_DAYS}D` } });
  roundId = round.id;
  const now = Date.now();
  for (const [index, seed] of SEEDS.entries()) {
    const submittedAt = new Date(now - seed.daysAgo * DAY);
    const row = await insertApplication(stack.db, roundId, { submittedAt, amountRequestedOre: BigInt(seed.amount) * 100n, organizationName: `Forening ${index}` });
    await stack.db.application.update({
      where: { id: row.id },
      data: { status: seed.status, targetGroup: seed.targetGroup ?? 'lonely', assignee: seed.assignee === 'me' ? me.email : seed.assignee === 'other' ? otherCaseworker : null },
    });
    await stack.db.screening.create({
      data: {
        screeningKey: `queue-test:${row.id}`,
        applicationId: row.id,
        results: { rules: [{ rule: 'E1', outcome: 'pass' }, { rule: 'E8', outcome: seed.flagged ? 'needs_judgement' : 'pass' }], lateSubmission: false, needsJudgement: Boolean(seed.flagged) },
        missingItems: [],
        checklist: [],
        registerLookup: {},
      },
    });
    seeded.push({ ...seed, id: row.id, submittedAt });
  }
});

afterAll(async () => {
  await stack?.stop();
});

async function queue(query: Record<string, string | number>) {
  const params = new URLSearchParams({ roundId, ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
  const response = await getJson(`${stack.baseUrl}/api/v1/queue?${params}`, me.headers);
  expect(response.status).toBe(200);
  return response.body as { total: number; counts: Record<string, number>; page: number; items: { id: string; sla: { state: string; targetDays: number } | null; flagged: boolean; daysWaiting: number }[] };
}

const oldestFirst = (cases: typeof seeded) => [...cases].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime()).map((c) => c.id);
const waiting = () => seeded.filter((c) => WAITING.includes(c.status));
const slaState = (c: Seed) => (c.daysAgo > TARGET_DAYS ? 'breached' : c.daysAgo > TARGET_DAYS * 0.75 ? 'due_soon' : 'within');

describe('the queue', () => {
  it('lists every case waiting for staff, oldest first, with counts per status', async () => {
    const body = await queue({});
    expect(body.items.map((i) => i.id)).toEqual(oldestFirst(waiting()));
    expect(body.total).toBe(10);
    expect(body.counts).toEqual({ IN_QUEUE: 5, IN_REVIEW: 3, AWAITING_APPROVAL: 1, REPORT_SUBMITTED: 1 });
    const reportCase = body.items.find((i) => i.id === seeded[9]!.id)!;
    expect(reportCase.sla).toBeNull();
    const late = body.items.find((i) => i.id === seeded[4]!.id)!;
    expect(late).toMatchObject({ daysWaiting: 20, sla: { state: 'breached', targetDays: TARGET_DAYS }, flagged: false });
  });

  it('sorts newest first and by amount', async () => {
    expect((await queue({ sort: 'newest' })).items.map((i) => i.id)).toEqual(oldestFirst(waiting()).reverse());
    const byAmount = [...waiting()].sort((a, b) => b.amount - a.amount).map((c) => c.id);
    expect((await queue({ sort: 'amount' })).items.map((i) => i.id)).toEqual(byAmount);
  });

  it('filters by status, keeping the counts of the other statuses', async () => {
    const body = await queue({ status: 'IN_REVIEW' });
    expect(body.items.map((i) => i.id)).toEqual(oldestFirst(seeded.filter((c) => c.status === 'IN_REVIEW')));
    expect(body.total).toBe(3);
    expect(body.counts).toEqual({ IN_QUEUE: 5, IN_REVIEW: 3, AWAITING_APPROVAL: 1, REPORT_SUBMITTED: 1 });
  });

  it('filters by assignee: my cases, unclaimed cases, someone else’s', async () => {
    expect((await queue({ assignee: 'me' })).items.map((i) => i.id)).toEqual(oldestFirst(waiting().filter((c) => c.assignee === 'me')));
    expect((await queue({ assignee: 'none' })).items.map((i) => i.id)).toEqual(oldestFirst(waiting().filter((c) => !c.assignee)));
    const others = await queue({ assignee: otherCaseworker.toUpperCase() });
    expect(others.items.map((i) => i.id)).toEqual(oldestFirst(waiting().filter((c) => c.assignee === 'other')));
    expect(others.counts).toEqual({ IN_REVIEW: 1, AWAITING_APPROVAL: 1 });
  });

  it('filters by target group and by flagged checks', async () => {
    expect((await queue({ targetGroup: 'older_people' })).items.map((i) => i.id)).toEqual(oldestFirst(waiting().filter((c) => c.targetGroup === 'older_people')));
    const flagged = await queue({ flagged: 'true' });
    expect(flagged.items.map((i) => i.id)).toEqual(oldestFirst(waiting().filter((c) => c.flagged)));
    expect(flagged.items.every((i) => i.flagged)).toBe(true);
    expect((await queue({ flagged: 'false' })).items.map((i) => i.id)).toEqual(oldestFirst(waiting().filter((c) => !c.flagged)));
  });

  it('filters by SLA state against the round’s decision target (a submitted report has none)', async () => {
    for (const state of ['within', 'due_soon', 'breached'] as const) {
      const expected = oldestFirst(waiting().filter((c) => c.status !== 'REPORT_SUBMITTED' && slaState(c) === state));
      const body = await queue({ sla: state });
      expect(body.items.map((i) => i.id)).toEqual(expected);
      expect(body.items.every((i) => i.sla?.state === state)).toBe(true);
      expect(body.total).toBe(expected.length);
    }
    expect((await queue({ sla: 'breached', status: 'REPORT_SUBMITTED' })).total).toBe(0);
  });

  it('combines filters', async () => {
    const body = await queue({ status: 'IN_QUEUE', flagged: 'true', sla: 'within' });
    expect(body.items.map((i) => i.id)).toEqual(oldestFirst(seeded.filter((c) => c.status === 'IN_QUEUE' && c.flagged && slaState(c) === 'within')));
  });

  it('pages through every case exactly once', async () => {
    const all = oldestFirst(waiting());
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const body = await queue({ pageSize: 4, page });
      expect(body.total).toBe(all.length);
      seen.push(...body.items.map((i) => i.id));
    }
    expect(seen).toEqual(all);
    expect((await queue({ pageSize: 4, page: 4 })).items).toEqual([]);
  });

  it('refuses an unknown filter value with a field-level 400', async () => {
    const response = await getJson(`${stack.baseUrl}/api/v1/queue?sla=soon&pageSize=1000`, me.headers);
    expect(response.status).toBe(400);
    expect(response.body.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['pageSize', 'sla']);
  });
});
