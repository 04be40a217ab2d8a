import crypto from 'node:crypto';
import { loadConfig } from '../../lib/config';
import { generatePayloadKeyEntry } from '../../lib/payload-codec';
import { sessionPolicyFrom } from '../../lib/staff-auth';
import { sha256Hex } from '../../lib/tokens';
import { csrfToken } from '../../services/api/http/csrf';
import { postJson } from '../support/fixtures';
import { signedInStaff } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// Server-side staff sessions end when idle too long, at their absolute limit, on sign-out, and
// when the account is deactivated — for the API's bearer token and the pages' cookie alike. The
// clock is moved by ageing the stored session, not by waiting.
describe('staff sessions', () => {
  let stack: TestStack;
  let idleMs: number;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    idleMs = sessionPolicyFrom(stack.config).idleTimeoutMs;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** What the session opens: the API by bearer, a staff page by cookie, and a staff form post. */
  async function probe(token: string) {
    const api = await fetch(`${stack.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    const page = await fetch(`${stack.baseUrl}/personale/admin`, { headers: { cookie: `gf_staff=${token}` }, redirect: 'manual' });
    const form = await fetch(`${stack.baseUrl}/personale/admin/medarbejdere`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: `gf_staff=${token}`, origin: stack.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfToken(stack.config.COOKIE_SECRET, token) }).toString(),
    });
    await Promise.all([api.arrayBuffer(), page.arrayBuffer(), form.arrayBuffer()]);
    return { api: api.status, page: page.status === 303 ? `303 ${page.headers.get('location')}` : String(page.status), form: form.status };
  }

  const REFUSED = { api: 401, page: '303 /personale/log-ind?next=%2Fpersonale%2Fadmin', form: 401 };
  // An admin's empty form is read and refused for its fields: the session itself counted.
  const ACCEPTED = { api: 200, page: '200', form: 400 };

  async function session(token: string) {
    return stack.db.staffSession.findUniqueOrThrow({ where: { tokenHash: sha256Hex(token) } });
  }

  it('keeps a session in use alive and moves its idle limit along', async () => {
    const admin = await signedInStaff(stack, ['admin']);
    const lastSeenAt = new Date(Date.now() - idleMs + 5 * 60_000);
    await stack.db.staffSession.update({ where: { tokenHash: sha256Hex(admin.token) }, data: { lastSeenAt } });
    expect(await probe(admin.token)).toEqual(ACCEPTED);
    expect((await session(admin.token)).lastSeenAt.getTime()).toBeGreaterThan(lastSeenAt.getTime());
  });

  it('refuses a session idle for longer than the idle timeout', async () => {
    const admin = await signedInStaff(stack, ['admin']);
    expect(await probe(admin.token)).toEqual(ACCEPTED);
    await stack.db.staffSession.update({ where: { tokenHash: sha256Hex(admin.token) }, data: { lastSeenAt: new Date(Date.now() - idleMs - 1000) } });
    expect(await probe(admin.token)).toEqual(REFUSED);
  });

  it('refuses a session past its absolute limit however busy it was', async () => {
    const admin = await signedInStaff(stack, ['admin']);
    await stack.db.staffSession.update({ where: { tokenHash: sha256Hex(admin.token) }, data: { lastSeenAt: new Date(), expiresAt: new Date(Date.now() - 1000) } });
    expect(await probe(admin.token)).toEqual(REFUSED);
  });

  it('refuses a session after sign-out, by bearer and by cookie', async () => {
    const admin = await signedInStaff(stack, ['admin']);
    const logout = await fetch(`${stack.baseUrl}/api/v1/auth/logout`, { method: 'POST', headers: admin.headers });
    expect(logout.status).toBe(204);
    expect((await session(admin.token)).revokedAt).toBeInstanceOf(Date);
    expect(await probe(admin.token)).toEqual(REFUSED);
  });

  it('ends every session of a deactivated account at once, and keeps them ended after reactivation', async () => {
    const admin = await signedInStaff(stack, ['admin'], 'Administrator');
    const caseworker = await signedInStaff(stack, ['caseworker']);
    const second = (await postJson(`${stack.baseUrl}/api/v1/auth/login`, { email: caseworker.email, password: caseworker.password })).body.token as string;
    const me = (token: string) => fetch(`${stack.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    const cookieMe = (token: string) => fetch(`${stack.baseUrl}/api/v1/auth/me`, { headers: { cookie: `gf_staff=${token}` } }).then((r) => r.status);
    expect([await me(caseworker.token), await cookieMe(second)]).toEqual([200, 200]);

    const user = await stack.db.staffUser.findUniqueOrThrow({ where: { email: caseworker.email } });
    const deactivated = await postJson(`${stack.baseUrl}/api/v1/admin/staff/${user.id}/deactivation`, {}, admin.headers);
    expect(deactivated.status).toBe(200);
    expect([await me(caseworker.token), await cookieMe(second)]).toEqual([401, 401]);
    expect((await postJson(`${stack.baseUrl}/api/v1/auth/login`, { email: caseworker.email, password: caseworker.password })).status).toBe(401);
    expect(await stack.db.staffSession.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);

    const reactivated = await fetch(`${stack.baseUrl}/api/v1/admin/staff/${user.id}/deactivation`, { method: 'DELETE', headers: admin.headers });
    expect(reactivated.status).toBe(200);
    expect([await me(caseworker.token), await cookieMe(second)]).toEqual([401, 401]);
    expect((await postJson(`${stack.baseUrl}/api/v1/auth/login`, { email: caseworker.email, password: caseworker.password })).status).toBe(200);
  });

  it('never seeds the demo accounts in production', () => {
    const production = {
      DATABASE_URL: 'postgresql://grantflow@db.internal/grantflow',
      NODE_ENV: 'production',
      BUSINESS_REGISTER: 'cvr',
      CVR_REGISTER_USERNAME: 'u',
      CVR_REGISTER_PASSWORD: 'p',
      COOKIE_SECRET: crypto.randomBytes(32).toString('base64url'),
      GRANTFLOW_DEMO_PASSWORD: 'a-demo-password-someone-left-set',
      PUBLIC_BASE_URL: 'https://tilskud.example.dk',
      METRICS_TOKEN: crypto.randomBytes(32).toString('base64url'),
      MUNICIPALITY_ACCOUNT: '1234 0012345678',
      TEMPORAL_TLS: 'true',
      TEMPORAL_PAYLOAD_KEYS: generatePayloadKeyEntry('k1'),
    };
    // A demo password left in the environment seeds nothing: seeding is off in production …
    expect(loadConfig(production).SEED_DEMO_DATA).toBe(false);
    // … and asking for it stops the service at start-up.
    expect(() => loadConfig({ ...production, SEED_DEMO_DATA: 'true' })).toThrow(/SEED_DEMO_DATA: demo data is never seeded in production/);
  });
});
