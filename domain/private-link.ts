import type { CaseStatus } from './status';

/** A case in one of these has ended; its private links expire a while after. */
export const CLOSED_CASE_STATUSES: readonly CaseStatus[] = ['CLOSED', 'WITHDRAWN', 'LAPSED'];

export type PrivateLinkState = 'valid' | 'expired' | 'revoked';

/**
 * Whether a private link still opens its case: revoked by staff, or expired `ttlMs` after the
 * case closed — or after the link was issued, for a new link asked for later; a case still open
 * keeps its links working (the association needs them to answer).
 */
export function privateLinkState(link: { revokedAt: Date | null; createdAt: Date }, caseClosedAt: Date | null, ttlMs: number, now: Date): PrivateLinkState {
  if (link.revokedAt && link.revokedAt <= now) return 'revoked';
  if (!caseClosedAt) return 'valid';
  const from = Math.max(caseClosedAt.getTime(), link.createdAt.getTime());
  return from + ttlMs <= now.getTime() ? 'expired' : 'valid';
}
