import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export interface ProviderAccount {
  email?: string;
  name: string;
  groups?: string[];
  /** Further claims, e.g. MitID Erhverv's CVR claim; released with the `organisation` scope. */
  claims?: Record<string, unknown>;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/**
 * Starts a real OpenID provider (oidc-provider) on loopback with one confidential client and
 * the given accounts (keyed by their subject), each with its groups and further claims; the
 * `organisation` scope releases the claims named in `organisationClaims` (an organisation number).
 */
export async function startTestProvider(options: {
  redirectUri: string;
  postLogoutRedirectUri: string;
  accounts: Record<string, ProviderAccount>;
  /** More redirect URIs of the client (the members' sign-in's beside the staff's). */
  moreRedirectUris?: string[];
  organisationClaims?: string[];
}): Promise<TestProvider> {
  const clientId = 'grantflow-test';
  const clientSecret = 'a-test-client-secret-of-some-length';
  const accounts = Object.fromEntries(Object.entries(options.accounts).map(([sub, { claims, ...account }]) => [sub, { ...account, ...claims }]));
  const settings = {
    clientId,
    clientSecret,
    redirectUris: [options.redirectUri, ...(options.moreRedirectUris ?? [])],
    postLogoutRedirectUri: options.postLogoutRedirectUri,
    accounts,
    organisationClaims: options.organisationClaims ?? [],
  };
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'oidc-provider-process.mjs'), JSON.stringify(settings)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { issuer: string }).issuer));
    child.once('exit', (code) => reject(new Error(`the test OpenID provider exited with ${code}: ${stderr}`)));
  });
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The app's settings for signing in at the test provider, with the groups the tests use. */
export function oidcTestEnvironment(provider: TestProvider): Record<string, string> {
  return {
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_ROLE_CLAIM: 'groups',
    OIDC_ROLE_MAP: JSON.stringify({ 'grp-sagsbehandler': 'caseworker', 'grp-leder': ['approver', 'caseworker'] }),
    OIDC_SCOPES: 'openid email profile groups',
    OIDC_PROVIDER_NAME: 'Eksempel Kommunes login',
  };
}

/** The client's redirect URIs for an app at this PUBLIC_BASE_URL. */
export function oidcRedirectUris(publicBaseUrl: string): { redirectUri: string; postLogoutRedirectUri: string } {
  return { redirectUri: `${publicBaseUrl}/personale/log-ind/oidc/retur`, postLogoutRedirectUri: `${publicBaseUrl}/personale/log-ind?logget-ud=1` };
}

/** Cookies per origin, as a browser keeps them (enough for these flows: names and values). */
export class CookieJar {
  private readonly jars = new Map<string, Map<string, string>>();

  header(url: string): string {
    return [...(this.jars.get(new URL(url).origin) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get(url: string, name: string): string | undefined {
    return this.jars.get(new URL(url).origin)?.get(name);
  }

  set(url: string, name: string, value: string): void {
    const origin = new URL(url).origin;
    if (!this.jars.has(origin)) this.jars.set(origin, new Map());
    this.jars.get(origin)!.set(name, value);
  }

  store(url: string, response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=thu, 01 jan 1970/i.test(a) || /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') this.jars.get(new URL(url).origin)?.delete(name);
      else this.set(url, name, value);
    }
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookies = this.header(url);
    if (cookies) headers.set('cookie', cookies);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.store(url, response);
    return response;
  }
}

/**
 * Signs the account in at the provider's (development) login and consent screens, following its
 * redirects as a browser would, and returns the URL it sends the browser back to.
 */
export async function signInAtProvider(jar: CookieJar, authorizationUrl: string, accountId: string, returnsTo: string): Promise<string> {
  let url = authorizationUrl;
  for (let step = 0; step < 20; step++) {
    if (url.startsWith(returnsTo)) return url;
    const response = await jar.fetch(url);
    const location = response.headers.get('location');
    if (location) {
      await response.arrayBuffer();
      url = new URL(location, url).href;
      continue;
    }
    const page = await response.text();
    if (response.status !== 200) throw new Error(`provider answered ${response.status}: ${page.slice(0, 500)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(page)?.[1];
    if (!action || !prompt) throw new Error(`no interaction form at ${url}: ${page.slice(0, 500)}`);
    const body = new URLSearchParams(prompt === 'login' ? { prompt, login: accountId, password: 'any' } : { prompt });
    const submitted = await jar.fetch(new URL(action, url).href, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
    await submitted.arrayBuffer();
    const next = submitted.headers.get('location');
    if (!next) throw new Error(`the provider's ${prompt} form answered ${submitted.status} without a redirect`);
    url = new URL(next, url).href;
  }
  throw new Error('the provider never sent the browser back');
}

/**
 * Starts a sign-in at the app (`start` answers with a redirect to the provider), checks it goes to
 * the provider, and signs the account in there; returns the authorization request and the URL the
 * provider sends the browser back to (the callback, not yet visited) as the test reaches the app.
 */
export async function signInThroughProvider(
  jar: CookieJar,
  options: { start: string; provider: TestProvider; accountId: string; callback: string; atApp: (url: string) => string },
): Promise<{ authorization: URL; callback: string }> {
  const start = await jar.fetch(options.start);
  expect(start.status).toBe(303);
  const authorization = new URL(start.headers.get('location')!);
  expect(authorization.origin).toBe(options.provider.issuer);
  return { authorization, callback: options.atApp(await signInAtProvider(jar, authorization.href, options.accountId, options.callback)) };
}

/** The members' sign-in's redirect URI for an app at this PUBLIC_BASE_URL. */
export function memberOidcRedirectUri(publicBaseUrl: string): string {
  return `${publicBaseUrl}/forening/log-ind/oidc/retur`;
}

/** MitID Erhverv's CVR claim, as the test provider releases it with the `organisation` scope. */
export const CVR_CLAIM = 'https://data.gov.dk/model/core/eid/professional/cvr';

/** The app's settings for members signing in at the test provider (standing in for MitID Erhverv). */
export function memberOidcTestEnvironment(provider: TestProvider): Record<string, string> {
  return {
    MEMBER_OIDC_ISSUER: provider.issuer,
    MEMBER_OIDC_CLIENT_ID: provider.clientId,
    MEMBER_OIDC_CLIENT_SECRET: provider.clientSecret,
    MEMBER_OIDC_SCOPES: 'openid email organisation',
  };
}
