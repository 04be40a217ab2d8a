import { isUniqueViolation, type Database, type Prisma } from '../lib/db';
import type { GrantChangeKind } from '../domain/grant-changes';

/**
 * The decision sequence of the row that claims back a declined grant's exported payout. No
 * decision pays it (the association declined), and decisions count from 1, so it never meets one.
 */
export const DECLINED_GRANT_PAYBACK_SEQUENCE = 0;

/** Idempotent writes of the changes an association asks for after its grant. */
export function createGrantChangeActivities({ db }: { db: Database }) {
  return {
    /** The association's request, with the period it would change from. Stored once per sequence. */
    async saveGrantChangeRequest(input: { applicationId: string; sequence: number; kind: GrantChangeKind; activity?: string; startDate?: string; endDate?: string; reasons: string; requestedAt: string }): Promise<void> {
      const application = await db.application.findUniqueOrThrow({ where: { id: input.applicationId }, select: { startDate: true, endDate: true } });
      try {
        await db.grantChange.create({
          data: {
            applicationId: input.applicationId,
            sequence: input.sequence,
            kind: input.kind,
            activity: input.activity ?? null,
            newStartDate: input.startDate ? new Date(`${input.startDate}T00:00:00Z`) : null,
            newEndDate: input.endDate ? new Date(`${input.endDate}T00:00:00Z`) : null,
            previousStartDate: application.startDate,
            previousEndDate: application.endDate,
            reasons: input.reasons,
            requestedAt: new Date(input.requestedAt),
          },
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    },

    /**
     * The caseworker's decision; an approved change becomes the case's activity or period (the
     * application row the pages read). Recorded once: a retry finds it decided and changes nothing.
     */
    async recordGrantChangeDecision(input: { applicationId: string; sequence: number; approve: boolean; reasons: string; decidedBy: string; decidedAt: string; newReportDueAt?: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const { applicationId, sequence } = input;
        const decided = await tx.grantChange.updateMany({
          where: { applicationId, sequence, outcome: null },
          data: {
            outcome: input.approve ? 'approved' : 'refused',
            decisionReasons: input.reasons,
            decidedBy: input.decidedBy,
            decidedAt: new Date(input.decidedAt),
            newReportDueAt: input.newReportDueAt ? new Date(input.newReportDueAt) : null,
          },
        });
        if (decided.count === 0 || !input.approve) return;
        const change = await tx.grantChange.findUniqueOrThrow({ where: { applicationId_sequence: { applicationId, sequence } } });
        if (change.kind === 'period' && change.newStartDate && change.newEndDate) {
          await tx.application.update({ where: { id: applicationId }, data: { startDate: change.newStartDate, endDate: change.newEndDate } });
        }
        if (change.kind === 'activity' && change.activity) {
          const application = await tx.application.findUniqueOrThrow({ where: { id: applicationId }, select: { submission: true } });
          const submission = (application.submission ?? {}) as { project?: Record<string, unknown> };
          const changed = { ...submission, project: { ...submission.project, activities: change.activity } };
          await tx.application.update({ where: { id: applicationId }, data: { submission: changed as Prisma.InputJsonValue } });
        }
      });
    },

    /**
     * A declined grant is not paid: payout rows not yet exported to finance are deleted; for rows
     * already exported (finance will pay them) a negative row claims the money back, as a reduced
     * grant's difference is. Running it again finds the same exported rows and adds nothing.
     */
    async cancelDeclinedPayout({ applicationId }: { applicationId: string }): Promise<{ exportedOre: number }> {
      return db.$transaction(async (tx) => {
        await tx.payout.deleteMany({ where: { applicationId, payoutRunId: null, confirmedAt: null, amountOre: { gt: 0n } } });
        const exported = await tx.payout.findMany({ where: { applicationId, payoutRunId: { not: null }, confirmedAt: null, decisionSequence: { not: DECLINED_GRANT_PAYBACK_SEQUENCE } } });
        const exportedOre = exported.reduce((sum, row) => sum + row.amountOre, 0n);
        if (exportedOre > 0n) {
          const application = await tx.application.findUniqueOrThrow({ where: { id: applicationId }, select: { organizationCvr: true } });
          const existing = await tx.payout.findUnique({ where: { applicationId_decisionSequence_year: { applicationId, decisionSequence: DECLINED_GRANT_PAYBACK_SEQUENCE, year: 1 } } });
          if (!existing) {
            await tx.payout.create({
              data: {
                payoutKey: `payout:${applicationId}:declined`,
                applicationId,
                decisionSequence: DECLINED_GRANT_PAYBACK_SEQUENCE,
                amountOre: -exportedOre,
                cvr: application.organizationCvr,
                scheduledFor: new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z'),
                registeredAt: new Date(),
              },
            });
          }
        }
        return { exportedOre: Number(exportedOre) };
      });
    },
  };
}
