import { Router } from 'express';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import type { Client } from '@temporalio/client';
import type { Database } from '../../../lib/db';
import type { SigningProvider } from '../../../lib/signing/signing-provider';
import { acceptanceInputSchema } from '../../../domain/acceptance-schema';
import { acceptGrant, acceptanceLinkVerdict, latestAcceptance, type AcceptanceRecord } from '../acceptance/accept';
import { applicationIdOf, caseAccess } from '../http/case-access';
import { ApiError, parseInput } from '../http/errors';
import { idempotencyKeyOf } from '../http/idempotency';
import { bearerToken } from '../http/staff';
import { errorResponse, idempotencyHeader, jsonBody, jsonResponse, langQuery, SECURITY, uuidPath } from '../http/openapi';
import { PRIVATE_LINK_TTL_SETTING } from '../private-links/verdict';
import { recordAccess } from '../audit/log';

const acceptanceSchema = z
  .object({
    decisionSequence: z.number().int(),
    acceptBy: z.string().meta({ description: 'The deadline (ISO time); past it the grant lapses' }),
    signatories: z.object({
      source: z.enum(['register', 'application']).meta({ description: 'register: the business register’s signing rule; application: the contact person the association named' }),
      rule: z.string().nullable(),
      names: z.array(z.string()),
    }),
    conditions: z.object({ text: z.string(), version: z.string(), sha256: z.string() }),
    status: z.enum(['awaiting', 'accepted', 'lapsed']),
    accepted: z
      .object({ by: z.string(), at: z.string(), signingProvider: z.string(), signatureReference: z.string() })
      .nullable()
      .meta({ description: 'Who accepted, when, and the signing provider’s reference for the signature' }),
  })
  .meta({ id: 'GrantAcceptance' });

function acceptanceBody(record: AcceptanceRecord): z.infer<typeof acceptanceSchema> {
  return {
    decisionSequence: record.decisionSequence,
    acceptBy: record.acceptBy.toISOString(),
    signatories: { source: record.signatorySource as 'register' | 'application', rule: record.signingRule, names: record.signatories as string[] },
    conditions: { text: record.conditionsText, version: record.conditionsVersion, sha256: record.conditionsHash },
    status: record.acceptedAt ? 'accepted' : record.lapsedAt ? 'lapsed' : 'awaiting',
    accepted: record.acceptedAt
      ? { by: record.acceptedByName ?? '', at: record.acceptedAt.toISOString(), signingProvider: record.signingProvider ?? '', signatureReference: record.signatureReference ?? '' }
      : null,
  };
}

const PATH = '/applications/:id/acceptance';

export const paths: ZodOpenApiPathsObject = {
  '/applications/{id}/acceptance': {
    get: {
      summary: 'The acceptance of the grant’s conditions the payout waits for: who may sign, the conditions (text, version, SHA-256), the deadline, and once accepted who accepted, when and the signature’s reference',
      security: SECURITY.caseParty,
      requestParams: { path: uuidPath('id') },
      responses: {
        200: jsonResponse('The acceptance', acceptanceSchema),
        404: errorResponse('No such application, or its grant needs no acceptance'),
      },
    },
    post: {
      summary:
        'The signatory accepts the grant’s conditions, with the token of the acceptance link emailed to them as Bearer token: the signing provider signs the statement, the payout is registered (PAYOUT_SCHEDULED). 403 not_signatory (field signerName) when the name is not among those who may sign, 409 when the case does not wait for an acceptance; nothing is stored either way',
      security: SECURITY.applicant,
      requestParams: { path: uuidPath('id'), query: langQuery, header: idempotencyHeader('The same key accepts once') },
      requestBody: jsonBody(acceptanceInputSchema.meta({ id: 'AcceptanceInput' })),
      responses: {
        200: jsonResponse('The acceptance as recorded', acceptanceSchema),
        400: errorResponse('Invalid input, one issue per field'),
        401: errorResponse('No acceptance link token'),
        403: errorResponse('The token is not this case’s acceptance link, or the name may not sign for the association (not_signatory)'),
        409: errorResponse('The case does not wait for an acceptance (accepted, lapsed, not granted)'),
      },
    },
  },
};

/** The JSON API of a grant's acceptance. */
export function acceptanceRouter(deps: { db: Database; temporal: Client; signing: SigningProvider }): Router {
  const router = Router();
  const { db } = deps;

  router.get(PATH, async (req, res) => {
    const id = applicationIdOf(req);
    const access = await caseAccess(db, req, res, id);
    const record = await latestAcceptance(db, id);
    if (!record) throw new ApiError(404, 'not_found', 'errors.acceptance.noLink');
    if (access.kind === 'staff') await recordAccess(db, access.staff, id, 'case_api');
    res.json(acceptanceBody(record));
  });

  router.post(PATH, async (req, res) => {
    const id = applicationIdOf(req);
    const token = bearerToken(req);
    if (!token) {
      res.set('WWW-Authenticate', 'Bearer realm="grantflow"');
      throw new ApiError(401, 'unauthorized', 'errors.acceptance.noLink');
    }
    const verdict = await acceptanceLinkVerdict(db, id, token, Number(req.app.get(PRIVATE_LINK_TTL_SETTING)));
    if (verdict === 'not_found') throw new ApiError(404, 'not_found', 'errors.application.notFound');
    if (verdict !== 'granted') throw new ApiError(403, 'forbidden', 'errors.acceptance.noLink');
    const input = parseInput(acceptanceInputSchema, req.body, req);
    await acceptGrant(deps, id, input, idempotencyKeyOf(req));
    res.json(acceptanceBody((await latestAcceptance(db, id))!));
  });

  return router;
}
