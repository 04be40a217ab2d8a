import type { Request, Response } from 'express';
import type { Database } from '../../../../lib/db';
import { sha256Hex } from '../../../../lib/tokens';
import { readCookie } from '../page-language';
import { cookieName } from '../../http/cookies';

/**
 * The case page's cookie holds the private-link token, scoped by path to that one case, so the
 * token leaves the address bar (and the browser history, and Referer headers) after the first visit.
 */
export const CASE_COOKIE = 'gf_case';
/** A volunteer may read the email on Monday and answer on Tuesday: the link itself keeps working. */
const CASE_COOKIE_MAX_AGE_MS = 12 * 3600 * 1000;

export function casePath(applicationId: string): string {
  return `/sag/${applicationId}`;
}

export type TokenVerdict = 'granted' | 'forbidden' | 'not_found';

/** Whether a private-link token opens this application (never another one). */
export async function tokenOpens(db: Database, applicationId: string, token: string | undefined): Promise<TokenVerdict> {
  const grant = token ? await db.accessToken.findUnique({ where: { tokenHash: sha256Hex(token) } }) : null;
  if (grant && !grant.revokedAt && grant.applicationId === applicationId) return 'granted';
  const exists = await db.application.count({ where: { id: applicationId } });
  return exists ? 'forbidden' : 'not_found';
}

export function caseCookieToken(req: Request): string | undefined {
  const value = readCookie(req, cookieName(req, CASE_COOKIE, 'path'));
  return value && /^[A-Za-z0-9_-]{16,200}$/.test(value) ? value : undefined;
}

export function setCaseCookie(res: Response, applicationId: string, token: string, secure: boolean): void {
  res.cookie(cookieName(res.req, CASE_COOKIE, 'path'), token, { httpOnly: true, sameSite: 'lax', secure, path: casePath(applicationId), maxAge: CASE_COOKIE_MAX_AGE_MS });
}
