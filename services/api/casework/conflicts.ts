import type { Database } from '../../../lib/db';
import type { StaffIdentity } from '../../../lib/staff-auth';
import { conflictingCvrs, isConflicted } from '../../../domain/inhabilitet';
import { ApiError } from '../http/errors';

// The one place the API and the pages ask whether a declared tie (domain/inhabilitet.ts) bars a
// staff member from a case or a round. The CVRs found are also handed to the workflow's Update,
// whose validator refuses the same.

/** The CVRs of the associations the staff members (by ID or email) have a standing declared tie to. */
export async function declaredCvrsOf(db: Database, who: { ids?: string[]; emails?: string[] }): Promise<string[]> {
  const ties = await db.staffTie.findMany({
    where: { withdrawnAt: null, staffUser: { OR: [{ id: { in: who.ids ?? [] } }, { email: { in: who.emails ?? [] } }] } },
    select: { cvr: true },
  });
  return [...new Set(ties.map((tie) => tie.cvr))];
}

/** The case's association's CVR (404 for an unknown case). */
async function caseCvr(db: Database, applicationId: string): Promise<string> {
  const application = await db.application.findUnique({ where: { id: applicationId }, select: { organizationCvr: true } });
  if (!application) throw new ApiError(404, 'not_found', 'errors.application.notFound');
  return application.organizationCvr;
}

/**
 * Refuses (409 conflict_of_interest) when the staff member — or the colleague a case is assigned
 * to — has declared a tie to the case's association; otherwise returns the declared CVRs for the
 * workflow's own check.
 */
export async function refuseConflictedOnCase(db: Database, applicationId: string, staff: StaffIdentity, assigneeEmail?: string): Promise<string[]> {
  const declaredCvrs = await declaredCvrsOf(db, { ids: [staff.id], emails: assigneeEmail ? [assigneeEmail] : [] });
  if (declaredCvrs.length && isConflicted(declaredCvrs, await caseCvr(db, applicationId))) {
    throw new ApiError(409, 'conflict_of_interest', 'errors.tie.conflicted');
  }
  return declaredCvrs;
}

/** The same for an allocation: refused when the approver has a tie to any association in the round. */
export async function refuseConflictedOnRound(db: Database, roundId: string, staff: StaffIdentity): Promise<string[]> {
  const declaredCvrs = await declaredCvrsOf(db, { ids: [staff.id] });
  if (!declaredCvrs.length) return declaredCvrs;
  const inRound = await db.application.findMany({ where: { roundId, organizationCvr: { in: declaredCvrs } }, select: { organizationCvr: true } });
  if (conflictingCvrs(declaredCvrs, inRound.map((a) => a.organizationCvr)).length) {
    throw new ApiError(409, 'conflict_of_interest', 'errors.tie.conflictedAllocation');
  }
  return declaredCvrs;
}

/** The case IDs among these whose association the staff member has declared a tie to (for the queue and case page). */
export async function conflictedCaseIds(db: Database, staff: StaffIdentity, applicationIds: readonly string[]): Promise<Set<string>> {
  const declaredCvrs = await declaredCvrsOf(db, { ids: [staff.id] });
  if (!declaredCvrs.length || !applicationIds.length) return new Set();
  const cases = await db.application.findMany({ where: { id: { in: [...applicationIds] }, organizationCvr: { in: declaredCvrs } }, select: { id: true } });
  return new Set(cases.map((c) => c.id));
}
