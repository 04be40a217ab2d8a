import crypto from 'node:crypto';
import type { Database } from '../../../lib/db';
import { isLanguage } from '../../../lib/languages';
import { enqueueOnce, replyToContact } from '../../../lib/outbox';
import { generateAccessToken, sha256Hex } from '../../../lib/tokens';
import { renderNewCaseLinkEmail } from '../../../documents/email';
import { formatCaseReference } from '../../../domain/reference';
import { resolvedLegalFrame, shippedLegalFrame, type CompleteLegalFrame } from '../../../domain/legal-frame';
import { ApiError } from '../http/errors';
import type { RateLimits } from '../http/rate-limits';

/** The new-link form has no case cookie to bind its CSRF token to (the link did not open): the case is the binding. */
export function newLinkCsrfBinding(applicationId: string): string {
  return `new-link:${applicationId}`;
}

export function casePrivateUrl(publicBaseUrl: string, applicationId: string, token: string): string {
  const url = new URL(`/sag/${applicationId}`, publicBaseUrl);
  url.searchParams.set('adgang', token);
  return url.toString();
}

/**
 * Mails a fresh private link to the contact address the application registered — never to an
 * address the asker gives, so a stranger who knows a case's ID only makes its contact get a link.
 * Counted against the recipient's email limit (429 past it).
 */
export async function sendNewCaseLink(
  deps: { db: Database; rateLimits: Pick<RateLimits, 'countEmailTo'>; publicBaseUrl: string; municipalityName: string; municipalityContact: CompleteLegalFrame['contact'] },
  applicationId: string,
): Promise<void> {
  const application = await deps.db.application.findUnique({ where: { id: applicationId }, include: { round: true } });
  if (!application) throw new ApiError(404, 'not_found', 'errors.application.notFound');
  await deps.rateLimits.countEmailTo(application.contactEmail);
  const token = generateAccessToken();
  const contact = resolvedLegalFrame(application.round.legalFrame, shippedLegalFrame(deps.municipalityContact)).contact;
  const language = isLanguage(application.language) ? application.language : 'da';
  await deps.db.accessToken.create({ data: { tokenHash: sha256Hex(token), applicationId, purpose: 'new_link' } });
  await enqueueOnce(deps.db, { messageKey: `${applicationId}:new_link:${crypto.randomUUID()}`, applicationId, kind: 'new_link', attachmentIds: [] }, async () => ({
    recipient: application.contactEmail,
    ...renderNewCaseLinkEmail(
      {
        municipalityName: deps.municipalityName,
        organizationName: application.organizationName,
        contactName: application.contactName,
        reference: formatCaseReference(application.referenceNumber, application.submittedAt ?? application.createdAt),
        caseUrl: casePrivateUrl(deps.publicBaseUrl, applicationId, token),
        contact,
      },
      language,
    ),
    ...replyToContact(contact.email),
  }));
}

/** Staff revoke every private link of a case at once; returns how many were still working. */
export async function revokeCaseLinks(db: Database, applicationId: string, now = new Date()): Promise<number> {
  const { count } = await db.accessToken.updateMany({ where: { applicationId, revokedAt: null }, data: { revokedAt: now } });
  return count;
}
