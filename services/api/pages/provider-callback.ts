import type { CookieOptions, Request, Response } from 'express';
import type { Logger } from '../../../lib/logger';
import { OidcProviderUnavailable, OidcSignInRejected, unsealPendingSignIn, type OidcClient, type PendingSignIn, type ProviderSignIn } from '../../../lib/oidc-client';
import { cookieName } from '../http/cookies';
import { readCookie } from './page-language';

/** Where one kind of sign-in keeps its pending sign-in, and what its log says of a refused answer. */
export interface ProviderCallback {
  oidc: OidcClient;
  /** The public base URL without a trailing slash: the callback's own address is read against it. */
  base: string;
  /** The pending sign-in's cookie: its bare name (scoped to a path) and the options it was set with. */
  cookie: string;
  cookieOptions: CookieOptions;
  cookieSecret: string;
  log: Logger;
  /** The log line for an answer that failed a check. */
  rejectedLog: string;
}

/**
 * Signed in; or failed (no pending sign-in, a forged state, a refused code: start again); or the
 * provider unavailable (try again later).
 */
export type ProviderCallbackOutcome<P extends PendingSignIn> =
  | { signIn: ProviderSignIn; pending: P }
  | { failed: 'rejected' }
  | { failed: 'unavailable'; error: OidcProviderUnavailable };

/**
 * The provider's redirect back, for staff and members alike: unseals the pending sign-in from its
 * cookie, clears the cookie (one use), forbids caching the answer, and has the client check and
 * exchange the code. What to show is the caller's: the outcome only tells which case it is.
 */
export async function finishProviderCallback<P extends PendingSignIn = PendingSignIn>(req: Request, res: Response, callback: ProviderCallback): Promise<ProviderCallbackOutcome<P>> {
  const name = cookieName(req, callback.cookie, 'path');
  const pending = unsealPendingSignIn<P>(readCookie(req, name), callback.cookieSecret);
  // One use: a second visit to the same callback finds nothing to continue.
  res.clearCookie(name, callback.cookieOptions);
  res.set('Cache-Control', 'no-store');
  if (!pending) return { failed: 'rejected' };
  try {
    return { signIn: await callback.oidc.finish(new URL(req.originalUrl, `${callback.base}/`), pending), pending };
  } catch (error) {
    if (error instanceof OidcSignInRejected) {
      callback.log.warn({ reason: error.message, ip: req.ip }, callback.rejectedLog);
      return { failed: 'rejected' };
    }
    if (error instanceof OidcProviderUnavailable) return { failed: 'unavailable', error };
    throw error;
  }
}
