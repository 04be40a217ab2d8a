import type { Database } from '../lib/db';
import { proposeAllocation } from '../domain/allocation';
import { formatCaseReference } from '../domain/reference';
import type { AllocationLine } from '../workflows/messages';

/** The applications of a closed deadline round that wait for a decision, with proposed amounts. */
export function createAllocationActivities({ db }: { db: Database }) {
  return {
    async proposeRoundAllocation({ roundId, budgetOre }: { roundId: string; budgetOre: number }): Promise<AllocationLine[]> {
      const waiting = await db.application.findMany({
        where: { roundId, status: { in: ['IN_QUEUE', 'IN_REVIEW'] } },
        orderBy: { referenceNumber: 'asc' },
        select: { id: true, referenceNumber: true, submittedAt: true, createdAt: true, organizationName: true, amountRequestedOre: true },
      });
      const proposal = proposeAllocation(waiting.map((a) => ({ id: a.id, requestedOre: Number(a.amountRequestedOre) })), budgetOre);
      return waiting.map((a) => ({
        applicationId: a.id,
        reference: formatCaseReference(a.referenceNumber, a.submittedAt ?? a.createdAt),
        organizationName: a.organizationName,
        requestedOre: Number(a.amountRequestedOre),
        proposedOre: proposal.get(a.id) ?? 0,
      }));
    },
  };
}
