import type { Database } from '../../../lib/db';
import type { StaffIdentity } from '../../../lib/staff-auth';
import { payoutExportCsv } from '../../../domain/csv';
import { formatCaseReference } from '../../../domain/reference';
import { recordAudit } from '../audit/log';
import type { Jurisdiction } from '../../../domain/jurisdiction';

/** Kroner with øre as a decimal number (payouts are whole kroner in practice, so usually an integer). */
export function kronerOf(ore: bigint): number {
  return Number(ore) / 100;
}

export interface CreatedPayoutRun {
  id: string;
  createdAt: Date;
  count: number;
  totalOre: bigint;
}

/**
 * A run takes every payout no earlier run took, so each payout is exported exactly once; the file
 * is stored with the run and can be downloaded again. Null when nothing is pending. A
 * self-organised group's payout goes to its sponsor's account, so it waits until the sponsor has
 * confirmed the sponsorship (heldPayouts lists those waiting).
 */
export async function createPayoutRun(db: Database, staff: StaffIdentity, jurisdiction: Jurisdiction = 'DK'): Promise<CreatedPayoutRun | null> {
  const run = await db.$transaction(
    async (tx) => {
      const created = await tx.payoutRun.create({ data: { createdBy: staff.email, csv: '', totalOre: 0n } });
      // One conditional UPDATE claims the payouts: a row another run is claiming at the same
      // moment is waited for and then checked again, so it is skipped once that run commits.
      const claimed = await tx.$queryRaw<{ id: string }[]>`
        UPDATE payouts SET payout_run_id = ${created.id}::uuid
        WHERE payout_run_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM sponsorships WHERE sponsorships.application_id = payouts.application_id AND sponsorships.confirmed_at IS NULL)
        RETURNING id`;
      if (claimed.length === 0) {
        await tx.payoutRun.delete({ where: { id: created.id } });
        return null;
      }
      const payouts = await tx.payout.findMany({
        where: { payoutRunId: created.id },
        orderBy: [{ scheduledFor: 'asc' }, { application: { referenceNumber: 'asc' } }],
        select: {
          id: true,
          amountOre: true,
          cvr: true,
          scheduledFor: true,
          application: { select: { referenceNumber: true, submittedAt: true, createdAt: true, organizationName: true, payoutAccount: true } },
        },
      });
      const csv = payoutExportCsv(
        payouts.map((payout) => ({
          lineId: payout.id,
          referenceNumber: payout.application.referenceNumber,
          submittedAt: payout.application.submittedAt ?? payout.application.createdAt,
          cvr: payout.cvr,
          organizationName: payout.application.organizationName,
          amountOre: payout.amountOre,
          scheduledFor: payout.scheduledFor,
          // Read when the file is made, so a caseworker's correction before the run counts.
          account: payout.application.payoutAccount,
        })),
        jurisdiction,
      );
      const totalOre = payouts.reduce((sum, payout) => sum + payout.amountOre, 0n);
      const saved = await tx.payoutRun.update({ where: { id: created.id }, data: { csv, totalOre } });
      return { id: saved.id, createdAt: saved.createdAt, totalOre: saved.totalOre, count: payouts.length };
    },
    // Waiting for a concurrent run to commit is expected, not an error.
    { maxWait: 10_000, timeout: 30_000 },
  );
  if (run) await recordAudit(db, staff, 'payout_run.create', { details: { payoutRunId: run.id, count: run.count, totalOre: run.totalOre.toString() } });
  return run;
}

export interface PayoutRunSummary {
  id: string;
  createdAt: Date;
  createdBy: string;
  count: number;
  confirmed: number;
  totalOre: bigint;
}

/** Every run, newest first, with how many of its lines finance has confirmed. */
export async function listPayoutRuns(db: Database): Promise<PayoutRunSummary[]> {
  const runs = await db.payoutRun.findMany({
    orderBy: { createdAt: 'desc' },
    select: { id: true, createdAt: true, createdBy: true, totalOre: true, _count: { select: { payouts: true } } },
  });
  const confirmed = await db.payout.groupBy({ by: ['payoutRunId'], where: { payoutRunId: { in: runs.map((run) => run.id) }, confirmedAt: { not: null } }, _count: { _all: true } });
  const confirmedByRun = new Map(confirmed.map((row) => [row.payoutRunId, row._count._all]));
  return runs.map((run) => ({ id: run.id, createdAt: run.createdAt, createdBy: run.createdBy, count: run._count.payouts, confirmed: confirmedByRun.get(run.id) ?? 0, totalOre: run.totalOre }));
}

export interface HeldPayout {
  applicationId: string;
  reference: string;
  groupName: string | null;
  sponsorName: string;
  amountOre: bigint;
  sponsorAskedAt: Date;
}

/** Payouts no run may take yet: a self-organised group's, until its sponsor has confirmed. */
export async function heldPayouts(db: Database): Promise<HeldPayout[]> {
  const payouts = await db.payout.findMany({
    where: { payoutRunId: null, application: { sponsorship: { confirmedAt: null } } },
    orderBy: { application: { referenceNumber: 'asc' } },
    select: {
      amountOre: true,
      application: { select: { id: true, referenceNumber: true, submittedAt: true, createdAt: true, groupName: true, organizationName: true, sponsorship: { select: { requestedAt: true } } } },
    },
  });
  return payouts.map(({ amountOre, application }) => ({
    applicationId: application.id,
    reference: formatCaseReference(application.referenceNumber, application.submittedAt ?? application.createdAt),
    groupName: application.groupName,
    sponsorName: application.organizationName,
    amountOre,
    sponsorAskedAt: application.sponsorship!.requestedAt,
  }));
}
