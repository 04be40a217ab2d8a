import crypto from 'node:crypto';
import type { Database } from './db';
import { hashPassword } from './staff-auth';
import { newTotpSecret, totpUri } from './totp';

/**
 * Creates (or renews) the break-glass account: an admin who signs in with a password and a TOTP
 * code when the municipality's OpenID provider is down. Production lets no other local account
 * sign in. A new password and secret each time; the old ones stop working.
 */
export async function issueBreakGlassAccount(db: Database, account: { email: string; name: string; issuer: string }): Promise<{ password: string; totpSecret: string; otpauthUri: string }> {
  const email = account.email.trim().toLowerCase();
  const password = crypto.randomBytes(18).toString('base64url');
  const totpSecret = newTotpSecret();
  const fields = { name: account.name, passwordHash: await hashPassword(password), totpSecret, totpLastStep: null, roles: ['admin'], active: true };
  const user = await db.staffUser.upsert({ where: { email }, update: fields, create: { email, ...fields } });
  // New credentials end the sessions the old ones opened.
  await db.staffSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
  return { password, totpSecret, otpauthUri: totpUri(totpSecret, email, account.issuer) };
}
