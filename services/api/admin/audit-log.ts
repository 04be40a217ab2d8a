import type { Database } from '../../../lib/db';
import type { StaffIdentity } from '../../../lib/staff-auth';
import { recordAccessMany, recordAudit } from '../audit/log';
import { MAX_ROWS, type AccessLogQuery } from './access-log';
import { dataSubjectApplications, type DataSubjectApplication } from './data-subject-applications';

// What staff did to one association's (or contact person's) applications: the staff audit log,
// searched the way the access log is. The search shows personal data, so it is logged too.

export interface AuditLogEntry {
  at: string;
  staffEmail: string;
  action: string;
  details: unknown;
  application: { id: string; reference: string };
}

export interface AuditLogAnswer {
  query: AccessLogQuery;
  applications: DataSubjectApplication[];
  entries: AuditLogEntry[];
  /** True when there were more than the rows shown (the newest are shown). */
  truncated: boolean;
}

export async function searchAuditLog(db: Database, admin: StaffIdentity, query: AccessLogQuery): Promise<AuditLogAnswer> {
  const applications = await dataSubjectApplications(db, query);
  const ids = applications.map((a) => a.id);
  const rows = ids.length
    ? await db.staffAuditLog.findMany({ where: { applicationId: { in: ids } }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: MAX_ROWS + 1 })
    : [];
  const byId = new Map(applications.map((a) => [a.id, a]));
  // Logged after reading, so the answer shows earlier searches but not this one.
  await recordAccessMany(db, admin, ids, 'audit_log_search');
  await recordAudit(db, admin, 'audit_log.search', { details: { ...query, applications: ids.length } });
  return {
    query,
    applications,
    entries: rows.slice(0, MAX_ROWS).map((row) => {
      const application = byId.get(row.applicationId!)!;
      return { at: row.at.toISOString(), staffEmail: row.staffEmail, action: row.action, details: row.details, application: { id: application.id, reference: application.reference } };
    }),
    truncated: rows.length > MAX_ROWS,
  };
}
