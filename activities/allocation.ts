import type { Database } from '../lib/db';
import { proposeAllocation } from '../domain/allocation';
import { formatCaseReference } from '../domain/reference';
import type { AllocationLine } from '../workflows/messages';
import { BEFORE_DECISION } from '../domain/status';

/** A deadline round's cases at its close: those the allocation proposes amounts for, and those it left out. */
export function createAllocationActivities({ db }: { db: Database }) {
  return {
    async proposeRoundAllocation({ roundId, budgetOre }: { roundId: string; budgetOre: number }): Promise<AllocationLine[]> {
      const waiting = await db.application.findMany({
        where: { roundId, status: { in: ['IN_QUEUE', 'IN_REVIEW'] } },
        orderBy: { referenceNumber: 'asc' },
        select: { id: true, referenceNumber: true, submittedAt: true, createdAt: true, organizationName: true, organizationCvr: true, amountRequestedOre: true },
      });
      const proposal = proposeAllocation(waiting.map((a) => ({ id: a.id, requestedOre: Number(a.amountRequestedOre) })), budgetOre);
      return waiting.map((a) => ({
        applicationId: a.id,
        reference: formatCaseReference(a.referenceNumber, a.submittedAt ?? a.createdAt),
        organizationName: a.organizationName,
        organizationCvr: a.organizationCvr,
        requestedOre: Number(a.amountRequestedOre),
        proposedOre: proposal.get(a.id) ?? 0,
      }));
    },

    /**
     * The round's cases still before a decision that its confirmed allocation left out (they were
     * not ready when the round closed): each is then decided on its own.
     */
    async roundCasesOutsideAllocation({ roundId, allocated }: { roundId: string; allocated: string[] }): Promise<string[]> {
      const outside = await db.application.findMany({
        where: { roundId, status: { in: [...BEFORE_DECISION] }, id: { notIn: allocated } },
        orderBy: { referenceNumber: 'asc' },
        select: { id: true },
      });
      return outside.map((a) => a.id);
    },
  };
}
