import type { Request, Response } from 'express';
import type { Database } from '../../../lib/db';
import { sha256Hex } from '../../../lib/tokens';
import { MEMBER_SESSION_HOURS } from '../../../domain/organisation-access';
import { cookieName } from '../http/cookies';
import { readCookie } from '../pages/page-language';

// A member's session lives in a cookie of the whole site: the organisation's pages, and the draft
// and case pages of its organisation number, all read it. Only its SHA-256 is stored.
export const MEMBER_COOKIE = 'gf_forening';

export interface SignedInMember {
  /** The cookie's value: what the member's forms' CSRF tokens are bound to. */
  sessionToken: string;
  member: { id: string; email: string; role: string };
  organisation: { id: string; number: string; name: string };
}

export function setMemberCookie(res: Response, sessionToken: string, secure: boolean): void {
  res.cookie(cookieName(res.req, MEMBER_COOKIE), sessionToken, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: MEMBER_SESSION_HOURS * 3600 * 1000 });
}

export function clearMemberCookie(res: Response, secure: boolean): void {
  res.clearCookie(cookieName(res.req, MEMBER_COOKIE), { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}

function sessionTokenOf(req: Request): string | undefined {
  const value = readCookie(req, cookieName(req, MEMBER_COOKIE));
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

/** The member this browser is signed in as, while the session lasts and the membership stands. */
export async function signedInMember(db: Database, req: Request, now = new Date()): Promise<SignedInMember | undefined> {
  const sessionToken = sessionTokenOf(req);
  if (!sessionToken) return undefined;
  const session = await db.organisationSession.findUnique({ where: { tokenHash: sha256Hex(sessionToken) }, include: { member: { include: { organisation: true } } } });
  if (!session || session.expiresAt.getTime() <= now.getTime()) return undefined;
  const { member } = session;
  return {
    sessionToken,
    member: { id: member.id, email: member.email, role: member.role },
    organisation: { id: member.organisation.id, number: member.organisation.number, name: member.organisation.name },
  };
}

/** Ends this browser's session (a removed member's sessions end with the membership). */
export async function endMemberSession(db: Database, sessionToken: string): Promise<void> {
  await db.organisationSession.deleteMany({ where: { tokenHash: sha256Hex(sessionToken) } });
}
