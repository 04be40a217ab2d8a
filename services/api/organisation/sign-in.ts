import type { Prisma } from '../../../prisma/generated/client';
import type { Database } from '../../../lib/db';
import type { Language } from '../../../lib/languages';
import { enqueueOnce } from '../../../lib/outbox';
import { generateAccessToken, sha256Hex } from '../../../lib/tokens';
import { renderOrganisationSignInEmail } from '../../../documents/email';
import { MEMBER_SESSION_HOURS, SIGN_IN_LINK_MINUTES, mayBecomeFirstMember, type SignInMethod, type SignInRequest } from '../../../domain/organisation-access';
import type { RateLimits } from '../http/rate-limits';
import { SIGN_IN_LINK_PATH, organisationUrl } from './paths';

const MINUTE_MS = 60_000;

export interface SignInDeps {
  db: Database;
  rateLimits: Pick<RateLimits, 'countEmailTo'>;
  publicBaseUrl: string;
  municipalityName: string;
  municipalityContact: { name: string; phone: string; email: string };
}

/** The addresses the organisation gave us itself (applications and drafts under its number), and its latest name. */
export async function givenByOrganisation(db: Database, number: string): Promise<{ addresses: string[]; name?: string }> {
  const applications = await db.application.findMany({
    where: { organizationCvr: number, anonymisedAt: null },
    select: { contactEmail: true, organizationEmail: true, organizationName: true },
    orderBy: { createdAt: 'desc' },
    take: 50,
  });
  const drafts = await db.applicationDraft.findMany({
    where: { anonymisedAt: null, data: { path: ['answers', 'organization', 'cvr'], equals: number } },
    select: { data: true },
    orderBy: { createdAt: 'desc' },
    take: 50,
  });
  const draftAnswers = drafts.map((draft) => (draft.data as { answers?: { organization?: { name?: unknown; email?: unknown }; contact?: { email?: unknown } } }).answers ?? {});
  const addresses = [
    ...applications.flatMap((application) => [application.contactEmail, application.organizationEmail]),
    ...draftAnswers.flatMap((answers) => [answers.contact?.email, answers.organization?.email]),
  ].filter((address): address is string => typeof address === 'string' && address.length > 0);
  const draftName = draftAnswers.map((answers) => answers.organization?.name).find((name): name is string => typeof name === 'string' && name.trim().length > 0);
  return { addresses, name: applications[0]?.organizationName ?? draftName };
}

/**
 * Mails a one-time sign-in link when the address may sign in to the organisation: as a member, or
 * — while it has none — as an address the organisation gave us itself (domain/organisation-access).
 * Otherwise nothing is sent; the caller answers the same either way, and the address is counted
 * against the per-recipient limit in both cases, so the answer tells no one who is a member.
 */
export async function requestSignInLink(deps: SignInDeps, input: SignInRequest, language: Language, now = new Date()): Promise<void> {
  const { db } = deps;
  await deps.rateLimits.countEmailTo(input.email);
  const organisation = await db.organisation.findUnique({ where: { number: input.organisationNumber }, include: { members: { select: { email: true } } } });
  let name: string | undefined;
  if (organisation && organisation.members.length > 0) {
    if (!organisation.members.some((member) => member.email === input.email)) return;
    name = organisation.name;
  } else {
    const given = await givenByOrganisation(db, input.organisationNumber);
    if (!mayBecomeFirstMember(input.email, given.addresses)) return;
    name = organisation?.name ?? given.name ?? input.organisationNumber;
  }
  const token = generateAccessToken();
  const tokenHash = sha256Hex(token);
  await db.organisationSignInToken.create({
    data: { tokenHash, organisationNumber: input.organisationNumber, email: input.email, createdAt: now, expiresAt: new Date(now.getTime() + SIGN_IN_LINK_MINUTES * MINUTE_MS) },
  });
  await enqueueOnce(db, { messageKey: `organisation-sign-in:${tokenHash}`, applicationId: null, kind: 'organisation_sign_in', attachmentIds: [] }, async () => ({
    recipient: input.email,
    ...renderOrganisationSignInEmail(
      {
        municipalityName: deps.municipalityName,
        organisationName: name,
        signInUrl: organisationUrl(deps.publicBaseUrl, SIGN_IN_LINK_PATH, language, token),
        validMinutes: SIGN_IN_LINK_MINUTES,
        contact: deps.municipalityContact,
      },
      language,
    ),
  }));
}

/** A sign-in link's token while it works: unused and not expired. */
export async function pendingSignIn(db: Database, token: string, now = new Date()) {
  const row = await db.organisationSignInToken.findUnique({ where: { tokenHash: sha256Hex(token) } });
  if (!row || row.usedAt || row.expiresAt.getTime() <= now.getTime()) return undefined;
  return row;
}

/**
 * Uses a sign-in link up and opens a member session: the member's, or — when the organisation has
 * no members yet and the address may become the first — a new membership as administrator. The
 * organisation row is locked, so two first sign-ins at once make one administrator. Undefined when
 * the link does not work (unknown, used, expired) or the address may no longer sign in (removed, or
 * someone else became the first member meanwhile); nothing is stored then.
 */
export async function signInWithLink(db: Database, token: string, now = new Date()): Promise<{ sessionToken: string } | undefined> {
  const pending = await pendingSignIn(db, token, now);
  if (!pending) return undefined;
  const given = await givenByOrganisation(db, pending.organisationNumber);
  return db.$transaction(async (tx) => {
    const used = await tx.organisationSignInToken.updateMany({ where: { tokenHash: pending.tokenHash, usedAt: null }, data: { usedAt: now } });
    if (used.count !== 1) return undefined;
    await tx.organisation.upsert({ where: { number: pending.organisationNumber }, create: { number: pending.organisationNumber, name: given.name ?? pending.organisationNumber }, update: {} });
    const [organisation] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM organisations WHERE number = ${pending.organisationNumber} FOR UPDATE`;
    const members = await tx.organisationMember.findMany({ where: { organisationId: organisation!.id } });
    let member = members.find((candidate) => candidate.email === pending.email);
    if (!member) {
      if (members.length > 0 || !mayBecomeFirstMember(pending.email, given.addresses)) throw new LinkRefused();
      member = await tx.organisationMember.create({ data: { organisationId: organisation!.id, email: pending.email, role: 'admin', createdAt: now } });
      await tx.organisationEvent.create({ data: { organisationId: organisation!.id, type: 'first_member', actor: pending.email, subject: pending.email, method: 'email', occurredAt: now } });
    }
    return { sessionToken: await openMemberSession(tx, { organisationId: organisation!.id, memberId: member.id, email: member.email }, 'email', now) };
  }).catch((error: unknown) => {
    // The transaction rolled back: the link stays as it was (unused), and works for nobody now.
    if (error instanceof LinkRefused) return undefined;
    throw error;
  });
}

class LinkRefused extends Error {}

/** Opens a member's session, and records the sign-in and how it was made. */
export async function openMemberSession(tx: Prisma.TransactionClient, member: { organisationId: string; memberId: string; email: string }, method: SignInMethod, now: Date): Promise<string> {
  const sessionToken = generateAccessToken();
  await tx.organisationSession.create({ data: { tokenHash: sha256Hex(sessionToken), memberId: member.memberId, createdAt: now, expiresAt: new Date(now.getTime() + MEMBER_SESSION_HOURS * 60 * MINUTE_MS) } });
  await tx.organisationEvent.create({ data: { organisationId: member.organisationId, type: 'signed_in', actor: member.email, subject: member.email, method, occurredAt: now } });
  return sessionToken;
}
