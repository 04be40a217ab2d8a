import type { Database } from '../lib/db';
import { isUniqueViolation } from '../lib/db';
import type { RepaymentOutcome } from '../domain/repayment';

interface RepaymentKey {
  applicationId: string;
  reportSequence: number;
}

const where = ({ applicationId, reportSequence }: RepaymentKey) => ({ applicationId_reportSequence: { applicationId, reportSequence } });

/** Idempotent writes of a repayment claim: proposed, decided, reminded, paid. */
export function createRepaymentActivities({ db }: { db: Database }) {
  return {
    async proposeRepayment(input: RepaymentKey & { proposedOre: number; at: string }): Promise<void> {
      try {
        await db.repayment.create({
          data: { applicationId: input.applicationId, reportSequence: input.reportSequence, proposedOre: BigInt(input.proposedOre), proposedAt: new Date(input.at) },
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    },

    async recordRepaymentDecision(
      input: RepaymentKey & { outcome: RepaymentOutcome; claimedOre: number; reasons: string; decidedBy: string; decidedAt: string; dueAt: string | null; newPeriodEnd: string | null },
    ): Promise<void> {
      await db.repayment.updateMany({
        where: { applicationId: input.applicationId, reportSequence: input.reportSequence, decidedAt: null },
        data: {
          outcome: input.outcome,
          claimedOre: BigInt(input.claimedOre),
          reasons: input.reasons,
          decidedBy: input.decidedBy,
          decidedAt: new Date(input.decidedAt),
          dueAt: input.dueAt ? new Date(input.dueAt) : null,
          newPeriodEnd: input.newPeriodEnd ? new Date(`${input.newPeriodEnd}T00:00:00Z`) : null,
        },
      });
    },

    /** Sets (not increments) the count, so a retried activity does not count a reminder twice. */
    async noteRepaymentReminder(input: RepaymentKey & { remindersSent: number }): Promise<void> {
      await db.repayment.update({ where: where(input), data: { remindersSent: input.remindersSent } });
    },

    async recordRepaymentPaid(input: RepaymentKey & { paidOn: string; registeredBy: string; at: string }): Promise<void> {
      await db.repayment.updateMany({
        where: { applicationId: input.applicationId, reportSequence: input.reportSequence, paidRegisteredAt: null },
        data: { paidOn: new Date(`${input.paidOn}T00:00:00Z`), paidRegisteredBy: input.registeredBy, paidRegisteredAt: new Date(input.at) },
      });
    },
  };
}
