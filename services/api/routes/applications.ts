import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Database } from '../../../lib/db';
import { sha256Hex } from '../../../lib/tokens';
import { applicationInputSchema } from '../../../domain/application-input';
import { oreToKroner } from '../../../domain/money';
import { formatCaseReference } from '../../../domain/reference';
import { ApiError, parseInput } from '../http/errors';
import { requestLanguage } from '../http/language';
import { submitApplication, type IntakeDependencies } from '../applications/intake';

const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,200}$/);

function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined) return undefined;
  if (!idempotencyKeySchema.safeParse(key).success) throw new ApiError(400, 'invalid_idempotency_key', 'idempotency.keyInvalid');
  return key;
}

function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  return match?.[1];
}

export function applicationsRouter(deps: IntakeDependencies & { db: Database }): Router {
  const router = Router();

  router.post('/applications', async (req, res) => {
    const idempotencyKey = idempotencyKeyOf(req);
    const input = parseInput(applicationInputSchema, req.body, req);
    const { receipt, replayed } = await submitApplication(deps, input, idempotencyKey, requestLanguage(req));
    if (replayed) res.set('Idempotent-Replayed', 'true');
    res.status(201).location(receipt.statusUrl).json(receipt);
  });

  router.get('/applications/:id', async (req, res) => {
    const token = bearerToken(req);
    if (!token) {
      res.set('WWW-Authenticate', 'Bearer realm="grantflow"');
      throw new ApiError(401, 'unauthorized', 'auth.missingToken');
    }
    const id = z.uuid().safeParse(req.params.id);
    const application = id.success
      ? await deps.db.application.findUnique({
          where: { id: id.data },
          include: { events: { orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] }, round: true },
        })
      : null;
    if (!application) throw new ApiError(404, 'not_found', 'application.notFound');
    const grant = await deps.db.accessToken.findUnique({ where: { tokenHash: sha256Hex(token) } });
    if (!grant || grant.applicationId !== application.id || grant.revokedAt) throw new ApiError(403, 'forbidden', 'auth.wrongToken');

    res.set('Cache-Control', 'no-store').json({
      id: application.id,
      reference: formatCaseReference(application.referenceNumber, application.submittedAt ?? application.createdAt),
      status: application.status,
      round: { id: application.round.id, name: application.round.name },
      organization: { cvr: application.organizationCvr, name: application.organizationName },
      project: { title: application.projectTitle },
      amountRequested: oreToKroner(application.amountRequestedOre),
      submittedAt: application.submittedAt?.toISOString() ?? null,
      timeline: application.events.map((event) => ({
        type: event.type,
        from: event.fromStatus,
        to: event.toStatus,
        at: event.occurredAt.toISOString(),
      })),
    });
  });

  return router;
}
