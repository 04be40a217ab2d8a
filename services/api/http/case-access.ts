import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Database } from '../../../lib/db';
import type { StaffIdentity } from '../../../lib/staff-auth';
import { PRIVATE_LINK_TTL_SETTING, privateLinkVerdict } from '../private-links/verdict';
import { ApiError } from './errors';
import type { StaffAction } from '../../../domain/staff-policy';
import { bearerToken, may, staffOf } from './staff';

export type CaseAccess = { kind: 'staff'; staff: StaffIdentity } | { kind: 'applicant' };

/** The application ID from the path, or 404 (an ID that is not a UUID names no case). */
export function applicationIdOf(req: Request): string {
  const id = z.uuid().safeParse(req.params.id);
  if (!id.success) throw new ApiError(404, 'not_found', 'errors.application.notFound');
  return id.data;
}

/**
 * Who may see or act on this case: staff with a session, or the association with a private-link
 * token that belongs to this very application. Staff need the action: reading the case, or
 * entering in the association's name what it sent on paper or by phone.
 */
export async function caseAccess(db: Database, req: Request, res: Response, applicationId: string, action: StaffAction = 'case.read'): Promise<CaseAccess> {
  const staff = staffOf(res);
  if (staff) {
    // Politicians read aggregated statistics only, never a case's personal data.
    if (!may(staff, action)) throw new ApiError(403, 'forbidden', 'errors.auth.roleRequired');
    // A case that does not exist is 404 for staff too (and leaves no access-log row to point at nothing).
    if (!(await db.application.findUnique({ where: { id: applicationId }, select: { id: true } }))) throw new ApiError(404, 'not_found', 'errors.application.notFound');
    return { kind: 'staff', staff };
  }
  const token = bearerToken(req) ?? (typeof req.query.adgang === 'string' ? req.query.adgang : undefined);
  if (!token) {
    res.set('WWW-Authenticate', 'Bearer realm="grantflow"');
    throw new ApiError(401, 'unauthorized', 'errors.auth.missingToken');
  }
  const verdict = await privateLinkVerdict(db, applicationId, token, Number(req.app.get(PRIVATE_LINK_TTL_SETTING)));
  if (verdict === 'not_found') throw new ApiError(404, 'not_found', 'errors.application.notFound');
  if (verdict === 'forbidden') throw new ApiError(403, 'forbidden', 'errors.auth.wrongToken');
  // Gone for good: the association asks for a new link (POST /applications/{id}/new-link).
  if (verdict === 'expired') throw new ApiError(410, 'link_expired', 'errors.privateLink.expired');
  if (verdict === 'revoked') throw new ApiError(410, 'link_revoked', 'errors.privateLink.revoked');
  return { kind: 'applicant' };
}
