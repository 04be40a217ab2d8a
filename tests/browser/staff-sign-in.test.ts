import type { Browser } from 'playwright-core';
import { accessibilityViolations, launchBrowser, newContext, screenshots, type Screenshots } from '../support/browser';
import { csrfToken } from '../../services/api/http/csrf';
import { signedInStaff, signInThroughPage } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// Staff sign in on a page; the session lives in PostgreSQL behind an HttpOnly cookie, forms posted
// with that cookie need the CSRF token bound to it, and signing out ends the session on the server.
describe('staff sign-in page', () => {
  let stack: TestStack;
  let browser: Browser;
  let shots: Screenshots;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    browser = await launchBrowser();
    shots = screenshots('staff-sign-in');
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('signs in with a cookie session, refuses forged posts, and signs out on the server', async () => {
    const account = await signedInStaff(stack, ['caseworker'], 'Karin Sagsbehandler');
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();

    await page.goto(`${stack.baseUrl}/personale/log-ind`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await shots.take(page, 'sign-in');

    // A wrong password: the error summary links to the field, in Danish.
    await signInThroughPage(page, stack.baseUrl, { email: account.email, password: 'forkert-adgangskode' });
    expect(await page.title()).toMatch(/^Fejl: /);
    const summaryLink = page.locator('#error-summary a');
    expect(await summaryLink.textContent()).toMatch(/forkert/);
    expect(await summaryLink.getAttribute('href')).toBe('#f-email');
    expect(await accessibilityViolations(page)).toEqual([]);
    await shots.take(page, 'sign-in-wrong-password');

    await signInThroughPage(page, stack.baseUrl, account, '/api/v1/auth/me');
    expect(JSON.parse((await page.locator('body').textContent()) ?? '{}').user.email).toBe(account.email);
    const cookie = (await context.cookies()).find((c) => c.name === 'gf_staff');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
    const sessionCookie = `gf_staff=${cookie!.value}`;

    // The cookie alone does not make a state-changing request: the CSRF token must come along,
    // from our own origin.
    const forged = await fetch(`${stack.baseUrl}/api/v1/auth/logout`, { method: 'POST', headers: { cookie: sessionCookie } });
    expect(forged.status).toBe(403);
    const foreign = await fetch(`${stack.baseUrl}/personale/log-ud`, {
      method: 'POST',
      headers: { cookie: sessionCookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: '_csrf=whatever',
    });
    expect(foreign.status).toBe(403);
    expect((await fetch(`${stack.baseUrl}/api/v1/auth/me`, { headers: { cookie: sessionCookie } })).status).toBe(200);

    // Signing out with the form's token ends the session on the server: the old cookie is dead.
    const signOut = await fetch(`${stack.baseUrl}/personale/log-ud`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: sessionCookie, origin: stack.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${csrfToken(stack.config.COOKIE_SECRET, cookie!.value)}`,
    });
    expect(signOut.status).toBe(303);
    expect(signOut.headers.get('location')).toBe('/personale/log-ind?logget-ud=1');
    expect(signOut.headers.get('set-cookie')).toMatch(/gf_staff=;/);
    expect((await fetch(`${stack.baseUrl}/api/v1/auth/me`, { headers: { cookie: sessionCookie } })).status).toBe(401);
    const session = await stack.db.staffSession.findUnique({ where: { tokenHash: (await import('../../lib/tokens')).sha256Hex(cookie!.value) } });
    expect(session?.revokedAt).toBeInstanceOf(Date);
    await context.close();
  });

  it('sends an anonymous visitor of a staff page to sign in and back', async () => {
    const response = await fetch(`${stack.baseUrl}/personale/log-ud`, { method: 'POST' });
    expect(response.status).toBe(401);
    const page = await (await newContext(browser)).newPage();
    const login = await page.goto(`${stack.baseUrl}/personale/log-ind?next=//evil.example/`);
    expect(login?.status()).toBe(200);
    expect(await page.locator('input[name="next"]').count()).toBe(0);
    await page.context().close();
  });
});
