import { Router } from 'express';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import type { Config } from '../../../lib/config';
import type { Database } from '../../../lib/db';
import { municipalityContact } from '../admin/round-frame';
import { recordAudit } from '../audit/log';
import { applicationIdOf } from '../http/case-access';
import { ApiError } from '../http/errors';
import { errorResponse, langQuery, SECURITY, uuidPath } from '../http/openapi';
import type { RateLimits } from '../http/rate-limits';
import { requireStaff } from '../http/staff';
import { revokeCaseLinks, sendNewCaseLink } from '../private-links/new-link';

export const paths: ZodOpenApiPathsObject = {
  '/applications/{id}/new-link': {
    post: {
      summary: 'Email a fresh private link to the contact address the application registered (never to an address given here)',
      requestParams: { path: uuidPath('id'), query: langQuery },
      responses: {
        202: { description: 'Queued for sending to the registered contact: { sentTo: "registered_contact" }' },
        404: errorResponse('No such application'),
        429: errorResponse('The registered address has had as many emails as it may this hour (too_many_emails), or too many requests from this address; Retry-After'),
      },
    },
  },
  '/applications/{id}/private-links/revocation': {
    post: {
      summary: 'Revoke every private link of the case (caseworker or approver; audited); the association can ask for a new one',
      security: SECURITY.staff,
      requestParams: { path: uuidPath('id') },
      responses: {
        200: { description: '{ revoked }: how many links were still working' },
        401: errorResponse('Not signed in'),
        403: errorResponse('Not a caseworker or approver'),
        404: errorResponse('No such application'),
      },
    },
  },
};

export function privateLinksRouter(deps: { db: Database; config: Config; publicBaseUrl: string; rateLimits: RateLimits }): Router {
  const router = Router();

  router.post('/applications/:id/new-link', async (req, res) => {
    const id = applicationIdOf(req);
    await sendNewCaseLink({ db: deps.db, rateLimits: deps.rateLimits, publicBaseUrl: deps.publicBaseUrl, municipalityName: deps.config.MUNICIPALITY_NAME, municipalityContact: municipalityContact(deps.config) }, id);
    res.status(202).json({ sentTo: 'registered_contact' });
  });

  router.post('/applications/:id/private-links/revocation', async (req, res) => {
    const staff = requireStaff(res, 'case.revokeLinks');
    const id = applicationIdOf(req);
    const revoked = await revokePrivateLinks(deps.db, staff, id);
    res.json({ revoked });
  });

  return router;
}

/** Revokes a case's links as this staff member, with an audit row; 404 for no such case. */
export async function revokePrivateLinks(db: Database, staff: Parameters<typeof recordAudit>[1], applicationId: string): Promise<number> {
  const exists = await db.application.count({ where: { id: applicationId } });
  if (!exists) throw new ApiError(404, 'not_found', 'errors.application.notFound');
  const revoked = await revokeCaseLinks(db, applicationId);
  await recordAudit(db, staff, 'private_links_revoked', { applicationId, details: { revoked } });
  return revoked;
}
