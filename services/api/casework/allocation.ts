import type { Client } from '@temporalio/client';
import type { z } from 'zod';
import type { allocationConfirmationSchema } from '../../../domain/case-actions';
import { kronerToOre } from '../../../domain/money';
import { fundingRoundWorkflowId } from '../../../domain/workflow-ids';
import { confirmAllocationUpdate, roundStateQuery, type RoundState } from '../../../workflows/messages';
import { workflowCall } from '../http/workflow-errors';

export type AllocationDecisions = z.infer<typeof allocationConfirmationSchema>['decisions'];

/** A deadline round's state: open, closed with a proposed allocation, or allocated. */
export function roundAllocation(temporal: Client, roundId: string): Promise<RoundState> {
  return workflowCall(() => temporal.workflow.getHandle(fundingRoundWorkflowId(roundId)).query(roundStateQuery));
}

/** The approver confirms the allocation; the round then sends every application its decision. */
export function confirmAllocation(temporal: Client, roundId: string, approver: string, decisions: AllocationDecisions, updateId?: string): Promise<RoundState> {
  return workflowCall(() =>
    temporal.workflow.getHandle(fundingRoundWorkflowId(roundId)).executeUpdate(confirmAllocationUpdate, {
      args: [
        {
          approver,
          decisions: decisions.map((d) => ({ applicationId: d.applicationId, outcome: d.outcome, amountGrantedOre: Number(kronerToOre(d.amountGranted)), reasons: d.reasons })),
        },
      ],
      updateId,
    }),
  );
}
