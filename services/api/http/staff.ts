import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { StaffAuthenticator, StaffIdentity } from '../../../lib/staff-auth';
import { can, type StaffAction } from '../../../domain/staff-policy';
import { readCookie } from '../pages/page-language';
import { cookieName } from './cookies';
import { csrfValid } from './csrf';
import { ApiError } from './errors';

/** The staff session cookie: the same server-side session a bearer token names. */
export const STAFF_COOKIE = 'gf_staff';

export function bearerToken(req: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface StaffIdentification {
  authenticator: StaffAuthenticator;
  cookieSecret: string;
  publicBaseUrl: string;
}

/**
 * Resolves a staff session from the bearer token or the session cookie, if there is one;
 * applicants pass through. A state-changing request authenticated by the cookie counts as staff
 * only with the CSRF token bound to that session (form field or X-CSRF-Token header) and from our
 * origin: a browser sends the cookie along with any site's form, a bearer token it does not.
 * Without them the request is anonymous, and a staff-only route refuses it with 403.
 */
export function identifyStaff({ authenticator, cookieSecret, publicBaseUrl }: StaffIdentification): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const bearer = bearerToken(req);
    const cookie = bearer ? undefined : readCookie(req, cookieName(req, STAFF_COOKIE));
    const token = bearer ?? cookie;
    if (token) {
      const staff = await authenticator.authenticate(token);
      if (staff && cookie && !SAFE_METHODS.has(req.method) && !csrfValid(req, cookieSecret, cookie, publicBaseUrl)) {
        res.locals.staffCsrfRejected = true;
      } else if (staff) {
        res.locals.staff = staff;
        res.locals.staffToken = token;
        res.locals.staffViaCookie = Boolean(cookie);
      }
    }
    next();
  };
}

export function staffOf(res: Response): StaffIdentity | undefined {
  return res.locals.staff as StaffIdentity | undefined;
}

/** The session token of the signed-in staff member (to sign out, or to bind a CSRF token to). */
export function staffTokenOf(res: Response): string | undefined {
  return res.locals.staffToken as string | undefined;
}

/** True when the staff member's roles allow the action (domain/staff-policy.ts); none named: any staff member. */
export function may(staff: StaffIdentity, action?: StaffAction): boolean {
  return !action || can(staff.roles, action);
}

/** The signed-in staff member, whose roles must allow the action (any staff member when none is named). */
export function requireStaff(res: Response, action?: StaffAction): StaffIdentity {
  const staff = staffOf(res);
  if (!staff && res.locals.staffCsrfRejected) throw new ApiError(403, 'csrf_rejected', 'errors.auth.csrfRejected');
  if (!staff) {
    res.set('WWW-Authenticate', 'Bearer realm="grantflow-staff"');
    throw new ApiError(401, 'unauthorized', 'errors.auth.staffRequired');
  }
  if (!may(staff, action)) throw new ApiError(403, 'forbidden', 'errors.auth.roleRequired');
  return staff;
}
