import type { Request, Response } from 'express';
import { readCookie } from '../page-language';
import { cookieName } from '../../http/cookies';
import { draftPath } from './draft-paths';

// The draft's private token lives in a cookie scoped to the draft's own pages (/kladde/<id>), so
// the address bar never shows it after the first visit and two drafts in one browser do not mix.
export const DRAFT_COOKIE = 'gf_kladde';
const MAX_AGE_MS = 90 * 24 * 3600 * 1000;

export function setDraftCookie(res: Response, draftId: string, token: string, secure: boolean): void {
  res.cookie(cookieName(res.req, DRAFT_COOKIE, 'path'), token, { httpOnly: true, sameSite: 'lax', secure, path: draftPath(draftId), maxAge: MAX_AGE_MS });
}

export function draftTokenFrom(req: Request): string | undefined {
  return readCookie(req, cookieName(req, DRAFT_COOKIE, 'path'));
}
