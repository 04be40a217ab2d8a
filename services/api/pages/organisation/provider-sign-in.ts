import { Router, type Request, type Response } from 'express';
import type { Jurisdiction } from '../../../../lib/jurisdiction';
import type { Database } from '../../../../lib/db';
import type { Logger } from '../../../../lib/logger';
import { OidcProviderUnavailable, sealPendingSignIn, type OidcClient } from '../../../../lib/oidc-client';
import type { MemberOidcClientSettings } from '../../../../lib/member-oidc-settings';
import { emailFromClaim, organisationNumberFromClaim } from '../../../../domain/organisation-access';
import { t, type Language } from '../../../../locale';
import { cookieName } from '../../http/cookies';
import type { RateLimits } from '../../http/rate-limits';
import { PROVIDER_CALLBACK_PATH, PROVIDER_SIGN_IN_PATH, ORGANISATION_PATH } from '../../organisation/paths';
import { signInWithProvider } from '../../organisation/provider-sign-in';
import { setMemberCookie } from '../../organisation/session';
import { sendPage, type SiteSettings } from '../layout';
import { pageLanguage } from '../page-language';
import { finishProviderCallback } from '../provider-callback';
import { providerRefusalPage } from './views';

// The state, nonce and PKCE verifier of one sign-in, sealed, for as long as the provider may take.
const PENDING_COOKIE = 'gf_forening_oidc';
const PENDING_MAX_AGE_MS = 10 * 60_000;

export interface ProviderSignInDependencies {
  oidc: OidcClient<MemberOidcClientSettings>;
  db: Database;
  log: Logger;
  site: SiteSettings;
  jurisdiction: Jurisdiction;
  cookieSecret: string;
  publicBaseUrl: string;
  secureCookies: boolean;
  rateLimits: Pick<RateLimits, 'countProviderSignIn'>;
}

/**
 * Members' sign-in through the organisations' OpenID provider (MitID Erhverv through a broker): the
 * button sends the browser there with PKCE, state and nonce (the staff sign-in's client); the
 * callback checks them, reads the organisation number the provider vouches for and the person's
 * address, and opens a member session of that organisation only (README "Organisation access").
 */
export function providerSignInPages(deps: ProviderSignInDependencies): Router {
  const router = Router();
  const base = deps.publicBaseUrl.replace(/\/+$/, '');
  const redirectUri = `${base}${PROVIDER_CALLBACK_PATH}`;
  const pendingCookie = { httpOnly: true, sameSite: 'lax' as const, secure: deps.secureCookies, path: PROVIDER_SIGN_IN_PATH };
  const provider = deps.oidc.settings.providerName;
  const callbackSettings = { oidc: deps.oidc, base, cookie: PENDING_COOKIE, cookieOptions: pendingCookie, cookieSecret: deps.cookieSecret, log: deps.log, rejectedLog: 'member OpenID sign-in rejected' };

  function refuse(req: Request, res: Response, language: Language, status: number, title: string, body: string): void {
    if (status >= 500) res.set('Retry-After', '60');
    sendPage(res, providerRefusalPage(req, deps.site, language, { title, body, warning: status >= 500 }), status);
  }

  const unavailable = (req: Request, res: Response, language: Language, error: unknown) => {
    deps.log.error({ err: error }, 'organisations’ OpenID provider unavailable');
    refuse(req, res, language, 503, t(language, 'organisation.provider.unavailableTitle'), t(language, 'organisation.provider.unavailable', { provider }));
  };

  router.get(PROVIDER_SIGN_IN_PATH, async (req, res) => {
    const language = pageLanguage(req, res);
    await deps.rateLimits.countProviderSignIn(req);
    try {
      const { url, pending } = await deps.oidc.begin(redirectUri);
      res.cookie(cookieName(req, PENDING_COOKIE, 'path'), sealPendingSignIn(pending, deps.cookieSecret), { ...pendingCookie, maxAge: PENDING_MAX_AGE_MS });
      res.set('Cache-Control', 'no-store').redirect(303, url.href);
    } catch (error) {
      if (!(error instanceof OidcProviderUnavailable)) throw error;
      unavailable(req, res, language, error);
    }
  });

  router.get(PROVIDER_CALLBACK_PATH, async (req, res) => {
    const language = pageLanguage(req, res);
    await deps.rateLimits.countProviderSignIn(req);
    const callback = await finishProviderCallback(req, res, callbackSettings);
    if ('failed' in callback) {
      if (callback.failed === 'unavailable') return unavailable(req, res, language, callback.error);
      return refuse(req, res, language, 400, t(language, 'organisation.provider.failedTitle'), t(language, 'organisation.provider.failed', { provider }));
    }
    const { signIn } = callback;
    const { claims } = signIn;
    const organisationNumber = organisationNumberFromClaim(claims[deps.oidc.settings.organisationClaim], deps.jurisdiction);
    if (!organisationNumber) {
      deps.log.info({ ip: req.ip, claim: deps.oidc.settings.organisationClaim, present: claims[deps.oidc.settings.organisationClaim] !== undefined }, 'member OpenID sign-in without an organisation number');
      return refuse(req, res, language, 400, t(language, 'organisation.provider.noNumberTitle'), t(language, 'organisation.provider.noNumber', { provider }));
    }
    const result = await signInWithProvider(deps.db, { organisationNumber, subject: signIn.subject, email: emailFromClaim(claims[deps.oidc.settings.emailClaim]) });
    deps.log.info({ organisationNumber, ip: req.ip, refused: 'refused' in result ? result.refused : undefined }, 'member OpenID sign-in');
    if ('refused' in result) {
      if (result.refused === 'noEmail') return refuse(req, res, language, 400, t(language, 'organisation.provider.noEmailTitle'), t(language, 'organisation.provider.noEmail', { provider }));
      return refuse(req, res, language, 403, t(language, 'organisation.provider.notMemberTitle'), t(language, 'organisation.provider.notMember', { provider, number: organisationNumber }));
    }
    setMemberCookie(res, result.sessionToken, deps.secureCookies);
    res.redirect(303, ORGANISATION_PATH);
  });

  return router;
}
