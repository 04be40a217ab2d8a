import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { StaffAuthenticator, StaffIdentity, StaffRole } from '../../../lib/staff-auth';
import { ApiError } from './errors';

export function bearerToken(req: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
}

/** Resolves a staff session from the bearer token, if there is one; applicants pass through. */
export function identifyStaff(authenticator: StaffAuthenticator): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = bearerToken(req);
    if (token) {
      const staff = await authenticator.authenticate(token);
      if (staff) res.locals.staff = staff;
    }
    next();
  };
}

export function staffOf(res: Response): StaffIdentity | undefined {
  return res.locals.staff as StaffIdentity | undefined;
}

/** The signed-in staff member, who must hold one of the roles (admin holds them all). */
export function requireStaff(res: Response, ...roles: StaffRole[]): StaffIdentity {
  const staff = staffOf(res);
  if (!staff) {
    res.set('WWW-Authenticate', 'Bearer realm="grantflow-staff"');
    throw new ApiError(401, 'unauthorized', 'auth.staffRequired');
  }
  if (roles.length && !staff.roles.includes('admin') && !roles.some((role) => staff.roles.includes(role))) {
    throw new ApiError(403, 'forbidden', 'auth.roleRequired');
  }
  return staff;
}
