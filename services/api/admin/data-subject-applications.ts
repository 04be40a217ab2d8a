import type { Database } from '../../../lib/db';
import { formatCaseReference } from '../../../domain/reference';
import type { AccessLogQuery } from './access-log';

export interface DataSubjectApplication {
  id: string;
  reference: string;
  organizationName: string;
  organizationCvr: string;
  contactName: string;
  contactEmail: string;
}

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
