import crypto from 'node:crypto';
import { upsertStaffUser, type StaffRole } from '../../lib/staff-auth';
import { postJson } from './fixtures';
import type { TestStack } from './stack';

/** A staff account of the test's own, signed in through the API; returns its email and auth header. */
export async function signedInStaff(stack: TestStack, roles: StaffRole[], name = 'Test Medarbejder') {
  const email = `${roles[0]}-${crypto.randomUUID().slice(0, 8)}@eksempel.dk`;
  const password = crypto.randomBytes(12).toString('base64url');
  await upsertStaffUser(stack.db, { email, name, password, roles });
  const login = await postJson(`${stack.baseUrl}/api/v1/auth/login`, { email, password });
  if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
  return { email, headers: { authorization: `Bearer ${login.body.token as string}` } };
}
