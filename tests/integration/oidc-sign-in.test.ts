import crypto from 'node:crypto';
import { upsertStaffUser } from '../../lib/staff-auth';
import { sha256Hex } from '../../lib/tokens';
import { csrfToken } from '../../services/api/http/csrf';
import { CookieJar, oidcRedirectUris, oidcTestEnvironment, startTestProvider, signInThroughProvider, type TestProvider } from '../support/oidc-provider';
import { accessibilityViolations, launchBrowser, newContext, screenshots } from '../support/browser';
import { startTestStack, testConfig, type TestStack } from '../support/stack';

// Staff sign in at a real OpenID provider (oidc-provider on loopback) with the authorization code
// flow, PKCE, state and nonce; their groups decide their roles. The test plays the browser: it
// follows the redirects between the app and the provider with a cookie jar for each.
describe('staff sign-in through OpenID Connect', () => {
  // The address the app tells the provider (PUBLIC_BASE_URL); the browser reaches it at the stack.
  const PUBLIC_BASE_URL = 'http://localhost:3000';
  const { redirectUri: CALLBACK, postLogoutRedirectUri: SIGNED_OUT } = oidcRedirectUris(PUBLIC_BASE_URL);
  const run = crypto.randomUUID().slice(0, 8);
  const accounts = {
    [`sagsbehandler-${run}`]: { email: `sagsbehandler-${run}@eksempel.dk`, name: 'Sara Sagsbehandler', groups: ['grp-sagsbehandler'] },
    [`leder-${run}`]: { email: `leder-${run}@eksempel.dk`, name: 'Lene Leder', groups: ['grp-kantine', 'grp-leder'] },
    [`kantine-${run}`]: { email: `kantine-${run}@eksempel.dk`, name: 'Karl Kantine', groups: ['grp-kantine'] },
    [`navnebror-${run}`]: { email: `navnebror-${run}@eksempel.dk`, name: 'Niels Navnebror', groups: ['grp-sagsbehandler'] },
    [`fratraadt-${run}`]: { email: `fratraadt-${run}@eksempel.dk`, name: 'Frida Fratrådt', groups: ['grp-sagsbehandler'] },
  };
  let provider: TestProvider;
  let stack: TestStack;

  beforeAll(async () => {
    provider = await startTestProvider({ redirectUri: CALLBACK, postLogoutRedirectUri: SIGNED_OUT, accounts });
    // grp-sagsbehandler → caseworker, grp-leder → approver and caseworker; grp-kantine unmapped.
    const config = testConfig({ PUBLIC_BASE_URL, ...oidcTestEnvironment(provider) });
    stack = await startTestStack({ worker: false, config });
  });

  afterAll(async () => {
    await stack?.stop();
    await provider?.stop();
  });

  /** The app's URL as the browser reaches it: PUBLIC_BASE_URL's path on the test stack. */
  const atStack = (url: string) => url.replace(PUBLIC_BASE_URL, stack.baseUrl);

  /** Starts a sign-in at the app and signs in at the provider; returns the callback (not yet visited). */
  const throughProvider = (jar: CookieJar, accountId: string, next?: string) =>
    signInThroughProvider(jar, { start: `${stack.baseUrl}/personale/log-ind/oidc${next ? `?next=${encodeURIComponent(next)}` : ''}`, provider, accountId, callback: CALLBACK, atApp: atStack });

  async function visit(jar: CookieJar, url: string) {
    const response = await jar.fetch(url);
    return { status: response.status, location: response.headers.get('location'), body: await response.text(), staffToken: jar.get(stack.baseUrl, 'gf_staff') };
  }

  async function me(token: string) {
    const response = await fetch(`${stack.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as { user: { email: string; name: string; roles: string[] } } };
  }

  it('shows the provider’s button on the sign-in page', async () => {
    const page = await (await fetch(`${stack.baseUrl}/personale/log-ind`)).text();
    expect(page).toContain('Log ind med Eksempel Kommunes login');
    expect(page).toContain('href="/personale/log-ind/oidc"');
    const english = await (await fetch(`${stack.baseUrl}/personale/log-ind?lang=en`)).text();
    expect(english).toContain('Sign in with Eksempel Kommunes login');
  });

  it('signs a caseworker in with PKCE, state and nonce, and creates the staff account', async () => {
    const jar = new CookieJar();
    const { authorization, callback } = await throughProvider(jar, `sagsbehandler-${run}`, '/personale/sager');
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorization.searchParams.get('state')).toBeTruthy();
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    expect(authorization.searchParams.get('redirect_uri')).toBe(CALLBACK);

    const landed = await visit(jar, callback);
    expect(landed.status).toBe(303);
    expect(landed.location).toBe('/personale/sager');
    expect(landed.staffToken).toBeTruthy();
    const { status, body } = await me(landed.staffToken!);
    expect(status).toBe(200);
    expect(body.user).toMatchObject({ email: `sagsbehandler-${run}@eksempel.dk`, name: 'Sara Sagsbehandler', roles: ['caseworker'] });
    const user = await stack.db.staffUser.findUniqueOrThrow({ where: { email: `sagsbehandler-${run}@eksempel.dk` } });
    expect(user.oidcSubject).toBe(`${provider.issuer} sagsbehandler-${run}`);
    expect(user.passwordHash).toBeNull();
    expect(await stack.db.staffLoginAttempt.count({ where: { email: user.email, success: true } })).toBe(1);

    // A second sign-in finds the same account.
    const again = await visit(jar, (await throughProvider(jar, `sagsbehandler-${run}`)).callback);
    expect(again.status).toBe(303);
    expect(await stack.db.staffUser.count({ where: { oidcSubject: user.oidcSubject } })).toBe(1);
  });

  it('maps each mapped group to its roles, ignores unmapped groups, and takes over a local account by its email', async () => {
    const email = `leder-${run}@eksempel.dk`;
    await upsertStaffUser(stack.db, { email, name: 'Lene L.', password: crypto.randomBytes(12).toString('base64url'), roles: ['politician'] });
    const before = await stack.db.staffUser.findUniqueOrThrow({ where: { email } });
    const jar = new CookieJar();
    const landed = await visit(jar, (await throughProvider(jar, `leder-${run}`)).callback);
    expect(landed.status).toBe(303);
    expect((await me(landed.staffToken!)).body.user.roles).toEqual(['caseworker', 'approver']);
    const after = await stack.db.staffUser.findUniqueOrThrow({ where: { email } });
    expect(after).toMatchObject({ id: before.id, name: 'Lene Leder', roles: ['caseworker', 'approver'], oidcSubject: `${provider.issuer} leder-${run}` });
  });

  it('refuses a callback whose state was forged, with no session', async () => {
    const jar = new CookieJar();
    const { callback } = await throughProvider(jar, `sagsbehandler-${run}`);
    const forged = new URL(callback);
    forged.searchParams.set('state', crypto.randomBytes(32).toString('base64url'));
    expect(jar.get(stack.baseUrl, 'gf_oidc')).toBeTruthy();
    const sessions = await stack.db.staffSession.count();
    const answer = await visit(jar, forged.href);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('Log ind lykkedes ikke');
    expect(answer.staffToken).toBeUndefined();
    expect(await stack.db.staffSession.count()).toBe(sessions);
    // The real callback is spent too: the pending sign-in was used up by the forged visit.
    expect((await visit(jar, callback)).status).toBe(400);
  });

  it('refuses a replayed code, even with the original pending-sign-in cookie', async () => {
    const jar = new CookieJar();
    const { callback } = await throughProvider(jar, `sagsbehandler-${run}`);
    const pendingCookie = jar.header(stack.baseUrl);
    // With the cookie the state and nonce match: only the provider's refusal of the used code is left.
    expect(pendingCookie).toMatch(/(^|; )gf_oidc=[^;]+/);
    const first = await visit(jar, callback);
    expect(first.status).toBe(303);
    const sessions = await stack.db.staffSession.count();
    // An attacker who captured both the callback URL and the cookie replays them.
    const replay = await fetch(callback, { headers: { cookie: pendingCookie }, redirect: 'manual' });
    expect(replay.status).toBe(400);
    expect(replay.headers.getSetCookie().some((c) => c.startsWith('gf_staff='))).toBe(false);
    expect(await stack.db.staffSession.count()).toBe(sessions);
  });

  it('refuses a person none of whose groups is mapped, in Danish, with no account and no session', async () => {
    const jar = new CookieJar();
    const { callback } = await throughProvider(jar, `kantine-${run}`);
    const sessions = await stack.db.staffSession.count();
    const answer = await visit(jar, callback);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('Du har ikke adgang til tilskudssagerne');
    expect(answer.body).toContain('Du er logget ind med Eksempel Kommunes login, men du er ikke med i en af de grupper');
    expect(answer.staffToken).toBeUndefined();
    expect(await stack.db.staffSession.count()).toBe(sessions);
    expect(await stack.db.staffUser.count({ where: { email: `kantine-${run}@eksempel.dk` } })).toBe(0);
    expect(await stack.db.staffLoginAttempt.count({ where: { email: `kantine-${run}@eksempel.dk`, success: false } })).toBe(1);
  });

  it('refuses a person whose email another of the provider’s accounts already has here', async () => {
    const email = `navnebror-${run}@eksempel.dk`;
    await stack.db.staffUser.create({ data: { email, name: 'Niels (den første)', roles: ['admin'], oidcSubject: `${provider.issuer} en-anden-${run}` } });
    const jar = new CookieJar();
    const answer = await visit(jar, (await throughProvider(jar, `navnebror-${run}`)).callback);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('Din e-mailadresse hører allerede til en anden medarbejderkonto');
    expect(answer.staffToken).toBeUndefined();
    expect(await stack.db.staffUser.findUniqueOrThrow({ where: { email } })).toMatchObject({ name: 'Niels (den første)', roles: ['admin'] });
  });

  it('keeps refusing a person whose account an admin deactivated, though the provider still signs them in', async () => {
    const jar = new CookieJar();
    expect((await visit(jar, (await throughProvider(jar, `fratraadt-${run}`)).callback)).status).toBe(303);
    await stack.db.staffUser.update({ where: { email: `fratraadt-${run}@eksempel.dk` }, data: { active: false } });
    const again = new CookieJar();
    const answer = await visit(again, (await throughProvider(again, `fratraadt-${run}`)).callback);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('Din medarbejderkonto er deaktiveret');
    expect(answer.staffToken).toBeUndefined();
    expect((await stack.db.staffUser.findUniqueOrThrow({ where: { email: `fratraadt-${run}@eksempel.dk` } })).active).toBe(false);
  });

  it('signs out locally and at the provider (RP-initiated logout)', async () => {
    const jar = new CookieJar();
    const landed = await visit(jar, (await throughProvider(jar, `sagsbehandler-${run}`)).callback);
    const token = landed.staffToken!;
    const out = await jar.fetch(`${stack.baseUrl}/personale/log-ud`, {
      method: 'POST',
      headers: { origin: stack.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfToken(stack.config.COOKIE_SECRET, token) }).toString(),
    });
    expect(out.status).toBe(303);
    const endSession = new URL(out.headers.get('location')!);
    expect(`${endSession.origin}${endSession.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(SIGNED_OUT);
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy();
    expect(jar.get(stack.baseUrl, 'gf_staff')).toBeUndefined();
    expect((await stack.db.staffSession.findUniqueOrThrow({ where: { tokenHash: sha256Hex(token) } })).revokedAt).not.toBeNull();
    expect((await me(token)).status).toBe(401);
    // The provider accepts the logout request (its confirmation page) for this client and token.
    const atProvider = await jar.fetch(endSession.href);
    expect(atProvider.status).toBe(200);
    expect(await atProvider.text()).toContain('logout');
  });
  it('shows the sign-in page and the refusal as people see them, accessible, on a desktop and a phone', async () => {
    const browser = await launchBrowser();
    const shots = screenshots('oidc-sign-in');
    try {
      for (const width of [1280, 390]) {
        const context = await newContext(browser);
        const page = await context.newPage();
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${stack.baseUrl}/personale/log-ind`);
        await expect(page.getByRole('link', { name: 'Log ind med Eksempel Kommunes login' }).isVisible()).resolves.toBe(true);
        expect(await accessibilityViolations(page)).toEqual([]);
        await shots.take(page, `sign-in-${width}`);

        // The refusal: the browser comes back from the provider with the pending sign-in's cookie.
        const jar = new CookieJar();
        const { callback } = await throughProvider(jar, `kantine-${run}`);
        await context.addCookies([{ name: 'gf_oidc', value: jar.get(stack.baseUrl, 'gf_oidc')!, url: `${stack.baseUrl}/personale/log-ind/oidc` }]);
        const response = await page.goto(callback);
        expect(response?.status()).toBe(403);
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Du har ikke adgang til tilskudssagerne');
        expect(await accessibilityViolations(page)).toEqual([]);
        await shots.take(page, `refused-${width}`);
        await context.close();
      }
    } finally {
      await browser.close();
    }
  });
});
