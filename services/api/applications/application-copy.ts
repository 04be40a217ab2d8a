import type { Database } from '../../../lib/db';
import { isLanguage } from '../../../lib/languages';
import type { ApplicationInput } from '../../../domain/application-input';
import { formatCaseReference } from '../../../domain/reference';
import { APPLICATION_DOCUMENT_KINDS } from '../../../domain/tiers';
import { applicationCopyFilename, renderApplicationCopy, type ApplicationCopyData } from '../../../documents/application-copy';
import { ApiError } from '../http/errors';
import type { Jurisdiction } from '../../../domain/jurisdiction';

/**
 * The association's copy of its submitted application as a download, for the case page and the
 * API alike: rendered from what was stored at submission, in the application's language. The
 * caller has already decided who may have it (the private link, or casework staff).
 */
export async function applicationCopy(db: Database, municipalityName: string, applicationId: string, law?: Jurisdiction): Promise<{ filename: string; contentType: string; content: Buffer }> {
  const application = await db.application.findUnique({
    where: { id: applicationId },
    select: {
      referenceNumber: true,
      submittedAt: true,
      createdAt: true,
      language: true,
      submission: true,
      round: { select: { name: true } },
      documents: { where: { kind: { in: [...APPLICATION_DOCUMENT_KINDS] } }, orderBy: [{ createdAt: 'asc' }, { filename: 'asc' }], select: { kind: true, filename: true } },
    },
  });
  if (!application) throw new ApiError(404, 'not_found', 'errors.application.notFound');
  const submittedAt = application.submittedAt ?? application.createdAt;
  const data: ApplicationCopyData = {
    language: isLanguage(application.language) ? application.language : 'da',
    reference: formatCaseReference(application.referenceNumber, submittedAt),
    submittedAt,
    municipalityName,
    roundName: application.round.name,
    submission: application.submission as unknown as ApplicationInput,
    documents: application.documents,
    ...(law ? { law } : {}),
  };
  return { filename: applicationCopyFilename(data), contentType: 'application/pdf', content: await renderApplicationCopy(data) };
}
