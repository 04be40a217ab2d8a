import { messageKey } from '../../../domain/message-key';
import { z } from 'zod';
import type { Database } from '../../../lib/db';
import type { StaffIdentity } from '../../../lib/staff-auth';
import { organizationNumberRule } from '../../../lib/organization-number';
import { DEFAULT_JURISDICTION, type Jurisdiction } from '../../../lib/jurisdiction';
import { lawWording } from '../../../locale/law-wording';
import { recordAccessMany, recordAudit } from '../audit/log';
import { ApiError } from '../http/errors';
import { dataSubjectApplications, type AccessLogQuery, type DataSubjectApplication } from './data-subject-applications';

// A data subject (an association, or one of its contact people) may ask who at the municipality
// looked at their applications, when and why. An administrator answers from this search; the
// search itself shows personal data, so it is logged like any other view.

/** More rows than a person can read; the answer says when there were more. */
export const MAX_ROWS = 1000;

export type { AccessLogQuery } from './data-subject-applications';

const querySchema = z.union([
  z.object({ cvr: z.string().trim().regex(/^\d{8,9}$/) }),
  z.object({ email: z.email().trim().toLowerCase().max(254) }),
]);

/**
 * The search term from a query string or form: exactly one of an organisation number (the
 * jurisdiction's: an 8-digit CVR number, or a 9-digit organisasjonsnummer) and an email, well-formed.
 */
export function accessLogQueryOf(raw: { cvr?: unknown; email?: unknown }, jurisdiction: Jurisdiction = DEFAULT_JURISDICTION): AccessLogQuery {
  const rule = organizationNumberRule(jurisdiction);
  const cvr = typeof raw.cvr === 'string' && raw.cvr.trim() ? rule.normalize(raw.cvr.trim()) : undefined;
  const email = typeof raw.email === 'string' && raw.email.trim() ? raw.email : undefined;
  const parsed = cvr !== undefined && email === undefined ? querySchema.safeParse({ cvr }) : email !== undefined && cvr === undefined ? querySchema.safeParse({ email }) : undefined;
  if (!parsed?.success || ('cvr' in parsed.data && !rule.isValid(parsed.data.cvr))) {
    const path = email !== undefined && cvr === undefined ? 'email' : 'cvr';
    throw new ApiError(400, 'validation_failed', 'errors.validation.failed', [{ path, message: messageKey(lawWording('errors.accessLog.searchTerm', jurisdiction)) }]);
  }
  return parsed.data;
}

export interface AccessLogEntry {
  at: string;
  staffEmail: string;
  purpose: string;
  application: { id: string; reference: string; organizationName: string; contactEmail: string };
}

export interface AccessLogAnswer {
  query: AccessLogQuery;
  applications: DataSubjectApplication[];
  entries: AccessLogEntry[];
  /** True when there were more than the rows shown (the newest are shown). */
  truncated: boolean;
}

export async function searchAccessLog(db: Database, admin: StaffIdentity, query: AccessLogQuery): Promise<AccessLogAnswer> {
  const applications = await dataSubjectApplications(db, query);
  const ids = applications.map((a) => a.id);
  const rows = ids.length
    ? await db.staffAccessLog.findMany({ where: { applicationId: { in: ids } }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: MAX_ROWS + 1 })
    : [];
  const byId = new Map(applications.map((a) => [a.id, a]));
  // Logged after reading, so the answer shows earlier searches but not this one.
  await recordAccessMany(db, admin, ids, 'access_log_search');
  await recordAudit(db, admin, 'access_log.search', { details: { ...query, applications: ids.length } });
  return {
    query,
    applications,
    entries: rows.slice(0, MAX_ROWS).map((row) => {
      const application = byId.get(row.applicationId)!;
      return {
        at: row.at.toISOString(),
        staffEmail: row.staffEmail,
        purpose: row.purpose,
        application: { id: application.id, reference: application.reference, organizationName: application.organizationName, contactEmail: application.contactEmail },
      };
    }),
    truncated: rows.length > MAX_ROWS,
  };
}
