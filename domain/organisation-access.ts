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
