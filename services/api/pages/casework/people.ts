import type { Database } from '../../../../lib/db';
import { findStaffPeople } from '../../../../lib/staff-people';
import type { SiteSettings } from '../layout';

/** The name to print for the staff member a case records by email address. */
export type StaffNameOf = (email: string) => string;

/**
 * Staff pages name people, not email addresses: the account's name, or (an account without a
 * real name, or one since deleted) the department's name, never the address itself.
 */
export async function staffNames(db: Database, site: SiteSettings, emails: readonly (string | null | undefined)[]): Promise<StaffNameOf> {
  const people = await findStaffPeople(db, emails);
  return (email) => people.get(email)?.name ?? site.municipalityDepartment;
}
