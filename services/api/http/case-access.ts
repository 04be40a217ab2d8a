import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Database } from '../../../lib/db';
import type { StaffIdentity } from '../../../lib/staff-auth';
import { sha256Hex } from '../../../lib/tokens';
import { ApiError } from './errors';
import { bearerToken, hasRole, staffOf } from './staff';

export type CaseAccess = { kind: 'staff'; staff: StaffIdentity } | { kind: 'applicant' };

/** The application ID from the path, or 404 (an ID that is not a UUID names no case). */
export function applicationIdOf(req: Request): string {
  const id = z.uuid().safeParse(req.params.id);
  if (!id.success) throw new ApiError(404, 'not_found', 'errors.application.notFound');
  return id.data;
}

/**
 * Who may see or act on this case: staff with a session, or the association with a private-link
 * token that belongs to this very application.
 */
export async function caseAccess(db: Database, req: Request, res: Response, applicationId: string): Promise<CaseAccess> {
  const staff = staffOf(res);
  if (staff) {
    // Politicians read aggregated statistics only, never a case's personal data.
    if (!hasRole(staff, 'caseworker', 'approver')) throw new ApiError(403, 'forbidden', 'errors.auth.roleRequired');
    return { kind: 'staff', staff };
  }
  const token = bearerToken(req) ?? (typeof req.query.adgang === 'string' ? req.query.adgang : undefined);
  if (!token) {
    res.set('WWW-Authenticate', 'Bearer realm="grantflow"');
    throw new ApiError(401, 'unauthorized', 'errors.auth.missingToken');
  }
  const grant = await db.accessToken.findUnique({ where: { tokenHash: sha256Hex(token) } });
  if (!grant || grant.revokedAt || grant.applicationId !== applicationId) {
    const exists = await db.application.count({ where: { id: applicationId } });
    if (!exists) throw new ApiError(404, 'not_found', 'errors.application.notFound');
    throw new ApiError(403, 'forbidden', 'errors.auth.wrongToken');
  }
  return { kind: 'applicant' };
}
