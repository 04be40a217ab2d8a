import type { Database } from '../../../lib/db';
import type { StaffIdentity } from '../../../lib/staff-auth';

/**
 * Why staff opened a case's personal data; a data subject may ask who looked and why. Each
 * purpose is a plain word a person reading the log understands.
 */
export type AccessPurpose = 'case_view' | 'case_api' | 'document_download' | 'letter_preview' | 'approval_view' | 'report_review' | 'allocation_view' | 'access_log_search' | 'audit_log_search';

/** One row per view of an application's personal data by staff. */
export async function recordAccess(db: Database, staff: StaffIdentity, applicationId: string, purpose: AccessPurpose): Promise<void> {
  await db.staffAccessLog.create({ data: { staffUserId: staff.id, staffEmail: staff.email, applicationId, purpose } });
}

/** The same for several applications at once (a list showing personal data, e.g. the queue). */
export async function recordAccessMany(db: Database, staff: StaffIdentity, applicationIds: readonly string[], purpose: AccessPurpose): Promise<void> {
  if (!applicationIds.length) return;
  await db.staffAccessLog.createMany({ data: applicationIds.map((applicationId) => ({ staffUserId: staff.id, staffEmail: staff.email, applicationId, purpose })) });
}

/** One row per staff action that changes something: who, what, on which case, with what. */
export async function recordAudit(
  db: Database,
  staff: StaffIdentity,
  action: string,
  subject: { applicationId?: string; details?: Record<string, unknown> } = {},
): Promise<void> {
  await db.staffAuditLog.create({
    data: { staffUserId: staff.id, staffEmail: staff.email, action, applicationId: subject.applicationId ?? null, details: (subject.details ?? {}) as object },
  });
}
