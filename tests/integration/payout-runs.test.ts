import crypto from 'node:crypto';
import { Client } from 'pg';
import type { Database } from '../../lib/db';
import { signedInStaff } from '../support/staff';
import { kronerToOre } from '../../domain/money';
import { formatCaseReference } from '../../domain/reference';
import { PAYOUT_EXPORT_HEADER, UTF8_BOM } from '../../domain/csv';
import { createOpenRound, eventually, getJson, insertApplication, isoDay, postJson } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

// The router over real HTTP and PostgreSQL, mounted as services/api/app.ts mounts the others.
// Payouts are inserted as the registerPayout activity writes them: no workflow is needed.
//
// Other test files share the database and may register payouts of their own while this runs,
// so the assertions are about this file's payouts, never about totals of the whole table.

let db: Database;
let stack: TestStack;
let baseUrl: string;
let databaseUrl: string;
let roundId: string;

type Role = 'approver' | 'admin' | 'caseworker';
const staff = {} as Record<Role, { email: string; headers: Record<string, string> }>;

beforeAll(async () => {
  stack = await startTestStack({ worker: false });
  db = stack.db;
  databaseUrl = stack.config.DATABASE_URL;
  baseUrl = `${stack.baseUrl}/api/v1`;

  staff.approver = await signedInStaff(stack, ['caseworker', 'approver']);
  staff.admin = await signedInStaff(stack, ['admin']);
  staff.caseworker = await signedInStaff(stack, ['caseworker']);
  roundId = (await createOpenRound(db)).id;
});

afterAll(async () => {
  await stack?.stop();
});

const as = (role: Role) => staff[role].headers;
const url = (path: string) => `${baseUrl}${path}`;
const exportRun = (role: Role = 'approver') => postJson(url('/payout-runs'), {}, as(role));

interface TestPayout {
  id: string;
  reference: string;
}

/** A decided application and its payout, as intake and the registerPayout activity write them. */
async function insertPayout(options: { kroner: number; organizationName?: string; scheduledFor?: string }): Promise<TestPayout> {
  const submittedAt = new Date();
  const application = await insertApplication(db, roundId, {
    status: 'PAID',
    organizationName: options.organizationName ?? 'Foreningen Fælles Bord',
    amountRequestedOre: kronerToOre(options.kroner),
    amountGrantedOre: kronerToOre(options.kroner),
    submittedAt,
  });
  const payout = await db.payout.create({
    data: {
      payoutKey: `payout:${application.id}`,
      applicationId: application.id,
      amountOre: kronerToOre(options.kroner),
      cvr: application.organizationCvr,
      scheduledFor: new Date(`${options.scheduledFor ?? isoDay(5)}T00:00:00Z`),
      registeredAt: new Date(),
    },
  });
  return { id: payout.id, reference: formatCaseReference(application.referenceNumber, submittedAt) };
}

async function downloadCsv(runId: string, role: Role = 'approver') {
  const response = await fetch(url(`/payout-runs/${runId}/export.csv`), { headers: as(role) });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Exports until nothing is left, so a test starts from "every payout so far is exported". */
async function exportEverythingPending(): Promise<void> {
  await eventually(async () => ((await exportRun()).status === 200 ? true : undefined), 'an empty export');
}

describe('exporting payouts for the finance system', () => {
  it('one run takes every pending payout; its CSV is semicolon-separated UTF-8 with a BOM', async () => {
    await exportEverythingPending();
    const first = await insertPayout({ kroner: 12_000, scheduledFor: '2026-04-07' });
    const second = await insertPayout({ kroner: 9_500, organizationName: 'Mad; musik & "hygge"\nfor alle', scheduledFor: '2026-04-08' });

    const created = await exportRun();
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), createdAt: expect.any(String), count: expect.any(Number), total: expect.any(Number) });
    expect(created.body.count).toBeGreaterThanOrEqual(2);
    expect(created.body.total).toBeGreaterThanOrEqual(21_500);
    const attached = await db.payout.findMany({ where: { id: { in: [first.id, second.id] } }, select: { payoutRunId: true } });
    expect(attached.map((payout) => payout.payoutRunId)).toEqual([created.body.id, created.body.id]);
    const run = await db.payoutRun.findUniqueOrThrow({ where: { id: created.body.id }, include: { _count: { select: { payouts: true } } } });
    expect(run).toMatchObject({ createdBy: staff.approver.email, _count: { payouts: created.body.count } });
    expect(Number(run.totalOre)).toBe(created.body.total * 100);

    const download = await downloadCsv(created.body.id);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="udbetalinger-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.csv"$/);
    expect([...download.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = download.bytes.toString('utf8');
    expect(text).toBe(run.csv);
    expect(text.startsWith(`${UTF8_BOM}${PAYOUT_EXPORT_HEADER.join(';')}\r\n`)).toBe(true);
    expect(text).toContain(`\r\n${first.reference};13748136;Foreningen Fælles Bord;12000,00;2026-04-07;NemKonto;§18 ${first.reference};${first.id}\r\n`);
    expect(text).toContain(`\r\n${second.reference};13748136;"Mad; musik & ""hygge""\nfor alle";9500,00;2026-04-08;NemKonto;§18 ${second.reference};${second.id}\r\n`);
  });

  it('exports nothing twice: 200 { count: 0 } and no run when nothing is pending', async () => {
    const payout = await insertPayout({ kroner: 3_000 });
    const created = await exportRun('admin');
    expect(created.status).toBe(201);
    await exportEverythingPending();
    const runsBefore = await db.payoutRun.count();
    const empty = await exportRun();
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ count: 0 });
    expect(await db.payoutRun.count()).toBe(runsBefore);
    const runs = await db.payoutRun.findMany({ select: { csv: true } });
    expect(runs.filter((run) => run.csv.includes(`§18 ${payout.reference};${payout.id}\r\n`))).toHaveLength(1);
  });

  it('concurrent requests never put the same payout in two files', async () => {
    const payouts = await Promise.all(Array.from({ length: 12 }, (_, i) => insertPayout({ kroner: 1_000 + i })));
    const responses = await Promise.all(Array.from({ length: 6 }, () => exportRun()));
    expect(responses.every((response) => response.status === 201 || (response.status === 200 && response.body.count === 0))).toBe(true);

    const runs = await db.payoutRun.findMany({ select: { id: true, csv: true, totalOre: true, payouts: { select: { id: true, amountOre: true } } } });
    for (const payout of payouts) {
      expect(runs.filter((run) => run.csv.includes(`§18 ${payout.reference};${payout.id}\r\n`))).toHaveLength(1);
    }
    // Each file holds exactly the payouts attached to its run, and its total is theirs.
    for (const run of runs) {
      expect(run.csv.split('\r\n').filter(Boolean)).toHaveLength(run.payouts.length + 1);
      expect(run.totalOre).toBe(run.payouts.reduce((sum, payout) => sum + payout.amountOre, 0n));
    }
  });

  it('waits for a run being written at the same moment, then leaves its payouts alone', async () => {
    await exportEverythingPending();
    const payouts = [await insertPayout({ kroner: 4_000 }), await insertPayout({ kroner: 5_000 })];
    const ids = payouts.map((payout) => payout.id);

    // Another export in the middle of its transaction: it has locked these payouts and attached them.
    const other = new Client({ connectionString: databaseUrl });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT id FROM payouts WHERE id = ANY($1::uuid[]) FOR UPDATE', [ids]);
      const otherRun = await other.query<{ id: string }>(`INSERT INTO payout_runs (id, created_by, csv, total_ore) VALUES (gen_random_uuid(), 'other', '', 900000) RETURNING id`);
      const otherRunId = otherRun.rows[0]!.id;
      await other.query('UPDATE payouts SET payout_run_id = $1 WHERE id = ANY($2::uuid[])', [otherRunId, ids]);

      const request = exportRun();
      // The request must be blocked on those rows before the other run commits. (Asked on another
      // connection: inside a transaction, pg_stat_activity keeps showing its first snapshot.)
      await eventually(async () => {
        const [waiting] = await db.$queryRaw<{ n: bigint }[]>`
          SELECT count(*) AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%UPDATE payouts SET payout_run_id%WHERE payout_run_id IS NULL%'`;
        return waiting && waiting.n > 0n ? true : undefined;
      }, 'the export to wait for the locked payouts');
      await other.query('COMMIT');

      const response = await request;
      expect([200, 201]).toContain(response.status);
      const after = await db.payout.findMany({ where: { id: { in: ids } }, select: { payoutRunId: true } });
      expect(after.map((payout) => payout.payoutRunId)).toEqual([otherRunId, otherRunId]);
      if (response.status === 201) {
        const csv = (await db.payoutRun.findUniqueOrThrow({ where: { id: response.body.id } })).csv;
        for (const payout of payouts) expect(csv).not.toContain(payout.reference);
      }
    } finally {
      await other.query('ROLLBACK').catch(() => undefined);
      await other.end();
    }
  });
});

describe('listing and downloading runs', () => {
  it('lists runs newest first with count, total and where to download', async () => {
    await insertPayout({ kroner: 7_000 });
    const created = await exportRun();
    expect(created.status).toBe(201);
    const listed = await getJson(url('/payout-runs'), as('approver'));
    expect(listed.status).toBe(200);
    expect(listed.body.runs[0]).toEqual({
      id: created.body.id,
      createdAt: created.body.createdAt,
      createdBy: staff.approver.email,
      count: created.body.count,
      confirmed: 0,
      total: created.body.total,
      exportUrl: `/api/v1/payout-runs/${created.body.id}/export.csv`,
    });
    const times = (listed.body.runs as { createdAt: string }[]).map((run) => Date.parse(run.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('is for approvers and administrators', async () => {
    expect((await exportRun('caseworker')).status).toBe(403);
    expect((await postJson(url('/payout-runs'), {})).status).toBe(401);
    expect((await getJson(url('/payout-runs'), as('caseworker'))).status).toBe(403);
    expect((await getJson(url('/payout-runs'), as('admin'))).status).toBe(200);
    const run = await db.payoutRun.findFirstOrThrow();
    expect((await downloadCsv(run.id, 'caseworker')).status).toBe(403);
    expect((await downloadCsv(run.id, 'admin')).status).toBe(200);
  });

  it('404 for a run that does not exist', async () => {
    const missing = await getJson(url(`/payout-runs/${crypto.randomUUID()}/export.csv?lang=en`), as('approver'));
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'not_found', message: 'This payout run does not exist.' });
    expect((await getJson(url('/payout-runs/not-a-run/export.csv'), as('approver'))).status).toBe(404);
  });
});
