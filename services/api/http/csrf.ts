import crypto from 'node:crypto';
import type { Request } from 'express';
import { sameBytes } from '../../../lib/tokens';
import { ApiError } from './errors';

export const CSRF_FIELD = '_csrf';

/**
 * A form's CSRF token, bound to the cookie that authenticates the form (a staff session, a
 * draft's or a case's private-link cookie): an HMAC of that cookie's value under the server's
 * secret. Another site can neither read it nor compute it.
 */
export function csrfToken(secret: string, boundTo: string): string {
  return crypto.createHmac('sha256', secret).update(`csrf:${boundTo}`).digest('base64url');
}

function sameOrigin(req: Request, publicBaseUrl: string): boolean {
  const origin = req.get('origin') ?? refererOrigin(req.get('referer'));
  // Browsers send Origin on every cross-site POST; a request without one (and without a Referer)
  // is not a cross-site form submission.
  if (!origin) return true;
  if (origin === 'null') return false;
  const own = new Set([new URL(publicBaseUrl).origin, `${req.protocol}://${req.get('host')}`]);
  return own.has(origin);
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

/**
 * Refuses a state-changing form post whose token is missing or wrong, or which comes from
 * another origin: 403.
 */
export function verifyCsrf(req: Request, secret: string, boundTo: string, publicBaseUrl: string): void {
  if (!csrfValid(req, secret, boundTo, publicBaseUrl)) throw new ApiError(403, 'csrf_rejected', 'errors.auth.csrfRejected');
}

export function csrfValid(req: Request, secret: string, boundTo: string, publicBaseUrl: string): boolean {
  const sent = typeof req.body?.[CSRF_FIELD] === 'string' ? (req.body[CSRF_FIELD] as string) : req.get('x-csrf-token');
  return typeof sent === 'string' && sameBytes(sent, csrfToken(secret, boundTo)) && sameOrigin(req, publicBaseUrl);
}
