import crypto from 'node:crypto';
import type pg from 'pg';
import { createSqlPool } from '../../lib/db';
import { readEarlierGrants, readScreenedApplication } from '../../activities/screening-reads';
import { readFundingRound } from '../../lib/sql-rows';
import { createOpenRound } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

// The arrival reads the application, its round and its documents, and the association's earlier
// grants, with plain SQL, and intake reads the round so. They must read what Prisma reads: the same
// fields with the same types.

let stack: TestStack;
let sql: pg.Pool;

beforeAll(async () => {
  stack = await startTestStack({ worker: false });
  sql = createSqlPool(stack.config.DATABASE_URL);
});

afterAll(async () => {
  await sql?.end();
  await stack?.stop();
});

/** An organisation number of this test's own: the earlier-grants query reads by it. */
const cvr = String(10_000_000 + crypto.randomInt(89_999_999)).slice(0, 8);

async function storedApplication(roundId: string, fields: { amountGrantedOre?: bigint; submittedAt?: Date | null; payoutAccount?: string } = {}) {
  const id = crypto.randomUUID();
  return stack.db.application.create({
    data: {
      id,
      roundId,
      status: 'SUBMITTED',
      organizationCvr: cvr,
      organizationName: 'Foreningen Fælles Bord',
      organizationEmail: 'kasserer@faellesbord.dk',
      contactName: 'Inge Hansen',
      contactEmail: 'inge@faellesbord.dk',
      projectTitle: 'Fællesspisning',
      projectPurpose: 'Et ugentligt måltid.',
      targetGroup: 'lonely',
      isNewActivity: true,
      volunteers: 8,
      expectedParticipants: 40,
      startDate: new Date('2027-02-01T00:00:00Z'),
      endDate: new Date('2027-06-30T00:00:00Z'),
      amountRequestedOre: 1_200_000n,
      amountGrantedOre: fields.amountGrantedOre ?? null,
      payoutAccount: fields.payoutAccount ?? null,
      submission: { project: { startDate: '2027-02-01' }, budget: { lines: [{ amount: 12_000 }] } },
      consentContactLater: false,
      workflowId: `screening-reads-${id}`,
      submittedAt: fields.submittedAt === undefined ? new Date('2026-12-01T10:11:12.345Z') : fields.submittedAt,
    },
  });
}

describe('the arrival’s reads in plain SQL', () => {
  it('read the application with its round and documents as Prisma does', async () => {
    const round = await createOpenRound(stack.db, { grantYears: 2, yearlyBudgets: [300_000, 200_000], closesAt: null, legalFrame: { contact: { name: 'Karen Kontakt' } } });
    const application = await storedApplication(round.id, { payoutAccount: '12345678903' });
    for (const kind of ['budget', 'statutes', 'budget']) {
      await stack.db.document.create({
        data: { documentKey: `screening-reads-${crypto.randomUUID()}`, applicationId: application.id, kind, filename: 'a.pdf', contentType: 'application/pdf', size: 3, sha256: 'a'.repeat(64), content: Buffer.from('pdf') },
      });
    }

    const viaPrisma = await stack.db.application.findUniqueOrThrow({ where: { id: application.id }, include: { round: true, documents: { select: { kind: true }, orderBy: { id: 'asc' } } } });
    const viaSql = await readScreenedApplication(sql, application.id);
    expect(viaSql).toEqual(viaPrisma);
    expect(typeof viaSql.amountRequestedOre).toBe('bigint');
    expect(viaSql.round.yearlyBudgetsOre).toEqual([30_000_000n, 20_000_000n]);
    expect(viaSql.startDate.toISOString()).toBe('2027-02-01T00:00:00.000Z');
    expect(viaSql.documents.map((document) => document.kind).sort()).toEqual(['budget', 'budget', 'statutes']);

    await expect(readScreenedApplication(sql, crypto.randomUUID())).rejects.toThrow(/not found/);
  });

  it('read the association’s earlier grants with their latest report as Prisma does', async () => {
    const round = await createOpenRound(stack.db);
    const current = await storedApplication(round.id);
    const reported = await storedApplication(round.id, { amountGrantedOre: 500_000n });
    const unreported = await storedApplication(round.id, { amountGrantedOre: 100n, submittedAt: null });
    await storedApplication(round.id, { amountGrantedOre: 0n });
    await storedApplication(round.id);
    await stack.db.followUpReport.create({ data: { applicationId: reported.id, sequence: 1, requirement: 'simple', dueAt: new Date('2026-01-01T00:00:00Z'), submittedAt: new Date('2025-12-20T00:00:00Z'), reviewOutcome: 'accepted' } });
    await stack.db.followUpReport.create({ data: { applicationId: reported.id, sequence: 2, requirement: 'simple', dueAt: new Date('2026-06-01T00:00:00Z') } });

    const viaPrisma = await stack.db.application.findMany({
      where: { organizationCvr: cvr, id: { not: current.id }, amountGrantedOre: { gt: 0 } },
      select: { referenceNumber: true, submittedAt: true, createdAt: true, reports: { orderBy: { sequence: 'desc' }, take: 1 } },
    });
    const viaSql = await readEarlierGrants(sql, cvr, current.id);
    const byReference = <T extends { referenceNumber: number }>(rows: T[]) => [...rows].sort((a, b) => a.referenceNumber - b.referenceNumber);
    expect(byReference(viaSql)).toEqual(
      byReference(viaPrisma).map(({ reports, ...application }) => ({
        ...application,
        report: reports[0] ? { reviewOutcome: reports[0].reviewOutcome, submittedAt: reports[0].submittedAt, dueAt: reports[0].dueAt } : null,
      })),
    );
    expect(byReference(viaSql).map((grant) => grant.referenceNumber)).toEqual([reported.referenceNumber, unreported.referenceNumber]);
    expect(viaSql.find((grant) => grant.referenceNumber === reported.referenceNumber)!.report).toEqual({ reviewOutcome: null, submittedAt: null, dueAt: new Date('2026-06-01T00:00:00Z') });
  });

  it('read a round as Prisma does (intake’s lookup)', async () => {
    const round = await createOpenRound(stack.db, { mode: 'deadline', grantYears: 3, yearlyBudgets: [300_000, 200_000, 100_000], informalGroups: 'sponsor', legalFrame: { contact: { name: 'Karen Kontakt' } } });
    const viaPrisma = await stack.db.fundingRound.findUniqueOrThrow({ where: { id: round.id } });
    const viaSql = await readFundingRound(sql, round.id);
    expect(viaSql).toEqual(viaPrisma);
    expect(typeof viaSql!.maxAmountOre).toBe('bigint');
    expect(viaSql!.yearlyBudgetsOre).toEqual([30_000_000n, 20_000_000n, 10_000_000n]);
    expect(viaSql!.closesAt).toBeInstanceOf(Date);
    expect(await readFundingRound(sql, crypto.randomUUID())).toBeNull();
  });
});
