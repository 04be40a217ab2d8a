import type { Request, Response } from 'express';
import type { Database } from '../../../../lib/db';
import { privateLinkVerdict, type LinkVerdict } from '../../private-links/verdict';
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

/** Whether a private-link token opens this application (never another one), or has expired or been revoked. */
export function tokenOpens(db: Database, applicationId: string, token: string | undefined, ttlMs: number): Promise<LinkVerdict> {
  return privateLinkVerdict(db, applicationId, token, ttlMs);
}

export function caseCookieToken(req: Request): string | undefined {
  const value = readCookie(req, cookieName(req, CASE_COOKIE, 'path'));
  return value && /^[A-Za-z0-9_-]{16,200}$/.test(value) ? value : undefined;
}

export function setCaseCookie(res: Response, applicationId: string, token: string, secure: boolean): void {
  res.cookie(cookieName(res.req, CASE_COOKIE, 'path'), token, { httpOnly: true, sameSite: 'lax', secure, path: casePath(applicationId), maxAge: CASE_COOKIE_MAX_AGE_MS });
}
