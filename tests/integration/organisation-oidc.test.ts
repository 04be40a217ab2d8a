import crypto from 'node:crypto';
import { accessibilityViolations, launchBrowser, newContext, screenshots } from '../support/browser';
import { CookieJar, CVR_CLAIM, memberOidcRedirectUri, memberOidcTestEnvironment, oidcRedirectUris, startTestProvider, signInThroughProvider, type ProviderAccount, type TestProvider } from '../support/oidc-provider';
import { randomCvr } from '../support/organisation';
import { startTestStack, testConfig, type TestStack } from '../support/stack';

// Members of an association sign in at a real OpenID provider (oidc-provider on loopback, standing
// in for MitID Erhverv through a broker) that vouches for the CVR number they act for. The test
// plays the browser, following the redirects between the app and the provider with a cookie jar.
jest.setTimeout(120_000);

describe('members sign in through the organisations’ OpenID provider', () => {
  const PUBLIC_BASE_URL = 'http://localhost:3000';
  const CALLBACK = memberOidcRedirectUri(PUBLIC_BASE_URL);
  const run = crypto.randomUUID().slice(0, 8);
  const address = (name: string) => `${name}-${run}@forening.dk`;
  const [first, existing, renamed, outsider, taken] = [randomCvr(), randomCvr(), randomCvr(), randomCvr(), randomCvr()];
  const person = (name: string, cvr: unknown, email: string | null = address(name)): ProviderAccount => ({ name, ...(email ? { email } : {}), ...(cvr === undefined ? {} : { claims: { [CVR_CLAIM]: cvr } }) });
  const accounts: Record<string, ProviderAccount> = {
    [`foerste-${run}`]: person('foerste', first),
    // The provider gives the address in capitals: it is compared lower-cased.
    [`kasserer-${run}`]: person('kasserer', existing, address('kasserer').toUpperCase()),
    [`omdoebt-${run}`]: person('omdoebt', renamed, address('nyt-navn')),
    [`fremmed-${run}`]: person('fremmed', outsider),
    [`uden-cvr-${run}`]: person('uden-cvr', undefined),
    [`forkert-cvr-${run}`]: person('forkert-cvr', '12345678'),
    [`uden-adresse-${run}`]: person('uden-adresse', taken, null),
  };
  let provider: TestProvider;
  let stack: TestStack;

  beforeAll(async () => {
    provider = await startTestProvider({ ...oidcRedirectUris(PUBLIC_BASE_URL), moreRedirectUris: [CALLBACK], accounts, organisationClaims: [CVR_CLAIM] });
    const config = testConfig({ PUBLIC_BASE_URL, ...memberOidcTestEnvironment(provider), RATE_LIMIT_PROVIDER_SIGN_INS_PER_ADDRESS: '200' });
    stack = await startTestStack({ worker: false, config });
  });

  afterAll(async () => {
    await stack?.stop();
    await provider?.stop();
  });

  const atStack = (url: string) => url.replace(PUBLIC_BASE_URL, stack.baseUrl);

  /** Starts a sign-in at the app and signs in at the provider; returns the callback (not yet visited). */
  const throughProvider = (jar: CookieJar, accountId: string, language?: string) =>
    signInThroughProvider(jar, { start: `${stack.baseUrl}/forening/log-ind/oidc${language ? `?lang=${language}` : ''}`, provider, accountId, callback: CALLBACK, atApp: atStack });

  async function visit(jar: CookieJar, url: string) {
    const response = await jar.fetch(url);
    return { status: response.status, location: response.headers.get('location'), body: await response.text(), memberToken: jar.get(stack.baseUrl, 'gf_forening') };
  }

  async function signIn(accountId: string, language?: string) {
    const jar = new CookieJar();
    return { jar, ...(await visit(jar, (await throughProvider(jar, accountId, language)).callback)) };
  }

  async function organisationWithAdmin(number: string, email: string, providerSubject?: string) {
    const organisation = await stack.db.organisation.create({ data: { number, name: `Forening ${number}` } });
    await stack.db.organisationMember.create({ data: { organisationId: organisation.id, email, role: 'admin', providerSubject } });
    return organisation;
  }

  const stored = async (number: string) => {
    const organisation = await stack.db.organisation.findUnique({ where: { number }, include: { members: { include: { sessions: true }, orderBy: { email: 'asc' } }, events: { orderBy: { id: 'asc' } } } });
    return organisation && { members: organisation.members.map(({ email, role, providerSubject, sessions }) => ({ email, role, providerSubject, sessions: sessions.length })), events: organisation.events.map(({ type, actor, method }) => ({ type, actor, method })) };
  };

  it('shows the provider’s button on the sign-in page, above the email link', async () => {
    const page = await (await fetch(`${stack.baseUrl}/forening/log-ind`)).text();
    expect(page).toContain('Log ind med MitID Erhverv');
    expect(page).toContain('href="/forening/log-ind/oidc"');
    expect(page.indexOf('Log ind med MitID Erhverv')).toBeLessThan(page.indexOf('Send mig et link'));
    expect(await (await fetch(`${stack.baseUrl}/forening/log-ind?lang=en`)).text()).toContain('Sign in with MitID Erhverv');
  });

  it('makes the first person of an organisation without members its administrator, with PKCE, state and nonce', async () => {
    const jar = new CookieJar();
    const { authorization, callback } = await throughProvider(jar, `foerste-${run}`);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('state')).toBeTruthy();
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    expect(authorization.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(authorization.searchParams.get('scope')).toBe('openid email organisation');
    const landed = await visit(jar, callback);
    expect([landed.status, landed.location]).toEqual([303, '/forening']);
    expect(landed.memberToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await stored(first)).toEqual({
      members: [{ email: address('foerste'), role: 'admin', providerSubject: `${provider.issuer} foerste-${run}`, sessions: 1 }],
      events: [
        { type: 'first_member', actor: address('foerste'), method: 'oidc' },
        { type: 'signed_in', actor: address('foerste'), method: 'oidc' },
      ],
    });
    const overview = await visit(jar, `${stack.baseUrl}/forening`);
    expect(overview.status).toBe(200);
    expect(overview.body).toContain(`Du er logget ind som ${address('foerste')} (Administrator)`);

    // The next sign-in finds the same member by the provider's identity.
    expect((await signIn(`foerste-${run}`)).status).toBe(303);
    expect((await stored(first))!.members).toEqual([expect.objectContaining({ email: address('foerste'), sessions: 2 })]);
  });

  it('signs in a member the administrator added by their address, and stores their provider identity', async () => {
    await organisationWithAdmin(existing, address('kasserer'));
    const landed = await signIn(`kasserer-${run}`);
    expect([landed.status, landed.location]).toEqual([303, '/forening']);
    expect(await stored(existing)).toEqual({
      members: [{ email: address('kasserer'), role: 'admin', providerSubject: `${provider.issuer} kasserer-${run}`, sessions: 1 }],
      events: [{ type: 'signed_in', actor: address('kasserer'), method: 'oidc' }],
    });
  });

  it('signs in a member by their stored provider identity after their address changed at the provider', async () => {
    await organisationWithAdmin(renamed, address('gammelt-navn'), `${provider.issuer} omdoebt-${run}`);
    const landed = await signIn(`omdoebt-${run}`);
    expect([landed.status, landed.location]).toEqual([303, '/forening']);
    expect(await stored(renamed)).toEqual({
      members: [{ email: address('gammelt-navn'), role: 'admin', providerSubject: `${provider.issuer} omdoebt-${run}`, sessions: 1 }],
      events: [{ type: 'signed_in', actor: address('gammelt-navn'), method: 'oidc' }],
    });
  });

  it('refuses a person who is not among the members, without naming the administrator, and stores nothing', async () => {
    const admin = address('formand');
    await organisationWithAdmin(outsider, admin);
    const before = await stored(outsider);
    const answer = await signIn(`fremmed-${run}`);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('Du er ikke medlem af foreningen her');
    expect(answer.body).toContain(`for foreningen med nummer ${outsider}, men du er ikke blandt foreningens medlemmer her. Bed foreningens administrator om at tilføje dig`);
    expect(answer.body).not.toContain(admin);
    expect(answer.memberToken).toBeUndefined();
    expect(await stored(outsider)).toEqual(before);
    // In the language the person chose.
    const english = await signIn(`fremmed-${run}`, 'en');
    expect(english.status).toBe(403);
    expect(english.body).toContain('Ask the association&#39;s administrator to add you');
    expect(await stored(outsider)).toEqual(before);
  });

  it('refuses a sign-in without an organisation number, or with a malformed one, and stores nothing', async () => {
    for (const account of [`uden-cvr-${run}`, `forkert-cvr-${run}`]) {
      const answer = await signIn(account);
      expect(answer.status).toBe(400);
      expect(answer.body).toContain('Vi kan ikke se, hvilken forening du handler for');
      expect(answer.memberToken).toBeUndefined();
    }
    expect(await stack.db.organisationMember.count({ where: { email: { in: [address('uden-cvr'), address('forkert-cvr')] } } })).toBe(0);
    expect(await stack.db.organisation.findUnique({ where: { number: '12345678' } })).toBeNull();
  });

  it('cannot make a first member without the person’s address, and stores nothing', async () => {
    const answer = await signIn(`uden-adresse-${run}`);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('Vi mangler din e-mailadresse');
    expect(await stored(taken)).toBeNull();
  });

  it('refuses a forged state, a provider’s error and a callback without its pending sign-in', async () => {
    const jar = new CookieJar();
    const { callback } = await throughProvider(jar, `foerste-${run}`);
    const forged = new URL(callback);
    forged.searchParams.set('state', crypto.randomBytes(32).toString('base64url'));
    const sessionsBefore = (await stored(first))!.members[0]!.sessions;
    const answer = await visit(jar, forged.href);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('Log ind lykkedes ikke');
    expect(answer.memberToken).toBeUndefined();
    // The real callback is spent too: the pending sign-in was used up by the forged visit.
    expect((await visit(jar, callback)).status).toBe(400);

    // The provider sends the person back with an error (they cancelled).
    const cancelled = new CookieJar();
    const start = await cancelled.fetch(`${stack.baseUrl}/forening/log-ind/oidc`);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const error = await visit(cancelled, `${stack.baseUrl}/forening/log-ind/oidc/retur?error=access_denied&state=${state}&iss=${encodeURIComponent(provider.issuer)}`);
    expect(error.status).toBe(400);
    expect(error.body).toContain('Vi kunne ikke gennemføre dit log ind med MitID Erhverv');
    expect((await stored(first))!.members[0]!.sessions).toBe(sessionsBefore);
  });

  it('shows the sign-in page and the refusal as people see them, accessible, on a desktop and a phone', async () => {
    const browser = await launchBrowser();
    const shots = screenshots('organisation-oidc');
    try {
      for (const width of [1280, 390]) {
        const context = await newContext(browser);
        const page = await context.newPage();
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${stack.baseUrl}/forening/log-ind`);
        await expect(page.getByRole('link', { name: 'Log ind med MitID Erhverv' }).isVisible()).resolves.toBe(true);
        expect(await accessibilityViolations(page)).toEqual([]);
        await shots.take(page, `sign-in-${width}`);

        const jar = new CookieJar();
        const { callback } = await throughProvider(jar, `fremmed-${run}`);
        await context.addCookies([{ name: 'gf_forening_oidc', value: jar.get(stack.baseUrl, 'gf_forening_oidc')!, url: `${stack.baseUrl}/forening/log-ind/oidc` }]);
        const response = await page.goto(callback);
        expect(response?.status()).toBe(403);
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Du er ikke medlem af foreningen her');
        expect(await accessibilityViolations(page)).toEqual([]);
        await shots.take(page, `not-a-member-${width}`);
        await context.close();
      }
    } finally {
      await browser.close();
    }
  });

  it('answers 503 with a page to try again when the provider does not answer, and stores nothing', async () => {
    const jar = new CookieJar();
    const { callback } = await throughProvider(jar, `foerste-${run}`);
    const before = await stored(first);
    await provider.stop();
    const answer = await visit(jar, callback);
    expect(answer.status).toBe(503);
    expect(answer.body).toContain('Vi kan ikke komme i kontakt med MitID Erhverv lige nu');
    expect(answer.memberToken).toBeUndefined();
    expect(await stored(first)).toEqual(before);
  });

  it('limits the sign-ins started from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 200 && !statuses.includes(429); i++) {
      const response = await fetch(`${stack.baseUrl}/forening/log-ind/oidc`, { redirect: 'manual' });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(new Set(statuses.slice(0, -1))).toEqual(new Set([303]));
  });
});
