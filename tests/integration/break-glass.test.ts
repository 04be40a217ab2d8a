import crypto from 'node:crypto';
import { generate } from 'otplib';
import { issueBreakGlassAccount } from '../../lib/break-glass';
import { createLocalStaffAuthenticator, sessionPolicyFrom, upsertStaffUser } from '../../lib/staff-auth';
import { postJson } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

// Production signs staff in at the municipality's OpenID provider; a local password opens only a
// break-glass account, and only with its TOTP code, each code once.
describe('break-glass accounts', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const email = (kind: string) => `${kind}-${crypto.randomUUID().slice(0, 8)}@eksempel.dk`;

  it('under production’s rules refuses an ordinary local account, even with the right password', async () => {
    const production = createLocalStaffAuthenticator(stack.db, sessionPolicyFrom(stack.config), { breakGlassOnly: true });
    const account = { email: email('lokal'), name: 'Lokal Konto', password: crypto.randomBytes(12).toString('base64url'), roles: ['admin' as const] };
    await upsertStaffUser(stack.db, account);
    expect(await production.login(account.email, account.password)).toBeNull();
    expect(await createLocalStaffAuthenticator(stack.db, sessionPolicyFrom(stack.config)).login(account.email, account.password)).not.toBeNull();
  });

  it('under production’s rules opens a break-glass account with its password and a fresh TOTP code, once per code', async () => {
    const production = createLocalStaffAuthenticator(stack.db, sessionPolicyFrom(stack.config), { breakGlassOnly: true });
    const address = email('noedadgang');
    const issued = await issueBreakGlassAccount(stack.db, { email: address, name: 'Nødadgang', issuer: 'Grantflow test' });
    expect(issued.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    const code = await generate({ secret: issued.totpSecret });
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(await production.login(address, issued.password)).toBeNull();
    expect(await production.login(address, issued.password, wrong)).toBeNull();
    expect(await production.login(address, 'not-the-password', code)).toBeNull();
    const session = await production.login(address, issued.password, code);
    expect(session?.identity).toMatchObject({ email: address, roles: ['admin'] });
    // The same code again (someone who watched it typed) is refused.
    expect(await production.login(address, issued.password, code)).toBeNull();
  });

  it('asks the API’s sign-in for the code of a break-glass account', async () => {
    const address = email('noedadgang');
    const issued = await issueBreakGlassAccount(stack.db, { email: address, name: 'Nødadgang', issuer: 'Grantflow test' });
    expect((await postJson(`${stack.baseUrl}/api/v1/auth/login`, { email: address, password: issued.password })).status).toBe(401);
    expect((await postJson(`${stack.baseUrl}/api/v1/auth/login`, { email: address, password: issued.password, oneTimeCode: 'abcdef' })).status).toBe(400);
    const signedIn = await postJson(`${stack.baseUrl}/api/v1/auth/login`, { email: address, password: issued.password, oneTimeCode: await generate({ secret: issued.totpSecret }) });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ email: address, roles: ['admin'] });
  });

  it('signs in through the page with the one-time code field', async () => {
    const address = email('noedadgang');
    const issued = await issueBreakGlassAccount(stack.db, { email: address, name: 'Nødadgang', issuer: 'Grantflow test' });
    const form = await fetch(`${stack.baseUrl}/personale/log-ind`);
    const page = await form.text();
    expect(page).toContain('Engangskode');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const post = (oneTimeCode: string) =>
      fetch(`${stack.baseUrl}/personale/log-ind`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, origin: stack.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, email: address, password: issued.password, oneTimeCode }).toString(),
      });
    const refused = await post('');
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('engangskoden er forkert');
    const accepted = await post(await generate({ secret: issued.totpSecret }));
    expect(accepted.status).toBe(303);
    expect(accepted.headers.getSetCookie().some((c) => c.startsWith('gf_staff='))).toBe(true);
  });
});
