import { messageKey } from '../../../domain/message-key';
import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../../lib/config';
import type { Database } from '../../../lib/db';
import { ApiError, parseInput } from '../http/errors';
import { applicationIdOf, caseAccess } from '../http/case-access';
import { receiveMultipart, refuseRejectedFiles } from '../http/uploads';
import { sendDocument } from '../documents/download';
import { storeDocuments } from '../documents/store';
import { uploadKindSchema } from '../documents/kinds';
import type { CaseStatus } from '../../../domain/status';
import { recordAccess, recordAudit } from '../audit/log';

/** Cases that are over: the association can no longer add documents to them. */
const CLOSED_STATUSES: readonly CaseStatus[] = ['CLOSED', 'WITHDRAWN', 'LAPSED'];

const uploadFieldsSchema = z.object({ kind: uploadKindSchema });

/**
 * Documents of a case: uploads by the association (or staff) to reference from an answer or a
 * report, and downloads of any of the case's documents, always as attachments.
 */
export function documentsRouter({ db, config }: { db: Database; config: Config }): Router {
  const router = Router();

  router.post('/applications/:id/documents', async (req, res) => {
    const id = applicationIdOf(req);
    const access = await caseAccess(db, req, res, id);
    const upload = await receiveMultipart(req, { maxFileBytes: config.UPLOAD_MAX_FILE_BYTES, maxFiles: config.UPLOAD_MAX_FILES });
    const { kind } = parseInput(uploadFieldsSchema, { kind: upload.fields.kind ?? req.query.kind }, req);
    refuseRejectedFiles(upload.rejected);
    if (!upload.files.length) throw new ApiError(400, 'validation_failed', 'errors.upload.noFiles', [{ path: 'files', message: messageKey('errors.upload.noFiles') }]);
    if (access.kind === 'applicant') {
      const application = await db.application.findUnique({ where: { id }, select: { status: true } });
      if (!application) throw new ApiError(404, 'not_found', 'errors.application.notFound');
      if (CLOSED_STATUSES.includes(application.status as CaseStatus)) {
        throw new ApiError(409, 'action_not_allowed', 'errors.action.notAllowed', [], { status: application.status });
      }
    }
    const stored = await storeDocuments(db, { applicationId: id }, kind, upload.files, { maxFiles: config.UPLOAD_MAX_FILES });
    if (access.kind === 'staff') await recordAudit(db, access.staff, 'case.document_upload', { applicationId: id, details: { kind, documents: stored.map((d) => d.id) } });
    res.status(201).json({
      documents: stored.map((document) => ({
        id: document.id,
        kind: document.kind,
        filename: document.filename,
        contentType: document.contentType,
        size: document.size,
        sha256: document.sha256,
        url: `/api/v1/applications/${id}/documents/${document.id}`,
      })),
    });
  });

  router.get('/applications/:id/documents', async (req, res) => {
    const id = applicationIdOf(req);
    const access = await caseAccess(db, req, res, id);
    if (access.kind === 'staff') await recordAccess(db, access.staff, id, 'case_api');
    const documents = await db.document.findMany({
      where: { applicationId: id },
      orderBy: { createdAt: 'asc' },
      select: { id: true, kind: true, filename: true, contentType: true, size: true, createdAt: true },
    });
    res.set('Cache-Control', 'no-store').json({
      documents: documents.map((document) => ({ ...document, createdAt: document.createdAt.toISOString(), url: `/api/v1/applications/${id}/documents/${document.id}` })),
    });
  });

  router.get('/applications/:id/documents/:documentId', async (req, res) => {
    const id = applicationIdOf(req);
    const access = await caseAccess(db, req, res, id);
    const documentId = z.uuid().safeParse(req.params.documentId);
    const document = documentId.success
      ? await db.document.findFirst({ where: { id: documentId.data, applicationId: id }, select: { filename: true, contentType: true, content: true } })
      : null;
    if (!document) throw new ApiError(404, 'not_found', 'errors.document.notFound');
    if (access.kind === 'staff') await recordAccess(db, access.staff, id, 'document_download');
    sendDocument(res, document);
  });

  return router;
}
