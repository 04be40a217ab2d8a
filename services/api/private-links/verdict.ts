import type { Database } from '../../../lib/db';
import { sha256Hex } from '../../../lib/tokens';
import { CLOSED_CASE_STATUSES, privateLinkState } from '../../../domain/private-link';
import type { CaseStatus } from '../../../domain/status';

export type LinkVerdict = 'granted' | 'expired' | 'revoked' | 'forbidden' | 'not_found';

/** When the case ended (its last move into a closed status), or null while it is open. */
export async function caseClosedAt(db: Database, applicationId: string): Promise<Date | null> {
  const application = await db.application.findUnique({ where: { id: applicationId }, select: { status: true, updatedAt: true } });
  if (!application || !CLOSED_CASE_STATUSES.includes(application.status as CaseStatus)) return null;
  const closing = await db.caseEvent.findFirst({
    where: { applicationId, toStatus: { in: [...CLOSED_CASE_STATUSES] as never } },
    orderBy: { occurredAt: 'desc' },
    select: { occurredAt: true },
  });
  return closing?.occurredAt ?? application.updatedAt;
}

/**
 * What a private-link token does for this application: opens it, has expired or been revoked
 * (the association can ask for a new one), belongs to another case, or the case does not exist.
 */
export async function privateLinkVerdict(db: Database, applicationId: string, token: string | undefined, ttlMs: number, now = new Date()): Promise<LinkVerdict> {
  const grant = token ? await db.accessToken.findUnique({ where: { tokenHash: sha256Hex(token) } }) : null;
  if (!grant || grant.applicationId !== applicationId) {
    const exists = await db.application.count({ where: { id: applicationId } });
    return exists ? 'forbidden' : 'not_found';
  }
  const state = privateLinkState(grant, await caseClosedAt(db, applicationId), ttlMs, now);
  return state === 'valid' ? 'granted' : state;
}

/** The app setting that carries PRIVATE_LINK_TTL in milliseconds to every check of a link. */
export const PRIVATE_LINK_TTL_SETTING = 'grantflowPrivateLinkTtlMs';
