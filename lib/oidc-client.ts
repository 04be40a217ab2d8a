import * as client from 'openid-client';
import type { OidcClientSettings } from './oidc-settings';

/** What the browser carries (sealed) from the redirect to the provider back to the callback. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface ProviderSignIn {
  claims: Record<string, unknown>;
  /** "<issuer> <sub>": unique across providers, stable across renamed email addresses. */
  subject: string;
  idToken: string;
}

/** The provider cannot be reached or did not describe itself (discovery failed). */
export class OidcProviderUnavailable extends Error {}

/** The provider's answer failed a check (state, nonce, PKCE, a used code, a bad token). */
export class OidcSignInRejected extends Error {}

export interface OidcClient {
  readonly settings: OidcClientSettings;
  /** Where to send the browser, and what it must bring back. */
  begin(redirectUri: string): Promise<{ url: URL; pending: PendingSignIn }>;
  /** Exchanges the code in the callback URL, checking state, nonce and PKCE. */
  finish(callbackUrl: URL, pending: PendingSignIn): Promise<ProviderSignIn>;
  /** The provider's RP-initiated logout, when it offers one (end_session_endpoint). */
  logoutUrl(idToken: string, postLogoutRedirectUri: string): Promise<URL | undefined>;
}

/**
 * Authorization code flow with PKCE, state and nonce against the municipality's OpenID provider
 * (openid-client). The provider's metadata is discovered on first use and kept; a failed
 * discovery is tried again on the next sign-in.
 */
export function createOidcClient(settings: OidcClientSettings): OidcClient {
  let configuration: Promise<client.Configuration> | undefined;

  function discover(): Promise<client.Configuration> {
    // Plain HTTP only for a loopback provider in tests: production refuses an http:// issuer.
    const options = settings.issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined;
    configuration ??= client.discovery(settings.issuer, settings.clientId, settings.clientSecret, undefined, options).catch((error: unknown) => {
      configuration = undefined;
      throw new OidcProviderUnavailable(`OpenID provider discovery failed: ${(error as Error).message}`);
    });
    return configuration;
  }

  return {
    settings,

    async begin(redirectUri) {
      const config = await discover();
      const pending = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: settings.scopes,
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url, pending };
    },

    async finish(callbackUrl, pending) {
      const config = await discover();
      let tokens;
      try {
        tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw new OidcSignInRejected((error as Error).message);
      }
      const idClaims = tokens.claims();
      if (!idClaims || !tokens.id_token) throw new OidcSignInRejected('no ID token');
      let claims: Record<string, unknown> = { ...idClaims };
      // Some providers put groups only in UserInfo (ID-porten brokers, providers that keep ID tokens small).
      if (claims[settings.roleClaim] === undefined && config.serverMetadata().userinfo_endpoint) {
        claims = { ...(await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)), ...claims };
      }
      return { claims, subject: `${idClaims.iss} ${idClaims.sub}`, idToken: tokens.id_token };
    },

    async logoutUrl(idToken, postLogoutRedirectUri) {
      const config = await discover().catch(() => undefined);
      if (!config?.serverMetadata().end_session_endpoint) return undefined;
      return client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: postLogoutRedirectUri });
    },
  };
}
