import { Router } from 'express';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import type { Database } from '../../../lib/db';
import { outboxResolutionSchema, resolveSetAside, setAsideMessages } from '../admin/outbox';
import { requestLanguage } from '../http/language';
import { requireStaff } from '../http/staff';
import { errorResponse, jsonBody, SECURITY, uuidPath } from '../http/openapi';

const listed = '{ messages: [{ id, messageId, status, kind, applicationId, recipient, subject, attempts, lastError, createdAt, claimedBy, claimedAt }] }, oldest first';

export const paths: ZodOpenApiPathsObject = {
  '/admin/outbox/uncertain': {
    get: {
      summary:
        'Emails that may or may not have reached the SMTP server (their mailer stopped, or lost the connection, after handing them over): never sent again by themselves. Search the relay’s log for each messageId, then resolve it (admin)',
      security: SECURITY.staff,
      responses: { 200: { description: listed }, 403: errorResponse('Not an admin') },
    },
  },
  '/admin/outbox/dead': {
    get: {
      summary: 'Emails the outbox gave up on (dead letters: refused every time, or for good), with the last error (admin)',
      security: SECURITY.staff,
      responses: { 200: { description: listed }, 403: errorResponse('Not an admin') },
    },
  },
  '/admin/outbox/{id}/resolution': {
    post: {
      summary:
        'Resolve an uncertain email: "sent" (the relay has it; marked sent) or "resend" (sent again with the same Message-ID); a dead letter may be resent. Audited (admin)',
      security: SECURITY.staff,
      requestParams: { path: uuidPath('id') },
      requestBody: jsonBody(outboxResolutionSchema.meta({ id: 'OutboxResolution' })),
      responses: {
        200: { description: 'The email as it is now (status sent, or pending to be sent again)' },
        400: errorResponse('Invalid input'),
        404: errorResponse('No such email'),
        409: errorResponse('Not waiting for a resolution (perhaps resolved just now), or a dead letter marked "sent"'),
      },
    },
  },
};

/** The emails the outbox set aside for a person, and their resolution (admin only). */
export function adminOutboxRouter({ db }: { db: Database }): Router {
  const router = Router();

  router.get('/admin/outbox/uncertain', async (_req, res) => {
    requireStaff(res, 'outbox.resolve');
    res.set('Cache-Control', 'no-store').json({ messages: await setAsideMessages(db, 'uncertain') });
  });

  router.get('/admin/outbox/dead', async (_req, res) => {
    requireStaff(res, 'outbox.resolve');
    res.set('Cache-Control', 'no-store').json({ messages: await setAsideMessages(db, 'dead') });
  });

  router.post('/admin/outbox/:id/resolution', async (req, res) => {
    const admin = requireStaff(res, 'outbox.resolve');
    res.json(await resolveSetAside(db, admin, req.params.id, req.body, requestLanguage(req)));
  });

  return router;
}
