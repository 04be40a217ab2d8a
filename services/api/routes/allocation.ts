import { Router } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Database } from '../../../lib/db';
import { allocationConfirmationSchema } from '../../../domain/case-actions';
import { oreToKroner } from '../../../domain/money';
import type { RoundState } from '../../../workflows/messages';
import { ApiError, parseInput } from '../http/errors';
import { requireStaff } from '../http/staff';
import { confirmAllocation, roundAllocation } from '../casework/allocation';
import { idempotencyKeyOf } from '../http/idempotency';
import { recordAccessMany, recordAudit } from '../audit/log';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { caseActionOperation, errorResponse, jsonResponse, SECURITY, uuidPath } from '../http/openapi';

function roundIdOf(raw: unknown): string {
  const id = z.uuid().safeParse(raw);
  if (!id.success) throw new ApiError(404, 'not_found', 'errors.round.notFound');
  return id.data;
}

function inKroner(state: RoundState) {
  return {
    status: state.status,
    closesAt: state.closesAt,
    budget: oreToKroner(BigInt(state.budgetOre)),
    confirmedBy: state.confirmedBy,
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
    status: z.enum(['OPEN', 'CLOSED', 'ALLOCATED']),
    closesAt: z.iso.datetime(),
    budget: z.number().meta({ description: 'kroner' }),
    confirmedBy: z.string().nullable(),
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
      summary: 'Confirm a closed deadline round’s allocation (approver); GET shows the proposal',
      body: allocationConfirmationSchema.meta({ id: 'AllocationConfirmation' }),
      answer: allocationSchema,
      security: 'staff',
    }),
  },
};

/** A deadline round's allocation: proposed when the round closes, confirmed by an approver. */
export function allocationRouter({ db, temporal }: { db: Database; temporal: Client }): Router {
  const router = Router();
  router.get('/rounds/:id/allocation', async (req, res) => {
    const staff = requireStaff(res, 'caseworker', 'approver');
    const roundId = roundIdOf(req.params.id);
    const state = await roundAllocation(temporal, roundId);
    await recordAccessMany(db, staff, state.proposal.map((line) => line.applicationId), 'allocation_view');
    res.json(inKroner(state));
  });

  router.post('/rounds/:id/allocation', async (req, res) => {
    const staff = requireStaff(res, 'approver');
    const roundId = roundIdOf(req.params.id);
    const { decisions } = parseInput(allocationConfirmationSchema, req.body, req);
    const round = await db.fundingRound.findUnique({ where: { id: roundId }, select: { id: true } });
    if (!round) throw new ApiError(404, 'not_found', 'errors.round.notFound');
    const state = await confirmAllocation(temporal, roundId, staff.email, decisions, idempotencyKeyOf(req));
    res.json(inKroner(state));
  });

  return router;
}
