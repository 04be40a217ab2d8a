import crypto from 'node:crypto';
import { upsertStaffUser, type StaffRole } from '../../lib/staff-auth';
import { postJson } from './fixtures';
import type { Page } from 'playwright-core';
import type { TestStack } from './stack';

/** A staff account of the test's own, signed in through the API; returns its email and auth header. */
export async function signedInStaff(stack: TestStack, roles: StaffRole[], name = 'Test Medarbejder') {
  const email = `${roles[0]!.toLowerCase()}-${crypto.randomUUID().slice(0, 8)}@eksempel.dk`;
  const password = crypto.randomBytes(12).toString('base64url');
  await upsertStaffUser(stack.db, { email, name, password, roles });
  const login = await postJson(`${stack.baseUrl}/api/v1/auth/login`, { email, password });
  if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
  return { email, password, token: login.body.token as string, headers: { authorization: `Bearer ${login.body.token as string}` } };
}

/** Signs a browser page in through the sign-in page, as a person would. */
export async function signInThroughPage(page: Page, baseUrl: string, account: { email: string; password: string }, next?: string): Promise<void> {
  await page.goto(`${baseUrl}/personale/log-ind${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.locator('input[name="email"]').fill(account.email);
  await page.locator('input[name="password"]').fill(account.password);
  await Promise.all([page.waitForLoadState('load'), page.locator('main button[type="submit"]').click()]);
}
