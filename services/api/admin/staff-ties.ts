import type { Database } from '../../../lib/db';
import type { Language } from '../../../lib/languages';
import type { StaffIdentity } from '../../../lib/staff-auth';
import { tieDeclarationSchema } from '../../../domain/inhabilitet-schema';
import type { Jurisdiction } from '../../../domain/jurisdiction';
import { recordAudit } from '../audit/log';
import { ApiError } from '../http/errors';
import { validated } from './validated';

// Staff members' declared ties to associations (inhabilitet), shared by the JSON API and the
// profile page: the same rules and the same audit rows either way. A declaration is never
// deleted: withdrawing it stamps when, so the audit trail shows who was barred when.

const TIE_FIELDS = { id: true, cvr: true, kind: true, note: true, declaredAt: true, withdrawnAt: true } as const;

export type StaffTieView = Awaited<ReturnType<typeof ownTies>>[number];

/** The staff member's own declarations, standing ones first, newest first. */
export function ownTies(db: Database, staff: StaffIdentity) {
  return db.staffTie.findMany({ where: { staffUserId: staff.id }, select: TIE_FIELDS, orderBy: [{ withdrawnAt: { sort: 'desc', nulls: 'first' } }, { declaredAt: 'desc' }] });
}

/** Every staff member's declarations, with whose they are (admin). */
export function allTies(db: Database) {
  return db.staffTie.findMany({
    select: { ...TIE_FIELDS, staffUser: { select: { id: true, email: true, name: true } } },
    orderBy: [{ withdrawnAt: { sort: 'desc', nulls: 'first' } }, { declaredAt: 'desc' }],
  });
}

/** Declares a tie (400 naming the field for a bad organisation number, kind or missing note); audited. */
export async function declareTie(db: Database, staff: StaffIdentity, input: unknown, language: Language, jurisdiction: Jurisdiction) {
  const { cvr, kind, note } = validated(tieDeclarationSchema(jurisdiction), input, language);
  const tie = await db.staffTie.create({ data: { staffUserId: staff.id, cvr, kind, note }, select: TIE_FIELDS });
  await recordAudit(db, staff, 'staff.tie_declare', { details: { tieId: tie.id, cvr, kind, ...(note ? { note } : {}) } });
  return tie;
}

/** Withdraws one of the staff member's own standing declarations (404 otherwise); audited. */
export async function withdrawTie(db: Database, staff: StaffIdentity, tieId: string) {
  const standing = /^[0-9a-f-]{36}$/i.test(tieId) ? await db.staffTie.findFirst({ where: { id: tieId, staffUserId: staff.id, withdrawnAt: null } }) : null;
  if (!standing) throw new ApiError(404, 'not_found', 'errors.tie.notFound');
  const tie = await db.staffTie.update({ where: { id: standing.id }, data: { withdrawnAt: new Date() }, select: TIE_FIELDS });
  await recordAudit(db, staff, 'staff.tie_withdraw', { details: { tieId: tie.id, cvr: tie.cvr, kind: tie.kind } });
  return tie;
}
