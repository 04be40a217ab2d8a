import { z } from 'zod';
import { isUniqueViolation, type Database } from '../../../lib/db';
import { type Language } from '../../../lib/languages';
import { messageKey } from '../../../domain/message-key';
import { hashPassword, STAFF_ROLES, type StaffIdentity, type StaffRole } from '../../../lib/staff-auth';
import { recordAudit } from '../audit/log';
import { ApiError } from '../http/errors';
import { validated } from './validated';

// Staff accounts, shared by the JSON API and the admin pages: the same rules and the same audit
// rows either way. Passwords are stored as argon2id hashes only.

const passwordSchema = z.string().min(12, { message: messageKey('errors.staff.passwordLength') }).max(200, { message: messageKey('errors.staff.passwordLength') });

const nameSchema = z.string().trim().min(1, { message: messageKey('errors.field.required') }).max(200);
/** Job title as letters print it under the name, e.g. "Sagsbehandler"; empty for none. */
const titleSchema = z.string().trim().max(100).optional();
/** Direct phone as letters print it, e.g. "99 99 12 34" or "+45 99 99 12 34"; empty for none. */
const phoneSchema = z
  .string()
  .trim()
  .max(30)
  .regex(/^[0-9+\- ]*$/, { message: messageKey('errors.staff.phoneFormat') })
  .optional();

export const staffAccountInputSchema = z.strictObject({
  email: z.email().trim().toLowerCase().max(254),
  name: nameSchema,
  title: titleSchema,
  phone: phoneSchema,
  roles: z
    .array(z.enum(STAFF_ROLES))
    .min(1, { message: messageKey('errors.staff.roleRequired') })
    .refine((roles) => new Set(roles).size === roles.length, { message: messageKey('errors.list.duplicate') }),
  password: passwordSchema,
});

export const staffPasswordSchema = z.strictObject({ password: passwordSchema });

/** What letters and case pages print about a person: name, title, direct phone. */
export const staffProfileSchema = z.strictObject({ name: nameSchema, title: titleSchema, phone: phoneSchema });

/** Empty means none: stored as null. */
function optionalText(value: string | undefined): string | null {
  return value ? value : null;
}

export interface StaffAccountView {
  id: string;
  email: string;
  name: string;
  title: string | null;
  phone: string | null;
  roles: StaffRole[];
  active: boolean;
  createdAt: string;
  /** Sessions neither ended nor revoked (some may have timed out since). */
  openSessions: number;
}

const accountSelect = { id: true, email: true, name: true, title: true, phone: true, roles: true, active: true, createdAt: true } as const;

type AccountRow = { id: string; email: string; name: string; title: string | null; phone: string | null; roles: string[]; active: boolean; createdAt: Date };

async function toViews(db: Database, users: AccountRow[]): Promise<StaffAccountView[]> {
  const open = await db.staffSession.groupBy({
    by: ['userId'],
    where: { userId: { in: users.map((u) => u.id) }, revokedAt: null, expiresAt: { gt: new Date() } },
    _count: { _all: true },
  });
  const openBy = new Map(open.map((row) => [row.userId, row._count._all]));
  return users.map((user) => ({
    ...user,
    roles: user.roles.filter((role): role is StaffRole => (STAFF_ROLES as readonly string[]).includes(role)),
    createdAt: user.createdAt.toISOString(),
    openSessions: openBy.get(user.id) ?? 0,
  }));
}

export async function listStaffAccounts(db: Database): Promise<StaffAccountView[]> {
  const users = await db.staffUser.findMany({ orderBy: [{ active: 'desc' }, { name: 'asc' }], select: accountSelect });
  return toViews(db, users);
}

export async function findStaffAccount(db: Database, id: string): Promise<StaffAccountView | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const user = await db.staffUser.findUnique({ where: { id }, select: accountSelect });
  return user ? (await toViews(db, [user]))[0]! : null;
}

async function existingAccount(db: Database, id: string) {
  const account = await findStaffAccount(db, id);
  if (!account) throw new ApiError(404, 'not_found', 'errors.staff.notFound');
  return account;
}

export async function createStaffAccount(db: Database, actor: StaffIdentity, body: unknown, language: Language): Promise<StaffAccountView> {
  const input = validated(staffAccountInputSchema, body, language);
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.staffUser.create({
      data: { email: input.email, name: input.name, title: optionalText(input.title), phone: optionalText(input.phone), roles: input.roles, passwordHash },
      select: accountSelect,
    });
    await recordAudit(db, actor, 'staff.create', { details: { staffUserId: user.id, email: user.email, roles: input.roles } });
    return (await toViews(db, [user]))[0]!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError(409, 'email_taken', 'errors.staff.emailTaken', [{ path: 'email', message: messageKey('errors.staff.emailTaken') }]);
    throw error;
  }
}

/** Name, title and direct phone, as letters and case pages print them from now on. */
export async function updateStaffProfile(db: Database, actor: StaffIdentity, id: string, body: unknown, language: Language): Promise<StaffAccountView> {
  const account = await existingAccount(db, id);
  const input = validated(staffProfileSchema, body, language);
  const profile = { name: input.name, title: optionalText(input.title), phone: optionalText(input.phone) };
  await db.staffUser.update({ where: { id }, data: profile });
  await recordAudit(db, actor, 'staff.profile', { details: { staffUserId: id, email: account.email, ...profile } });
  return existingAccount(db, id);
}

/** Deactivating ends every session of the account at once; the account can no longer sign in. */
export async function deactivateStaffAccount(db: Database, actor: StaffIdentity, id: string): Promise<StaffAccountView> {
  const account = await existingAccount(db, id);
  // An administrator locking themselves out would leave no one to undo it.
  if (account.id === actor.id) throw new ApiError(409, 'not_yourself', 'errors.staff.notYourself');
  const revoked = await db.$transaction(async (tx) => {
    await tx.staffUser.update({ where: { id }, data: { active: false } });
    return tx.staffSession.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
  });
  await recordAudit(db, actor, 'staff.deactivate', { details: { staffUserId: id, email: account.email, sessionsEnded: revoked.count } });
  return existingAccount(db, id);
}

export async function reactivateStaffAccount(db: Database, actor: StaffIdentity, id: string): Promise<StaffAccountView> {
  const account = await existingAccount(db, id);
  await db.staffUser.update({ where: { id }, data: { active: true } });
  await recordAudit(db, actor, 'staff.reactivate', { details: { staffUserId: id, email: account.email } });
  return existingAccount(db, id);
}

/**
 * A new password ends the account's other sessions: whoever knew the old one is signed out.
 * The administrator's own current session (when they change their own password) stays.
 */
export async function setStaffPassword(db: Database, actor: StaffIdentity, id: string, body: unknown, language: Language, actorSessionHash?: string): Promise<StaffAccountView> {
  const account = await existingAccount(db, id);
  const { password } = validated(staffPasswordSchema, body, language);
  const passwordHash = await hashPassword(password);
  const revoked = await db.$transaction(async (tx) => {
    await tx.staffUser.update({ where: { id }, data: { passwordHash } });
    return tx.staffSession.updateMany({
      where: { userId: id, revokedAt: null, ...(actorSessionHash ? { tokenHash: { not: actorSessionHash } } : {}) },
      data: { revokedAt: new Date() },
    });
  });
  await recordAudit(db, actor, 'staff.password', { details: { staffUserId: id, email: account.email, sessionsEnded: revoked.count } });
  return existingAccount(db, id);
}
