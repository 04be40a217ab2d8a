import crypto from 'node:crypto';
import { upsertStaffUser } from '../../lib/staff-auth';
import { assetUrl } from '../../services/api/pages/assets';
import { createOpenRound, postJson } from '../support/fixtures';
import { startTestStack, testConfig, type TestStack } from '../support/stack';

// Every response — a page, JSON, an asset, an error — carries the security headers; over HTTPS
// (always in production) also HSTS, and cookies carry the __Host- (or, scoped to a path,
// __Secure-) prefix browsers enforce. Which proxy to believe about the client's address is
// configuration (TRUST_PROXY).

const SAMPLES = [
  { what: 'page', path: '/' },
  { what: 'JSON', path: '/api/v1/rounds' },
  { what: 'asset', path: '/assets/app.css' },
  { what: 'design-system asset', path: '/assets/dkfds/js/dkfds.min.js' },
  { what: 'fingerprinted, compressed asset', path: assetUrl('dkfds/css/dkfds-virkdk.min.css') },
  { what: 'fingerprinted font', path: assetUrl('dkfds/fonts/IBMPlexSans/split/woff2/IBMPlexSans-Regular-Latin1.woff2') },
  { what: 'JSON error', path: '/api/v1/no-such-route' },
  { what: 'page error', path: '/no-such-page' },
];

function expectSecurityHeaders(headers: Headers) {
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('same-origin');
  expect(headers.get('permissions-policy')).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
  expect(headers.get('cross-origin-resource-policy')).toBe('same-origin');
  expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('x-powered-by')).toBeNull();
}

/** The Set-Cookie lines of a response, by cookie name. */
function cookiesOf(response: Response): Map<string, string> {
  return new Map(response.headers.getSetCookie().map((line) => [line.slice(0, line.indexOf('=')), line]));
}

describe('security headers over plain HTTP (development, tests)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    await createOpenRound(stack.db);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it.each(SAMPLES)('are on every response: $what ($path)', async ({ path }) => {
    const response = await fetch(`${stack.baseUrl}${path}`, { headers: { accept: path.startsWith('/no-such') ? 'text/html' : '*/*' } });
    expectSecurityHeaders(response.headers);
    // HSTS over plain HTTP would be ignored by browsers, and would lock localhost out of HTTP.
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('lets any site read the open data (CORS and a cross-origin resource policy), and nothing else', async () => {
    for (const path of ['/api/v1/open-data/grants.json', '/api/v1/open-data/grants.csv']) {
      const response = await fetch(`${stack.baseUrl}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('keeps the bare cookie names, which browsers accept without HTTPS', async () => {
    const response = await fetch(`${stack.baseUrl}/personale/log-ind`);
    const cookies = cookiesOf(response);
    expect([...cookies.keys()]).toEqual(['gf_signin']);
    expect(cookies.get('gf_signin')).not.toMatch(/Secure/);
  });
});

describe('over HTTPS (production)', () => {
  let stack: TestStack;
  const marker = `hdr-${crypto.randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    stack = await startTestStack({ worker: false, config: testConfig({ PUBLIC_BASE_URL: 'https://tilskud.example.dk' }) });
    await createOpenRound(stack.db);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it.each(SAMPLES)('adds HSTS for a year with subdomains: $what ($path)', async ({ path }) => {
    const response = await fetch(`${stack.baseUrl}${path}`);
    expectSecurityHeaders(response.headers);
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });

  it('names the session cookie __Host- and the path-scoped sign-in cookie __Secure-, and only those names count', async () => {
    const email = `caseworker@${marker}.test`;
    const password = crypto.randomBytes(12).toString('base64url');
    await upsertStaffUser(stack.db, { email, name: 'Header Test', password, roles: ['caseworker'] });

    const form = await fetch(`${stack.baseUrl}/personale/log-ind?lang=en`);
    const formCookies = cookiesOf(form);
    expect(formCookies.get('__Secure-gf_signin')).toMatch(/; Path=\/personale; HttpOnly; Secure; SameSite=Lax$/);
    expect(formCookies.get('__Host-grantflow_lang')).toMatch(/^__Host-grantflow_lang=en; .*Path=\/; .*HttpOnly; Secure; SameSite=Lax$/);
    for (const line of formCookies.values()) expect(line).not.toMatch(/Domain=/i);
    const signInCookie = formCookies.get('__Secure-gf_signin')!.split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
    expect(csrf).toBeDefined();

    const signedIn = await fetch(`${stack.baseUrl}/personale/log-ind`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: signInCookie, origin: stack.baseUrl },
      body: new URLSearchParams({ _csrf: csrf!, email, password }).toString(),
    });
    expect(signedIn.status).toBe(303);
    const session = cookiesOf(signedIn).get('__Host-gf_staff');
    expect(session).toMatch(/^__Host-gf_staff=[^;]+; Max-Age=\d+; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/);
    const value = session!.split(';')[0]!.split('=')[1]!;

    const me = (cookie: string) => fetch(`${stack.baseUrl}/api/v1/auth/me`, { headers: { cookie } }).then((r) => r.status);
    expect(await me(`__Host-gf_staff=${value}`)).toBe(200);
    // The bare name (which any subdomain or plain-HTTP page could set) is not read at all.
    expect(await me(`gf_staff=${value}`)).toBe(401);
  });
});

describe('TRUST_PROXY', () => {
  async function recordedAddress(trustProxy: string): Promise<string> {
    const stack = await startTestStack({ worker: false, config: testConfig({ TRUST_PROXY: trustProxy }) });
    try {
      const email = `nobody-${crypto.randomUUID()}@proxy.test`;
      const response = await postJson(`${stack.baseUrl}/api/v1/auth/login`, { email, password: 'wrong-password' }, { 'x-forwarded-for': '203.0.113.9' });
      expect(response.status).toBe(401);
      return (await stack.db.staffLoginAttempt.findFirstOrThrow({ where: { email } })).ip;
    } finally {
      await stack.stop();
    }
  }

  it('believes X-Forwarded-For from a trusted proxy (here: loopback) and not otherwise', async () => {
    expect(await recordedAddress('loopback')).toBe('203.0.113.9');
    expect(await recordedAddress('false')).toBe('127.0.0.1');
    expect(await recordedAddress('10.0.0.0/8')).toBe('127.0.0.1');
  });
});
