import { z } from 'zod';
import { messageKey } from './message-key';
import { jurisdictionRules, perJurisdiction, type Jurisdiction } from './jurisdiction';
import { bankAccountSchema } from './bank-account-input';
import type { DraftAnswers } from './draft-steps';

// The association's profile (README "Organisation access"): kept once per organisation, edited
// only on its own page, and the start of every new application a member begins. What carries
// over from one application to the next is what describes the association — who it is, where,
// how to reach it and where its money goes — never the project, its budget or its dates.

/** The register is asked again on opening the profile at most this often. */
export const REGISTER_REFRESH_HOURS = 24;

const required = (max: number) => z.string().trim().min(1).max(max);
const email = z.string().trim().toLowerCase().pipe(z.email().max(254));
// The application form's own rule for a telephone number.
const phone = z.string().trim().regex(/^\+?[\d\s-]{8,20}$/).optional();

function buildProfileSchema(jurisdiction: Jurisdiction) {
  return z.strictObject({
    name: required(200),
    street: required(200),
    postcode: z.string().trim().regex(/^\d{4}$/, { message: messageKey('profile.errors.postcode') }),
    city: required(100),
    email,
    phone,
    contactName: required(200),
    contactEmail: email,
    contactPhone: phone,
    // Where the grant is paid in a jurisdiction without NemKonto (NO); nothing asked in Denmark.
    ...(jurisdictionRules(jurisdiction).payout.collectsAccount ? { bankAccount: bankAccountSchema } : {}),
  });
}

/** The profile form's one schema, per jurisdiction (Norway asks for the kontonummer). */
export const profileSchema = perJurisdiction(buildProfileSchema);

export type ProfileInput = z.output<ReturnType<typeof profileSchema>>;

export const PROFILE_FIELDS = ['name', 'street', 'postcode', 'city', 'email', 'phone', 'contactName', 'contactEmail', 'contactPhone', 'bankAccount'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** A posted profile form as the schema reads it: trimmed text, an empty field as a missing one. */
export function profileFormInput(body: Record<string, unknown>, jurisdiction: Jurisdiction): Record<string, string | undefined> {
  const fields = PROFILE_FIELDS.filter((field) => field !== 'bankAccount' || jurisdictionRules(jurisdiction).payout.collectsAccount);
  return Object.fromEntries(
    fields.map((field) => {
      const value = typeof body[field] === 'string' ? (body[field] as string).trim() : '';
      return [field, value === '' ? undefined : value];
    }),
  );
}

/** A profile as stored: every text present (empty when not known yet). */
export interface StoredProfile {
  name: string;
  street: string;
  postcode: string;
  city: string;
  email: string;
  phone: string | null;
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
  bankAccount: string | null;
}

/** The address on one line, as the application form's address field holds it (and the register fills it). */
export function addressLine(parts: { street: string; postcode: string; city: string }): string {
  const place = [parts.postcode, parts.city].filter(Boolean).join(' ');
  return [parts.street, place].filter(Boolean).join(', ');
}

/** An address line split back into its parts ("Kirkestræde 4, 9991 Eksempelby"); the whole line as the street otherwise. */
export function addressParts(line: string): { street: string; postcode: string; city: string } {
  const match = /^(.+?),\s*(\d{4})\s+(.+)$/.exec(line.trim());
  return match ? { street: match[1]!, postcode: match[2]!, city: match[3]! } : { street: line.trim(), postcode: '', city: '' };
}

/** The organisation and contact answers of the association's last submitted application. */
export interface LastApplication {
  id: string;
  submission: unknown;
  payoutAccount: string | null;
}

interface SubmittedParts {
  organization?: { name?: unknown; email?: unknown; phone?: unknown; address?: unknown };
  contact?: { name?: unknown; email?: unknown; phone?: unknown };
}

const present = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

export interface Prefill {
  answers: DraftAnswers;
  /** What the pre-fill came from: the profile, and the last application's id when it added anything. */
  prefilledFrom: { profile: boolean; applicationId?: string };
}

/**
 * A new draft's answers for a member's organisation: the profile first (it is what the association
 * keeps up to date), the last application for what the profile does not hold. Only the
 * organisation and contact steps: the project, budget, dates and declarations start empty.
 */
export function prefillAnswers(organisationNumber: string, profile: StoredProfile | null, last: LastApplication | null, jurisdiction: Jurisdiction): Prefill {
  const previous = (last?.submission ?? {}) as SubmittedParts;
  const fromProfile = (value: string | null | undefined) => (profile ? present(value) : undefined);
  let usedLast = false;
  const pick = (mine: string | undefined, theirs: unknown): string | undefined => {
    if (mine !== undefined) return mine;
    const fallback = present(theirs);
    if (fallback !== undefined) usedLast = true;
    return fallback;
  };
  const organization = {
    cvr: organisationNumber,
    name: pick(fromProfile(profile?.name), previous.organization?.name),
    email: pick(fromProfile(profile?.email), previous.organization?.email),
    phone: pick(fromProfile(profile?.phone), previous.organization?.phone),
    address: pick(profile ? present(addressLine(profile)) : undefined, previous.organization?.address),
    ...(jurisdictionRules(jurisdiction).payout.collectsAccount ? { bankAccount: pick(fromProfile(profile?.bankAccount), last?.payoutAccount) } : {}),
  };
  const contact = {
    name: pick(fromProfile(profile?.contactName), previous.contact?.name),
    email: pick(fromProfile(profile?.contactEmail), previous.contact?.email),
    phone: pick(fromProfile(profile?.contactPhone), previous.contact?.phone),
  };
  const defined = (record: Record<string, string | undefined>) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
  return {
    answers: { applicant: { kind: 'association' }, organization: defined(organization), contact: defined(contact) },
    prefilledFrom: { profile: profile !== null, ...(usedLast && last ? { applicationId: last.id } : {}) },
  };
}

/** The steps a pre-fill fills in, which show the notice to check them. */
export const PREFILLED_STEPS = ['organization', 'contact'] as const;

/** A profile's first values: what the last application said, where there is one. */
export function profileFromApplication(name: string, last: LastApplication | null): StoredProfile {
  const previous = (last?.submission ?? {}) as SubmittedParts;
  const text = (value: unknown) => present(value) ?? '';
  return {
    name: text(previous.organization?.name) || name,
    ...addressParts(text(previous.organization?.address)),
    email: text(previous.organization?.email),
    phone: present(previous.organization?.phone) ?? null,
    contactName: text(previous.contact?.name),
    contactEmail: text(previous.contact?.email),
    contactPhone: present(previous.contact?.phone) ?? null,
    bankAccount: last?.payoutAccount ?? null,
  };
}

/** Whether opening the profile asks the register again: never asked, or not within the last day. */
export function registerRefreshDue(triedAt: Date | null, now: Date): boolean {
  return !triedAt || now.getTime() - triedAt.getTime() >= REGISTER_REFRESH_HOURS * 3600_000;
}
