/**
 * An afvisning: an application refused without being assessed, because it arrived after the
 * round's deadline. It is stored as the case's decision (outcome rejected, so the statistics count
 * it with the refusals, under the reason `late_submission`), decided by the process itself.
 */
export const LATE_SUBMISSION = 'late_submission';

export function isAfvisning(decision: { decidedBy: string; reasons: unknown }): boolean {
  const criteria = (decision.reasons as { criteria?: unknown } | null)?.criteria;
  return decision.decidedBy === 'system' && Array.isArray(criteria) && criteria.includes(LATE_SUBMISSION);
}
