import type { z } from 'zod';
import type { Client } from '@temporalio/client';
import { kronerToOre } from '../../../domain/money';
import type { repaymentDecisionSchema, repaymentPaymentSchema } from '../../../domain/repayment-schema';
import { reportWorkflowId } from '../../../domain/workflow-ids';
import { decideRepaymentUpdate, registerRepaymentUpdate, type ReportState } from '../../../workflows/messages';
import { ApiError } from '../http/errors';
import { workflowCall } from '../http/workflow-errors';

// A repayment claim, for the pages and the JSON API alike: the caseworker's decision on the claim
// the accepted report proposed, and the payment registered by staff. The reporting workflow's
// validators check the decision against the proposal and the grant (400 naming the field) and
// refuse what its state does not allow (409); a refused Update changes nothing.

const reportHandle = (temporal: Client, applicationId: string) => temporal.workflow.getHandle(reportWorkflowId(applicationId));

/** A case with no reporting workflow has no repayment to act on: 409, as for any other state. */
async function onReport<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await workflowCall(call);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) throw new ApiError(409, 'action_not_allowed', 'errors.action.notAllowed', [], { status: 'DECIDED' });
    throw error;
  }
}

export function decideRepayment(temporal: Client, applicationId: string, caseworker: string, input: z.infer<typeof repaymentDecisionSchema>, updateId?: string): Promise<ReportState> {
  const decision = {
    caseworker,
    outcome: input.outcome,
    reasons: input.reasons,
    ...(input.amount !== undefined ? { amountOre: Number(kronerToOre(input.amount)) } : {}),
    ...(input.newPeriodEnd ? { newPeriodEnd: input.newPeriodEnd } : {}),
  };
  return onReport(() => reportHandle(temporal, applicationId).executeUpdate(decideRepaymentUpdate, { args: [decision], updateId }));
}

export function registerRepaymentPaid(temporal: Client, applicationId: string, registeredBy: string, input: z.infer<typeof repaymentPaymentSchema>, updateId?: string): Promise<ReportState> {
  return onReport(() => reportHandle(temporal, applicationId).executeUpdate(registerRepaymentUpdate, { args: [{ registeredBy, paidOn: input.paidOn }], updateId }));
}
