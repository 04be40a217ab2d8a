import type { Database } from '../../../lib/db';
import { formatCaseReference } from '../../../domain/reference';

export interface DataSubjectApplication {
  id: string;
  reference: string;
  organizationName: string;
  organizationCvr: string;
  contactName: string;
  contactEmail: string;
}

/** Whom an access-log or audit-log search is about: an association by CVR number, or a person by email. */
export type AccessLogQuery = { cvr: string } | { email: string };

/** The applications of one association (CVR) or one contact person (email), oldest first. */
export async function dataSubjectApplications(db: Database, query: AccessLogQuery): Promise<DataSubjectApplication[]> {
  const where =
    'cvr' in query
      ? { organizationCvr: query.cvr }
      : { OR: [{ contactEmail: { equals: query.email, mode: 'insensitive' as const } }, { organizationEmail: { equals: query.email, mode: 'insensitive' as const } }] };
  const applications = await db.application.findMany({
    where,
    orderBy: { referenceNumber: 'asc' },
    select: { id: true, referenceNumber: true, submittedAt: true, createdAt: true, organizationName: true, organizationCvr: true, contactName: true, contactEmail: true },
  });
  return applications.map((a) => ({
    id: a.id,
    reference: formatCaseReference(a.referenceNumber, a.submittedAt ?? a.createdAt),
    organizationName: a.organizationName,
    organizationCvr: a.organizationCvr,
    contactName: a.contactName,
    contactEmail: a.contactEmail,
  }));
}
