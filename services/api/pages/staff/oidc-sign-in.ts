import { Router, type Request, type Response } from 'express';
import type { Language } from '../../../../lib/languages';
import { html } from '../../../../lib/html';
import { OidcProviderUnavailable, sealPendingSignIn, type OidcClient, type PendingSignIn } from '../../../../lib/oidc-client';
import { rolesFromClaims, type OidcClientSettings } from '../../../../lib/oidc-settings';
import { openStaffSession, staffUserFromProvider, type SessionPolicy } from '../../../../lib/staff-auth';
import type { Database } from '../../../../lib/db';
import type { Logger } from '../../../../lib/logger';
import { t } from '../../../../locale';
import { cookieName } from '../../http/cookies';
import { STAFF_COOKIE } from '../../http/staff';
import type { SiteSettings } from '../layout';
import { pageLanguage } from '../page-language';
import { finishProviderCallback } from '../provider-callback';
import { safeNextPath } from './access';
import { alert } from './alert';
import { homeOf, sendStaffPage } from './shell';

export const OIDC_SIGN_IN_PATH = '/personale/log-ind/oidc';
export const OIDC_CALLBACK_PATH = '/personale/log-ind/oidc/retur';
// The state, nonce and PKCE verifier of one sign-in, sealed, for as long as the provider may take.
const PENDING_COOKIE = 'gf_oidc';
const PENDING_MAX_AGE_MS = 10 * 60_000;

export interface OidcSignInDependencies {
  oidc: OidcClient<OidcClientSettings>;
  db: Database;
  log: Logger;
  site: SiteSettings;
  cookieSecret: string;
  publicBaseUrl: string;
  secureCookies: boolean;
  sessionPolicy: SessionPolicy;
}

interface PendingCookie extends PendingSignIn {
  next?: string;
}

/** The sign-in button's name for the provider: its configured name, or "the municipality's login". */
export function providerName(oidc: OidcClient<OidcClientSettings>, language: Language): string {
  return oidc.settings.providerName ?? t(language, 'staff.oidcDefaultProvider');
}

/**
 * Staff sign-in at the municipality's OpenID provider: the button sends the browser there with
 * PKCE, state and nonce; the callback checks them, maps the person's groups to roles, creates or
 * updates the staff account and opens a session. A person none of whose groups gives a role is
 * refused, with no session.
 */
export function oidcSignInPages(deps: OidcSignInDependencies): Router {
  const router = Router();
  const base = deps.publicBaseUrl.replace(/\/+$/, '');
  const redirectUri = `${base}${OIDC_CALLBACK_PATH}`;
  const pendingCookie = { httpOnly: true, sameSite: 'lax' as const, secure: deps.secureCookies, path: OIDC_SIGN_IN_PATH };
  const callbackSettings = { oidc: deps.oidc, base, cookie: PENDING_COOKIE, cookieOptions: pendingCookie, cookieSecret: deps.cookieSecret, log: deps.log, rejectedLog: 'OpenID sign-in rejected' };

  function refuse(req: Request, res: Response, language: Language, status: number, title: string, body: string): void {
    sendStaffPage(req, res, deps.site, deps.cookieSecret, {
      title,
      language,
      main: html`
        <h1>${title}</h1>
        ${alert(status >= 500 ? 'warning' : 'error', body)}
        <p><a href="/personale/log-ind">${t(language, 'staff.oidcBackToSignIn')}</a></p>`,
    }, status);
  }

  function unavailable(req: Request, res: Response, language: Language, error: unknown): void {
    deps.log.error({ err: error }, 'OpenID provider unavailable');
    res.set('Retry-After', '60');
    refuse(req, res, language, 503, t(language, 'staff.signIn'), t(language, 'staff.oidcUnavailable', { provider: providerName(deps.oidc, language) }));
  }

  router.get(OIDC_SIGN_IN_PATH, async (req, res) => {
    const language = pageLanguage(req, res);
    try {
      const { url, pending } = await deps.oidc.begin(redirectUri);
      const cookie: PendingCookie = { ...pending, next: safeNextPath(req.query.next) };
      res.cookie(cookieName(req, PENDING_COOKIE, 'path'), sealPendingSignIn(cookie, deps.cookieSecret), { ...pendingCookie, maxAge: PENDING_MAX_AGE_MS });
      res.set('Cache-Control', 'no-store').redirect(303, url.href);
    } catch (error) {
      if (!(error instanceof OidcProviderUnavailable)) throw error;
      unavailable(req, res, language, error);
    }
  });

  router.get(OIDC_CALLBACK_PATH, async (req, res) => {
    const language = pageLanguage(req, res);
    const provider = providerName(deps.oidc, language);
    const callback = await finishProviderCallback<PendingCookie>(req, res, callbackSettings);
    if ('failed' in callback) {
      if (callback.failed === 'unavailable') return unavailable(req, res, language, callback.error);
      return refuse(req, res, language, 400, t(language, 'staff.oidcFailedTitle'), t(language, 'staff.oidcFailed', { provider }));
    }
    const { signIn, pending } = callback;
    const { claims } = signIn;
    const email = stringClaim(claims.email) ?? stringClaim(claims.preferred_username);
    const roles = rolesFromClaims(claims, deps.oidc.settings.roleClaim, deps.oidc.settings.roleMap);
    const ip = req.ip ?? 'unknown';
    if (!email || !roles.length) {
      await deps.db.staffLoginAttempt.create({ data: { email: email ?? signIn.subject, ip, success: false } });
      deps.log.info({ email, ip, success: false, reason: email ? 'no mapped group' : 'no email claim' }, 'staff OpenID sign-in');
      return refuse(req, res, language, 403, t(language, 'staff.oidcNoRoleTitle'), t(language, 'staff.oidcNoRole', { provider }));
    }
    const account = await staffUserFromProvider(deps.db, { subject: signIn.subject, email, name: stringClaim(claims.name) ?? email, roles });
    await deps.db.staffLoginAttempt.create({ data: { email, ip, success: 'identity' in account } });
    deps.log.info({ email, ip, success: 'identity' in account, roles, refused: 'refused' in account ? account.refused : undefined }, 'staff OpenID sign-in');
    if ('refused' in account) {
      const reason = account.refused === 'deactivated' ? t(language, 'staff.oidcDeactivated') : t(language, 'staff.oidcEmailInUse');
      return refuse(req, res, language, 403, t(language, 'staff.oidcNoRoleTitle'), reason);
    }
    const { identity } = account;
    const token = await openStaffSession(deps.db, deps.sessionPolicy, identity.id, signIn.idToken);
    res.cookie(cookieName(req, STAFF_COOKIE), token, { httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, path: '/', maxAge: deps.sessionPolicy.absoluteTimeoutMs });
    res.redirect(303, pending.next ?? homeOf(identity));
  });

  return router;
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
