import { hash, verify } from '@node-rs/argon2';
import { parseDuration } from './durations';
import { isUniqueViolation, type Database } from './db';
import { generateAccessToken, sha256Hex } from './tokens';
import { verifyTotpCode } from './totp';
import { STAFF_ROLES, type StaffRole } from './staff-roles';

export { STAFF_ROLES, type StaffRole };

export interface StaffIdentity {
  id: string;
  email: string;
  name: string;
  roles: StaffRole[];
}

/**
 * How staff prove who they are with a local account, and what a session token stands for (also
 * a session begun at the municipality's OpenID provider: see services/api/pages/staff/oidc-sign-in.ts).
 */
export interface StaffAuthenticator {
  /** A session token for valid credentials (and the TOTP code of an account that has a secret), or null. */
  login(email: string, password: string, oneTimeCode?: string): Promise<{ token: string; identity: StaffIdentity } | null>;
  /** The identity behind a session token, or null when it is unknown, expired or idle too long. */
  authenticate(token: string): Promise<StaffIdentity | null>;
  logout(token: string): Promise<void>;
}

export interface SessionPolicy {
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
}

const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

// Verifying against a fixed hash when the account does not exist keeps the timing the same.
let dummyHash: Promise<string> | undefined;

export interface LocalSignInRules {
  /**
   * Only break-glass accounts (those with a TOTP secret) may sign in with a password: production,
   * where staff sign in at the municipality's OpenID provider.
   */
  breakGlassOnly: boolean;
}

export function createLocalStaffAuthenticator(db: Database, policy: SessionPolicy, rules: LocalSignInRules = { breakGlassOnly: false }): StaffAuthenticator {
  return {
    async login(email, password, oneTimeCode) {
      const user = await db.staffUser.findUnique({ where: { email: email.trim().toLowerCase() } });
      dummyHash ??= hashPassword('not-a-real-password');
      const valid = await verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
      if (!user || !user.active || !valid) return null;
      if (rules.breakGlassOnly && !user.totpSecret) return null;
      if (user.totpSecret && !(await acceptTotpCode(db, user.id, user.totpSecret, oneTimeCode))) return null;
      return { token: await openStaffSession(db, policy, user.id), identity: toIdentity(user) };
    },

    async authenticate(token) {
      const session = await db.staffSession.findUnique({ where: { tokenHash: sha256Hex(token) }, include: { user: true } });
      const now = Date.now();
      if (!session || session.revokedAt || !session.user.active) return null;
      if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + policy.idleTimeoutMs <= now) return null;
      // Touch at most once a minute: one write per request would be wasted work.
      if (now - session.lastSeenAt.getTime() > 60_000) {
        await db.staffSession.update({ where: { tokenHash: session.tokenHash }, data: { lastSeenAt: new Date(now) } });
      }
      return toIdentity(session.user);
    },

    async logout(token) {
      await db.staffSession.updateMany({ where: { tokenHash: sha256Hex(token), revokedAt: null }, data: { revokedAt: new Date() } });
    },
  };
}

// A code counts once: the step it was valid in must be later than the last one accepted.
async function acceptTotpCode(db: Database, userId: string, secret: string, code: string | undefined): Promise<boolean> {
  const step = await verifyTotpCode(secret, code);
  if (step === null) return false;
  const { count } = await db.staffUser.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return count === 1;
}

/** A new server-side session for the account; its token is returned once, only its hash is kept. */
export async function openStaffSession(db: Database, policy: SessionPolicy, userId: string, idToken?: string): Promise<string> {
  const token = generateAccessToken();
  const now = new Date();
  await db.staffSession.create({
    data: { tokenHash: sha256Hex(token), userId, lastSeenAt: now, expiresAt: new Date(now.getTime() + policy.absoluteTimeoutMs), idToken: idToken ?? null },
  });
  return token;
}

/**
 * The staff account of a person the OpenID provider signed in, created on first sign-in and
 * updated from the provider's claims on each one after (the provider is the source of name,
 * address and roles). An account an admin created by hand is taken over by its email address the
 * first time; one an admin deactivated stays refused, and so does an address another of the
 * provider's accounts already has here.
 */
export async function staffUserFromProvider(
  db: Database,
  person: { subject: string; email: string; name: string; roles: StaffRole[] },
): Promise<{ identity: StaffIdentity } | { refused: 'deactivated' | 'emailInUse' }> {
  const email = person.email.trim().toLowerCase();
  const existing =
    (await db.staffUser.findUnique({ where: { oidcSubject: person.subject } })) ??
    (await db.staffUser.findFirst({ where: { email, oidcSubject: null } }));
  if (existing && !existing.active) return { refused: 'deactivated' };
  const fields = { email, name: person.name, roles: person.roles, oidcSubject: person.subject };
  try {
    const user = existing
      ? await db.staffUser.update({ where: { id: existing.id }, data: fields })
      : await db.staffUser.create({ data: { ...fields, passwordHash: null } });
    return { identity: toIdentity(user) };
  } catch (error) {
    // The address belongs to an account of another person at the provider: an admin must decide.
    if (isUniqueViolation(error)) return { refused: 'emailInUse' };
    throw error;
  }
}

function toIdentity(user: { id: string; email: string; name: string; roles: string[] }): StaffIdentity {
  return { id: user.id, email: user.email, name: user.name, roles: user.roles.filter((r): r is StaffRole => (STAFF_ROLES as readonly string[]).includes(r)) };
}

/** Creates or updates a staff account (used by the development seed and the tests). */
export async function upsertStaffUser(
  db: Database,
  user: { email: string; name: string; title?: string; phone?: string; password: string; roles: StaffRole[] },
): Promise<void> {
  const passwordHash = await hashPassword(user.password);
  const person = { name: user.name, title: user.title ?? null, phone: user.phone ?? null };
  await db.staffUser.upsert({
    where: { email: user.email },
    update: { ...person, passwordHash, roles: user.roles, active: true },
    create: { email: user.email, ...person, passwordHash, roles: user.roles },
  });
}

export function sessionPolicyFrom(config: { STAFF_SESSION_IDLE_TIMEOUT: string; STAFF_SESSION_ABSOLUTE_TIMEOUT: string }): SessionPolicy {
  return { idleTimeoutMs: parseDuration(config.STAFF_SESSION_IDLE_TIMEOUT), absoluteTimeoutMs: parseDuration(config.STAFF_SESSION_ABSOLUTE_TIMEOUT) };
}
