import { Router } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Database } from '../../../lib/db';
import { allocationConfirmationSchema, approvalSchema } from '../../../domain/case-actions';
import { oreToKroner } from '../../../domain/money';
import type { RoundState } from '../../../workflows/messages';
import { ApiError, parseInput } from '../http/errors';
import { requireStaff } from '../http/staff';
import { answerAllocation, confirmAllocation, roundAllocation } from '../casework/allocation';
import { requestLanguage } from '../http/language';
import { idempotencyKeyOf } from '../http/idempotency';
import { recordAccessMany, recordAudit } from '../audit/log';
import { recordAllocationConfirmed } from '../audit/allocation-confirmed';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { caseActionOperation, errorResponse, jsonResponse, SECURITY, uuidPath } from '../http/openapi';

function roundIdOf(raw: unknown): string {
  const id = z.uuid().safeParse(raw);
  if (!id.success) throw new ApiError(404, 'not_found', 'errors.round.notFound');
  return id.data;
}

const kroner = (ore: number) => oreToKroner(BigInt(ore));

function inKroner(state: RoundState) {
  return {
    status: state.status,
    closesAt: state.closesAt,
    budget: kroner(state.budgetOre),
    fourEyesThreshold: state.fourEyesThresholdOre == null ? null : kroner(state.fourEyesThresholdOre),
    confirmedBy: state.confirmedBy,
    approvedBy: state.approvedBy ?? null,
    returned: state.returned ?? null,
    decisions: (state.decisions ?? []).map((d) => ({ applicationId: d.applicationId, outcome: d.outcome, amountGranted: kroner(d.amountGrantedOre), reasons: d.reasons })),
    outsideAllocation: state.outsideAllocation ?? [],
    proposal: state.proposal.map((line) => ({
      applicationId: line.applicationId,
      reference: line.reference,
      organizationName: line.organizationName,
      requested: oreToKroner(BigInt(line.requestedOre)),
      proposed: oreToKroner(BigInt(line.proposedOre)),
    })),
    proposedTotal: oreToKroner(BigInt(state.proposal.reduce((sum, line) => sum + line.proposedOre, 0))),
  };
}

const allocationSchema = z
  .object({
    status: z.enum(['OPEN', 'CLOSED', 'AWAITING_APPROVAL', 'ALLOCATED']).meta({ description: 'AWAITING_APPROVAL: confirmed by one approver, a grant is above the four-eyes threshold, a second approver must approve' }),
    closesAt: z.iso.datetime(),
    budget: z.number().meta({ description: 'kroner' }),
    fourEyesThreshold: z.number().nullable().meta({ description: 'kroner: an allocation granting any one case more needs a second, different approver' }),
    confirmedBy: z.string().nullable().meta({ description: 'who confirmed the allocation (the first signature)' }),
    approvedBy: z.string().nullable().meta({ description: 'the second signature, when one was needed' }),
    returned: z.object({ by: z.string(), comment: z.string(), at: z.iso.datetime() }).nullable().meta({ description: 'the last time a second approver sent the allocation back' }),
    decisions: z
      .array(z.object({ applicationId: z.uuid(), outcome: z.enum(['approved', 'partially_approved', 'rejected']), amountGranted: z.number(), reasons: z.object({ criteria: z.array(z.string()), text: z.string() }) }))
      .meta({ description: 'the decisions as confirmed (awaiting the second signature, or allocated); amounts in kroner' }),
    outsideAllocation: z.array(z.uuid()).meta({ description: 'cases of the round the allocation left out because they were not ready; each is decided on its own' }),
    proposal: z.array(
      z.object({
        applicationId: z.uuid(),
        reference: z.string(),
        organizationName: z.string(),
        requested: z.number().meta({ description: 'kroner' }),
        proposed: z.number().meta({ description: 'kroner' }),
      }),
    ),
    proposedTotal: z.number().meta({ description: 'kroner' }),
  })
  .meta({ id: 'Allocation', description: 'A deadline round’s allocation, amounts in kroner' });

export const paths: ZodOpenApiPathsObject = {
  '/rounds/{id}/allocation': {
    get: {
      summary: 'The proposed allocation of a closed deadline round (caseworker, approver)',
      security: SECURITY.staff,
      requestParams: { path: uuidPath('id') },
      responses: {
        200: jsonResponse('The proposal and whether it is confirmed', allocationSchema),
        401: errorResponse('Not signed in'),
        403: errorResponse('Role not allowed'),
        404: errorResponse('No such round, or a round without an allocation (a continuous round)'),
      },
    },
    post: caseActionOperation({
      summary:
        'Confirm a closed deadline round’s allocation (approver). Every decision passes the rules of a single decision first (criteria of the round, amount against outcome, a begrundelse about the application): 400 names every failing case by reference and field, and nothing is confirmed. When a grant is above the round’s four-eyes threshold the round waits for a second approver (AWAITING_APPROVAL); otherwise the decisions are sent',
      body: allocationConfirmationSchema.meta({ id: 'AllocationConfirmation' }),
      answer: allocationSchema,
      security: 'staff',
    }),
  },
  '/rounds/{id}/allocation/approval': {
    post: caseActionOperation({
      summary: 'The second signature on an allocation above the four-eyes threshold (an approver other than the one who confirmed it, else 409): approve sends the decisions; approve false with a comment sends it back to be confirmed again',
      body: approvalSchema,
      answer: allocationSchema,
      security: 'staff',
    }),
  },
};

/** A deadline round's allocation: proposed when the round closes, confirmed by an approver. */
export function allocationRouter({ db, temporal }: { db: Database; temporal: Client }): Router {
  const router = Router();
  router.get('/rounds/:id/allocation', async (req, res) => {
    const staff = requireStaff(res, 'allocation.read');
    const roundId = roundIdOf(req.params.id);
    const state = await roundAllocation(temporal, roundId);
    await recordAccessMany(db, staff, state.proposal.map((line) => line.applicationId), 'allocation_view');
    res.json(inKroner(state));
  });

  router.post('/rounds/:id/allocation', async (req, res) => {
    const staff = requireStaff(res, 'allocation.confirm');
    const roundId = roundIdOf(req.params.id);
    const { decisions } = parseInput(allocationConfirmationSchema, req.body, req);
    const round = await db.fundingRound.findUnique({ where: { id: roundId }, select: { id: true } });
    if (!round) throw new ApiError(404, 'not_found', 'errors.round.notFound');
    const state = await confirmAllocation({ db, temporal }, roundId, staff, decisions, requestLanguage(req), idempotencyKeyOf(req));
    await recordAllocationConfirmed(db, staff, roundId, decisions, state.status);
    res.json(inKroner(state));
  });

  router.post('/rounds/:id/allocation/approval', async (req, res) => {
    const staff = requireStaff(res, 'allocation.approve');
    const roundId = roundIdOf(req.params.id);
    const { approve, comment } = parseInput(approvalSchema, req.body, req);
    const state = await answerAllocation({ db, temporal }, roundId, staff, approve, comment, idempotencyKeyOf(req));
    await recordAudit(db, staff, approve ? 'allocation.approve' : 'allocation.return', { details: { roundId, conflictOfInterestChecked: true, ...(comment ? { comment } : {}) } });
    res.json(inKroner(state));
  });

  return router;
}
