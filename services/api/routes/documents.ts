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
import { UPLOAD_KINDS, uploadKindSchema } from '../documents/kinds';
import type { CaseStatus } from '../../../domain/status';
import { recordAccess, recordAudit } from '../audit/log';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errorResponse, langQuery, multipartBody, SECURITY, uuidPath } from '../http/openapi';

/** Cases that are over: the association can no longer add documents to them. */
const CLOSED_STATUSES: readonly CaseStatus[] = ['CLOSED', 'WITHDRAWN', 'LAPSED', 'GRANT_DECLINED', 'GRANT_LAPSED'];

const uploadFieldsSchema = z.object({ kind: uploadKindSchema });

export const paths: ZodOpenApiPathsObject = {
  '/applications/{id}/documents': {
    post: {
      summary:
        'Upload documents to a case (multipart/form-data: a "kind" field and one or more files). The type is read from the bytes: PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS; ' +
        'the size and count limits are UPLOAD_MAX_FILE_BYTES and UPLOAD_MAX_FILES (per request and per case). Reference the returned IDs in documentIds of a supplement or report. ' +
        'The same bytes uploaded again with the same kind return the document stored the first time.',
      security: SECURITY.caseParty,
      requestParams: { path: uuidPath('id'), query: langQuery },
      requestBody: multipartBody(UPLOAD_KINDS),
      responses: {
        201: { description: '{ documents: [{ id, kind, filename, contentType, size, sha256, url }] }' },
        400: errorResponse('A file refused (issues name each file with reason type, size, count or empty, and what to do), no files, an unknown kind, or the case’s file limit reached; nothing of the request is stored'),
        403: errorResponse('The token belongs to another application'),
        409: errorResponse('The case is closed, withdrawn or lapsed'),
        415: errorResponse('Not multipart/form-data'),
      },
    },
    get: {
      summary: 'The documents of a case (uploads and letters)',
      security: SECURITY.caseParty,
      requestParams: { path: uuidPath('id') },
      responses: { 200: { description: '{ documents: [{ id, kind, filename, contentType, size, createdAt, url }] }' }, 403: errorResponse('The token belongs to another application') },
    },
  },
  '/applications/{id}/documents/{documentId}': {
    get: {
      summary: 'One document, always as an attachment (Content-Disposition with filename*, X-Content-Type-Options: nosniff, the type detected at upload)',
      security: SECURITY.caseParty,
      requestParams: { path: uuidPath('id', 'documentId') },
      responses: { 200: { description: 'The bytes' }, 403: errorResponse('The token belongs to another application'), 404: errorResponse('No such document on this case') },
    },
  },
};

/**
 * Documents of a case: uploads by the association (or staff) to reference from an answer or a
 * report, and downloads of any of the case's documents, always as attachments.
 */
export function documentsRouter({ db, config }: { db: Database; config: Config }): Router {
  const router = Router();

  router.post('/applications/:id/documents', async (req, res) => {
    const id = applicationIdOf(req);
    const access = await caseAccess(db, req, res, id, 'case.actForApplicant');
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
