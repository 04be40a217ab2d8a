import type { Database } from '../lib/db';

/**
 * The decision sequence of the row that claims back a declined grant's exported payout. No
 * decision pays it (the association declined), and decisions count from 1, so it never meets one.
 */
export const DECLINED_GRANT_PAYBACK_SEQUENCE = 0;

/** Idempotent writes of the changes an association asks for after its grant. */
export function createGrantChangeActivities({ db }: { db: Database }) {
  return {
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
          const existing = await tx.payout.findUnique({ where: { applicationId_decisionSequence: { applicationId, decisionSequence: DECLINED_GRANT_PAYBACK_SEQUENCE } } });
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
