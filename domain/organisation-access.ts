import { z } from 'zod';
import type { Jurisdiction } from '../lib/jurisdiction';
import { jurisdictionRules } from './jurisdiction';
import { organizationNumberRule } from '../lib/organization-number';
import { messageKey } from './message-key';

// The rules of an association's shared access (README "Organisation access"): who may ask for a
// sign-in link, how long it works, and what the administrator may do with the membership.

/** A sign-in link works this long, and once. */
export const SIGN_IN_LINK_MINUTES = 20;
/** A member's browser stays signed in this long at most (then a new link). */
export const MEMBER_SESSION_HOURS = 12;

export type MemberRole = 'admin' | 'member';

const email = z
  .string({ message: messageKey('organisation.errors.email') })
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: messageKey('organisation.errors.email') }).max(254, { message: messageKey('organisation.errors.email') }));

/** The sign-in form: the organisation's number (CVR or organisasjonsnummer, as the jurisdiction has it) and an address. */
export function signInRequestSchema(jurisdiction: Jurisdiction) {
  const rule = organizationNumberRule(jurisdiction);
  const { texts } = jurisdictionRules(jurisdiction);
  // The same messages as the application form's number field: the number of digits, then the check digit.
  return z.strictObject({
    organisationNumber: z
      .string({ message: messageKey(texts.formatError) })
      .transform((value) => rule.normalize(value))
      .refine((value) => new RegExp(`^\\d{${rule.digits}}$`).test(value), { message: messageKey(texts.formatError), abort: true })
      .refine((value) => rule.isValid(value), { message: messageKey(texts.checkDigitError) }),
    email,
  });
}

export type SignInRequest = z.output<ReturnType<typeof signInRequestSchema>>;

/** The administrator's invitation: an address. */
export const invitationSchema = z.strictObject({ email });

/** Removing a member, or handing the administrator's role to one: which member. */
export const memberChoiceSchema = z.strictObject({ memberId: z.uuid({ message: messageKey('organisation.errors.noSuchMember') }) });

/**
 * Who may become an organisation's first member (and so its administrator): someone whose address
 * the organisation itself gave us, as the contact person or the association's own address of an
 * application, or as the contact person of a draft, under this organisation number. The link to
 * that mailbox proves the person reads it; an address nobody of the organisation ever gave cannot
 * claim it. Once there are members, only the administrator lets others in.
 */
export function mayBecomeFirstMember(address: string, addressesGiven: readonly string[]): boolean {
  return addressesGiven.some((given) => given.trim().toLowerCase() === address);
}

export type MembershipRefusal = 'alreadyMember' | 'noSuchMember' | 'lastAdministrator' | 'notAdministrator' | 'alreadyAdministrator';

interface Member {
  id: string;
  email: string;
  role: MemberRole | string;
}

/** Whether the administrator may invite the address: never someone who is a member already. */
export function invitationRefusal(members: readonly Member[], address: string): MembershipRefusal | undefined {
  return members.some((member) => member.email === address) ? 'alreadyMember' : undefined;
}

/**
 * Whether the member may be removed: the administrator removes others; the administrator cannot be
 * removed (nor leave) while they hold the role, since an organisation with members always has one —
 * they hand it over first.
 */
export function removalRefusal(members: readonly Member[], memberId: string): MembershipRefusal | undefined {
  const member = members.find((candidate) => candidate.id === memberId);
  if (!member) return 'noSuchMember';
  if (member.role === 'admin') return 'lastAdministrator';
  return undefined;
}

/** Whether the role may go to this member: another member of the same organisation. */
export function handoverRefusal(members: readonly Member[], memberId: string, adminId: string): MembershipRefusal | undefined {
  const member = members.find((candidate) => candidate.id === memberId);
  if (!member) return 'noSuchMember';
  if (member.id === adminId) return 'alreadyAdministrator';
  return undefined;
}

/** How a member signed in: the one-time email link, or the organisations' OpenID provider. */
export type SignInMethod = 'email' | 'oidc';

/**
 * The organisation number the provider vouches for, from its claim (MitID Erhverv's CVR claim, or
 * the claim a Norwegian broker uses for the organisasjonsnummer), read by the jurisdiction's rule:
 * undefined when the claim is missing or holds no valid number.
 */
export function organisationNumberFromClaim(value: unknown, jurisdiction: Jurisdiction): string | undefined {
  const raw = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof raw !== 'string') return undefined;
  const rule = organizationNumberRule(jurisdiction);
  const number = rule.normalize(raw);
  return new RegExp(`^\\d{${rule.digits}}$`).test(number) && rule.isValid(number) ? number : undefined;
}

/** The person's address from the provider's email claim, lower-cased; undefined when it is none. */
export function emailFromClaim(value: unknown): string | undefined {
  const parsed = email.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

interface ProviderMember {
  id: string;
  email: string;
  providerSubject: string | null;
}

export type ProviderSignInDecision =
  | { outcome: 'member'; memberId: string; storeSubject: boolean }
  | { outcome: 'firstMember' }
  | { outcome: 'notMember' }
  | { outcome: 'noEmail' };

/**
 * Who a person the provider signed in, for the organisation number it vouches for, is here (README
 * "Organisation access", sign-in through a provider):
 * (a) the member whose provider identity is stored — whatever their address is now;
 * (b) else the member with the same address who has no provider identity yet: it is stored, so
 *     later sign-ins find them by it (a member whose stored identity is another person's stays
 *     theirs: two identities never share one membership);
 * (c) else, while the organisation has no members, the first member and administrator: the
 *     provider's assertion that this person acts for the number is at least as strong as the email
 *     rule's address given on an application;
 * (d) else not a member: the administrator lets people in.
 * The provider's address is needed for (b) and (c); without it only (a) signs in.
 */
export function providerSignInDecision(members: readonly ProviderMember[], person: { subject: string; email?: string }): ProviderSignInDecision {
  const bySubject = members.find((member) => member.providerSubject === person.subject);
  if (bySubject) return { outcome: 'member', memberId: bySubject.id, storeSubject: false };
  if (!person.email) return members.length ? { outcome: 'notMember' } : { outcome: 'noEmail' };
  const byEmail = members.find((member) => member.email === person.email);
  if (byEmail) return byEmail.providerSubject === null ? { outcome: 'member', memberId: byEmail.id, storeSubject: true } : { outcome: 'notMember' };
  return members.length ? { outcome: 'notMember' } : { outcome: 'firstMember' };
}
