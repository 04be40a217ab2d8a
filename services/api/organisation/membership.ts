import type { Prisma } from '../../../prisma/generated/client';
import type { Database } from '../../../lib/db';
import type { Language } from '../../../lib/languages';
import { enqueueOnce } from '../../../lib/outbox';
import { renderOrganisationInvitationEmail } from '../../../documents/email';
import { handoverRefusal, invitationRefusal, removalRefusal, type MembershipRefusal } from '../../../domain/organisation-access';
import type { MessageKey } from '../../../locale';
import { ApiError } from '../http/errors';
import { SIGN_IN_PATH, organisationUrl } from './paths';
import type { SignedInMember } from './session';
import type { SignInDeps } from './sign-in';

const REFUSAL: Record<MembershipRefusal, { status: number; key: MessageKey }> = {
  alreadyMember: { status: 409, key: 'organisation.errors.alreadyMember' },
  noSuchMember: { status: 404, key: 'organisation.errors.noSuchMember' },
  lastAdministrator: { status: 409, key: 'organisation.errors.lastAdministrator' },
  notAdministrator: { status: 403, key: 'organisation.errors.notAdministrator' },
  alreadyAdministrator: { status: 409, key: 'organisation.errors.alreadyAdministrator' },
};

function refuse(refusal: MembershipRefusal, field: string): never {
  const { status, key } = REFUSAL[refusal];
  throw new ApiError(status, `organisation_${refusal.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`, key, [{ path: field, message: `i18n:${key}` }]);
}

/**
 * Runs a change to the membership as the administrator, with the organisation's row locked, so two
 * administrators' pages (an old tab after a handover) cannot act at once, and the members read are
 * the ones the change applies to.
 */
async function asAdministrator<T>(db: Database, signedIn: SignedInMember, change: (tx: Prisma.TransactionClient, members: { id: string; email: string; role: string }[]) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM organisations WHERE id = ${signedIn.organisation.id}::uuid FOR UPDATE`;
    const members = await tx.organisationMember.findMany({ where: { organisationId: signedIn.organisation.id }, orderBy: { createdAt: 'asc' } });
    const me = members.find((member) => member.id === signedIn.member.id);
    if (!me || me.role !== 'admin') refuse('notAdministrator', 'memberId');
    return change(tx, members);
  });
}

/** The organisation's members, administrator first. */
export function membersOf(db: Database, organisationId: string) {
  return db.organisationMember.findMany({ where: { organisationId }, orderBy: [{ role: 'asc' }, { createdAt: 'asc' }], select: { id: true, email: true, role: true, createdAt: true } });
}

/** Adds a member (never one who is a member already) and tells them where to sign in. */
export async function inviteMember(deps: SignInDeps, signedIn: SignedInMember, email: string, language: Language, now = new Date()): Promise<void> {
  const member = await asAdministrator(deps.db, signedIn, async (tx, members) => {
    const refusal = invitationRefusal(members, email);
    if (refusal) refuse(refusal, 'email');
    const created = await tx.organisationMember.create({ data: { organisationId: signedIn.organisation.id, email, role: 'member', createdAt: now } });
    await tx.organisationEvent.create({ data: { organisationId: signedIn.organisation.id, type: 'member_invited', actor: signedIn.member.email, subject: email, occurredAt: now } });
    return created;
  });
  await enqueueOnce(deps.db, { messageKey: `organisation-invitation:${member.id}`, applicationId: null, kind: 'organisation_invitation', attachmentIds: [] }, async () => ({
    recipient: email,
    ...renderOrganisationInvitationEmail(
      {
        municipalityName: deps.municipalityName,
        organisationName: signedIn.organisation.name,
        invitedBy: signedIn.member.email,
        signInPageUrl: organisationUrl(deps.publicBaseUrl, SIGN_IN_PATH, language),
        contact: deps.municipalityContact,
      },
      language,
    ),
  }));
}

/** Removes a member; their sessions end with the membership. Never the administrator. */
export async function removeMember(db: Database, signedIn: SignedInMember, memberId: string, now = new Date()): Promise<void> {
  await asAdministrator(db, signedIn, async (tx, members) => {
    const refusal = removalRefusal(members, memberId);
    if (refusal) refuse(refusal, 'memberId');
    const removed = members.find((member) => member.id === memberId)!;
    await tx.organisationMember.delete({ where: { id: memberId } });
    await tx.organisationEvent.create({ data: { organisationId: signedIn.organisation.id, type: 'member_removed', actor: signedIn.member.email, subject: removed.email, occurredAt: now } });
  });
}

/** Hands the administrator's role to another member; the one handing it over stays a member. */
export async function handOverAdministrator(db: Database, signedIn: SignedInMember, memberId: string, now = new Date()): Promise<void> {
  await asAdministrator(db, signedIn, async (tx, members) => {
    const refusal = handoverRefusal(members, memberId, signedIn.member.id);
    if (refusal) refuse(refusal, 'memberId');
    const successor = members.find((member) => member.id === memberId)!;
    await tx.organisationMember.update({ where: { id: signedIn.member.id }, data: { role: 'member' } });
    await tx.organisationMember.update({ where: { id: memberId }, data: { role: 'admin' } });
    await tx.organisationEvent.create({ data: { organisationId: signedIn.organisation.id, type: 'administrator_handed_over', actor: signedIn.member.email, subject: successor.email, occurredAt: now } });
  });
}
