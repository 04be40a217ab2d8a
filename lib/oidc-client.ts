import * as client from 'openid-client';
import { seal, unseal } from './tokens';

/** What every sign-in through a provider needs (staff's and members' settings add their own). */
export interface OidcProviderSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** Claims to ask UserInfo for when the ID token lacks one of them. */
  userInfoClaims: readonly string[];
}

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

export interface OidcClient<S extends OidcProviderSettings = OidcProviderSettings> {
  readonly settings: S;
  /** Where to send the browser, and what it must bring back. */
  begin(redirectUri: string): Promise<{ url: URL; pending: PendingSignIn }>;
  /** Exchanges the code in the callback URL, checking state, nonce and PKCE. */
  finish(callbackUrl: URL, pending: PendingSignIn): Promise<ProviderSignIn>;
  /** The provider's RP-initiated logout, when it offers one (end_session_endpoint). */
  logoutUrl(idToken: string, postLogoutRedirectUri: string): Promise<URL | undefined>;
}

/**
 * Authorization code flow with PKCE, state and nonce against an OpenID provider (openid-client):
 * the municipality's for staff, an organisations' provider (MitID Erhverv through a broker) for
 * members. The provider's metadata is discovered on first use and kept; a failed
 * discovery is tried again on the next sign-in.
 */
export function createOidcClient<S extends OidcProviderSettings>(settings: S): OidcClient<S> {
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
        if (unreachable(error)) throw new OidcProviderUnavailable(`OpenID provider unreachable: ${(error as Error).message}`);
        throw new OidcSignInRejected((error as Error).message);
      }
      const idClaims = tokens.claims();
      if (!idClaims || !tokens.id_token) throw new OidcSignInRejected('no ID token');
      let claims: Record<string, unknown> = { ...idClaims };
      // Some providers put groups or an organisation's number only in UserInfo (brokers, providers that keep ID tokens small).
      if (settings.userInfoClaims.some((claim) => claims[claim] === undefined) && config.serverMetadata().userinfo_endpoint) {
        const userInfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub).catch((error: unknown) => {
          if (unreachable(error)) throw new OidcProviderUnavailable(`OpenID provider unreachable: ${(error as Error).message}`);
          throw new OidcSignInRejected((error as Error).message);
        });
        claims = { ...userInfo, ...claims };
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

/**
 * The provider did not answer (the connection failed) or answered with a server error: the person
 * can try again later, unlike a refused code or a forged state.
 */
function unreachable(error: unknown): boolean {
  // fetch (undici) reports a failed connection as a TypeError "fetch failed". By name, not
  // instanceof: undici's TypeError may come from another realm than openid-client's, which then
  // wraps it in a ClientError ("something went wrong") as its cause.
  const { name, message, code, cause } = error as { name?: unknown; message?: unknown; code?: unknown; cause?: { name?: unknown; message?: unknown; status?: unknown } };
  if (name === 'TypeError' && message === 'fetch failed') return true;
  if (cause?.name === 'TypeError' && cause.message === 'fetch failed') return true;
  return code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' && typeof cause?.status === 'number' && cause.status >= 500;
}

/** The pending sign-in (and what the caller adds to it) sealed for its cookie. */
export function sealPendingSignIn(pending: PendingSignIn, secret: string): string {
  return seal(JSON.stringify(pending), secret);
}

/** The pending sign-in from its cookie; undefined when there is none, or it was not sealed by us. */
export function unsealPendingSignIn<T extends PendingSignIn>(sealed: string | undefined, secret: string): T | undefined {
  if (!sealed) return undefined;
  try {
    const value = JSON.parse(unseal(sealed, secret)) as T;
    return typeof value.state === 'string' && typeof value.nonce === 'string' && typeof value.codeVerifier === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
