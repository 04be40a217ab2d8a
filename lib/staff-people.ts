import type { Database } from './db';

/** A staff member as letters, emails and case pages name them: never by their email address. */
export interface StaffPerson {
  email: string;
  name: string;
  title?: string;
  phone?: string;
}

/**
 * The name to print, or undefined when there is none worth printing. An account's name is
 * required, but one that is blank or is itself an email address is no name: callers then fall
 * back to the department, never to the email.
 */
export function printableName(name: string | null | undefined): string | undefined {
  const trimmed = name?.trim();
  return trimmed && !trimmed.includes('@') ? trimmed : undefined;
}

function toPerson(user: { email: string; name: string; title: string | null; phone: string | null }): StaffPerson | undefined {
  const name = printableName(user.name);
  if (!name) return undefined;
  return { email: user.email, name, title: user.title?.trim() || undefined, phone: user.phone?.trim() || undefined };
}

/** The staff members with these email addresses (as cases record who did what), by email. */
export async function findStaffPeople(db: Database, emails: readonly (string | null | undefined)[]): Promise<Map<string, StaffPerson>> {
  const wanted = [...new Set(emails.filter((e): e is string => typeof e === 'string' && e.length > 0))];
  if (wanted.length === 0) return new Map();
  const users = await db.staffUser.findMany({ where: { email: { in: wanted } }, select: { email: true, name: true, title: true, phone: true } });
  const people = new Map<string, StaffPerson>();
  for (const user of users) {
    const person = toPerson(user);
    if (person) people.set(user.email, person);
  }
  return people;
}

export async function findStaffPerson(db: Database, email: string): Promise<StaffPerson | undefined> {
  return (await findStaffPeople(db, [email])).get(email);
}
