import type { Prisma } from '../../../prisma/generated/client';
import type { Database } from '../../../lib/db';
import { providerSignInDecision } from '../../../domain/organisation-access';
import { givenByOrganisation, openMemberSession } from './sign-in';

/** The person the provider signed in, for the organisation number it vouches for. */
export interface ProviderPerson {
  organisationNumber: string;
  /** "<issuer> <sub>": stable across changed addresses. */
  subject: string;
  /** Lower-cased; the provider may give none. */
  email?: string;
}

export type ProviderSignInResult = { sessionToken: string } | { refused: 'notMember' | 'noEmail' };

/** The organisation's row, locked (two first sign-ins at once make one administrator), and its members. */
async function lockedOrganisation(tx: Prisma.TransactionClient, number: string) {
  const [organisation] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM organisations WHERE number = ${number} FOR UPDATE`;
  if (!organisation) return undefined;
  const members = await tx.organisationMember.findMany({ where: { organisationId: organisation.id }, select: { id: true, email: true, providerSubject: true } });
  return { id: organisation.id, members };
}

/**
 * Opens a member session for a person the organisations' OpenID provider signed in, by the rules of
 * domain/organisation-access (providerSignInDecision): a member found by their stored provider
 * identity or their address (the identity is stored then), or the first member of an organisation
 * without members. A person who is not a member is refused, and nothing is stored.
 */
export async function signInWithProvider(db: Database, person: ProviderPerson, now = new Date()): Promise<ProviderSignInResult> {
  const given = await givenByOrganisation(db, person.organisationNumber);
  return db.$transaction(async (tx) => {
    let organisation = await lockedOrganisation(tx, person.organisationNumber);
    let decision = providerSignInDecision(organisation?.members ?? [], person);
    if (decision.outcome === 'firstMember' && !organisation) {
      await tx.organisation.upsert({ where: { number: person.organisationNumber }, create: { number: person.organisationNumber, name: given.name ?? person.organisationNumber }, update: {} });
      organisation = (await lockedOrganisation(tx, person.organisationNumber))!;
      decision = providerSignInDecision(organisation.members, person);
    }
    if (decision.outcome === 'notMember' || decision.outcome === 'noEmail') return { refused: decision.outcome };
    const organisationId = organisation!.id;
    let member: { id: string; email: string };
    if (decision.outcome === 'firstMember') {
      const email = person.email!;
      member = await tx.organisationMember.create({ data: { organisationId, email, role: 'admin', providerSubject: person.subject, createdAt: now } });
      await tx.organisationEvent.create({ data: { organisationId, type: 'first_member', actor: email, subject: email, method: 'oidc', occurredAt: now } });
    } else {
      const { memberId } = decision;
      member = organisation!.members.find((candidate) => candidate.id === memberId)!;
      if (decision.storeSubject) await tx.organisationMember.update({ where: { id: member.id }, data: { providerSubject: person.subject } });
    }
    return { sessionToken: await openMemberSession(tx, { organisationId, memberId: member.id, email: member.email }, 'oidc', now) };
  });
}
