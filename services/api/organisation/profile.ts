import type { Database } from '../../../lib/db';
import type { BusinessRegister } from '../../../lib/register';
import { PROFILE_FIELDS, profileFromApplication, registerRefreshDue, type LastApplication, type ProfileInput, type StoredProfile } from '../../../domain/organisation-profile';
import type { SignedInMember } from './session';

// The association's profile as stored: read (made from the last application the first time),
// changed by a member on its own page, and refreshed from the business register. Each change is
// an organisation event with who and when, in the log the members page shows.

export type ProfileRow = NonNullable<Awaited<ReturnType<typeof findProfile>>>;

function findProfile(db: Database, organisationId: string) {
  return db.organisationProfile.findUnique({ where: { organisationId } });
}

/** The organisation's last submitted application: its answers carry over to the next one. */
export async function lastSubmittedApplication(db: Database, number: string): Promise<LastApplication | null> {
  return db.application.findFirst({
    where: { organizationCvr: number, submittedAt: { not: null }, anonymisedAt: null },
    orderBy: { submittedAt: 'desc' },
    select: { id: true, submission: true, payoutAccount: true },
  });
}

/** The profile, made the first time from what the organisation's last application said. */
export async function profileOf(db: Database, organisation: SignedInMember['organisation']): Promise<ProfileRow> {
  const existing = await findProfile(db, organisation.id);
  if (existing) return existing;
  const first = profileFromApplication(organisation.name, await lastSubmittedApplication(db, organisation.number));
  await db.organisationProfile.createMany({ data: [{ organisationId: organisation.id, ...first }], skipDuplicates: true });
  return (await findProfile(db, organisation.id))!;
}

export function storedProfile(row: ProfileRow): StoredProfile {
  const { name, street, postcode, city, email, phone, contactName, contactEmail, contactPhone, bankAccount } = row;
  return { name, street, postcode, city, email, phone, contactName, contactEmail, contactPhone, bankAccount };
}

/** Saves the member's changes; the event names the fields that changed (none changed: no event). */
export async function saveProfile(db: Database, signedIn: SignedInMember, input: ProfileInput, now = new Date()): Promise<string[]> {
  const before = storedProfile(await profileOf(db, signedIn.organisation));
  // Norway's form has the account; Denmark's has none, and keeps whatever is stored (nothing).
  const account = (input as { bankAccount?: string }).bankAccount;
  const after: StoredProfile = { ...before, ...input, phone: input.phone ?? null, contactPhone: input.contactPhone ?? null, bankAccount: account ?? before.bankAccount };
  const changed = PROFILE_FIELDS.filter((field) => (before[field] ?? null) !== (after[field] ?? null));
  if (!changed.length) return changed;
  await db.$transaction([
    db.organisationProfile.update({ where: { organisationId: signedIn.organisation.id }, data: { ...after, updatedAt: now } }),
    db.organisationEvent.create({ data: { organisationId: signedIn.organisation.id, type: 'profile_changed', actor: signedIn.member.email, subject: changed.join(', '), occurredAt: now } }),
  ]);
  return changed;
}

export type RegisterRefresh = 'refreshed' | 'unchanged' | 'notFound' | 'unavailable';

/**
 * Reads the register and takes its name and address into the profile. A register that does not
 * answer changes nothing (the page says so); one that has no such number records only that it
 * was asked.
 */
export async function refreshFromRegister(db: Database, register: BusinessRegister, signedIn: SignedInMember, now = new Date()): Promise<RegisterRefresh> {
  const organisationId = signedIn.organisation.id;
  const profile = await profileOf(db, signedIn.organisation);
  let lookup;
  try {
    lookup = await register.lookup(signedIn.organisation.number);
  } catch {
    // Whatever kept the register from answering (RegisterUnavailableError, or a reply it could
    // not read), the profile stays as it was and the page says so: never an error page.
    return 'unavailable';
  }
  if (!lookup.found) {
    await db.organisationProfile.update({ where: { organisationId }, data: { registerTriedAt: now } });
    return 'notFound';
  }
  const { entity } = lookup;
  const address = entity.address ? { street: entity.address.street, postcode: entity.address.postalCode, city: entity.address.city } : undefined;
  const taken = { name: entity.name, ...address };
  const changes = (Object.keys(taken) as (keyof typeof taken)[]).filter((field) => profile[field] !== taken[field]);
  const registerFields = {
    registerName: entity.name,
    registerAddress: address ? `${address.street}, ${address.postcode} ${address.city}` : null,
    registerStatus: entity.status,
    registerReadAt: now,
    registerTriedAt: now,
  };
  if (!changes.length) {
    await db.organisationProfile.update({ where: { organisationId }, data: registerFields });
    return 'unchanged';
  }
  await db.$transaction([
    db.organisationProfile.update({ where: { organisationId }, data: { ...taken, ...registerFields, updatedAt: now } }),
    db.organisationEvent.create({ data: { organisationId, type: 'profile_refreshed_from_register', actor: signedIn.member.email, subject: changes.join(', '), occurredAt: now } }),
  ]);
  return 'refreshed';
}

/** On opening the profile: the register is asked at most once a day per organisation. */
export async function refreshWhenDue(db: Database, register: BusinessRegister, signedIn: SignedInMember, now = new Date()): Promise<RegisterRefresh | undefined> {
  const profile = await profileOf(db, signedIn.organisation);
  if (!registerRefreshDue(profile.registerTriedAt, now)) return undefined;
  return refreshFromRegister(db, register, signedIn, now);
}
