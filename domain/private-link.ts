import type { CaseStatus } from './status';

/** A case in one of these has ended; its private links expire a while after. */
export const CLOSED_CASE_STATUSES: readonly CaseStatus[] = ['CLOSED', 'WITHDRAWN', 'LAPSED'];

export type PrivateLinkState = 'valid' | 'expired' | 'revoked';

/**
 * Whether a private link still opens its case: revoked by staff, or expired `ttlMs` after the
 * case closed; a case still open keeps its links working (the association needs them to answer).
 */
export function privateLinkState(link: { revokedAt: Date | null }, caseClosedAt: Date | null, ttlMs: number, now: Date): PrivateLinkState {
  if (link.revokedAt && link.revokedAt <= now) return 'revoked';
  if (caseClosedAt && caseClosedAt.getTime() + ttlMs <= now.getTime()) return 'expired';
  return 'valid';
}
