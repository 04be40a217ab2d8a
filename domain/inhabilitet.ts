// Inhabilitet (forvaltningsloven § 3; Norway: forvaltningsloven § 6): a staff member with a tie to
// an association — on its board, related to someone who runs it, employed by it — may not take
// part in deciding its cases. Staff declare their ties; while a declaration stands, the actions
// below are refused on the association's cases, by the API, the pages and the workflows alike.

export const TIE_KINDS = ['board_member', 'relative', 'employee', 'other'] as const;
export type TieKind = (typeof TIE_KINDS)[number];

/** The actions a standing declaration bars on the association's cases. */
export const BARRED_BY_TIES = ['case.claim', 'case.decide', 'case.approve', 'allocation.confirm', 'allocation.approve'] as const;
export type BarredAction = (typeof BARRED_BY_TIES)[number];

/**
 * What a workflow Update carries about the acting staff member: the CVRs of the associations they
 * have declared a standing tie to (absent in Updates sent before declarations existed).
 */
export interface DeclaredTies {
  declaredCvrs?: string[];
}

/** The associations (by CVR) among the case's or round's that the declared ties bar the staff member from. */
export function conflictingCvrs(declaredCvrs: readonly string[] | undefined, associationCvrs: readonly (string | undefined)[]): string[] {
  const declared = new Set(declaredCvrs ?? []);
  return [...new Set(associationCvrs.filter((cvr): cvr is string => !!cvr && declared.has(cvr)))];
}

/** True when a declared tie bars the staff member from a case of the association. */
export function isConflicted(declaredCvrs: readonly string[] | undefined, associationCvr: string | undefined): boolean {
  return conflictingCvrs(declaredCvrs, [associationCvr]).length > 0;
}
