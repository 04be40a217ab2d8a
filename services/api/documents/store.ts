import { messageKey } from '../../../domain/message-key';
import type { Database } from '../../../lib/db';
import { ApiError } from '../http/errors';
import type { ReceivedFile } from '../http/uploads';

/** Whose document it is: a draft's while the form is being filled in, an application's after. */
export type DocumentOwner = { draftId: string } | { applicationId: string };

export interface StoredDocument {
  id: string;
  kind: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  /** False when the same bytes were already stored for this owner and kind (a repeated upload). */
  created: boolean;
}

/** Documents the service makes itself (letters) are not uploads and do not count towards the limit. */
export const GENERATED_DOCUMENT_KINDS = ['decision_letter', 'reconsideration_letter', 'repayment_letter', 'grant_change_letter', 'acceptance_lapse_letter'] as const;

function ownerKey(owner: DocumentOwner): { column: 'draftId' | 'applicationId'; id: string; key: string } {
  return 'draftId' in owner ? { column: 'draftId', id: owner.draftId, key: `draft:${owner.draftId}` } : { column: 'applicationId', id: owner.applicationId, key: `application:${owner.applicationId}` };
}

/**
 * Stores uploaded files as Document rows (the bytes in the database under a generated ID, never in
 * a served folder). The same bytes uploaded again to the same owner and kind return the row stored
 * the first time. The owner's row is locked while counting, so two uploads at once cannot together
 * pass the file limit; over it, nothing of this call is stored (400).
 */
export async function storeDocuments(
  db: Database,
  owner: DocumentOwner,
  kind: string,
  files: ReceivedFile[],
  /** The per-owner limit: config UPLOAD_MAX_FILES. */
  limits: { maxFiles: number },
): Promise<StoredDocument[]> {
  const { column, id, key } = ownerKey(owner);
  return db.$transaction(async (tx) => {
    const locked =
      column === 'draftId'
        ? await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM application_drafts WHERE id = ${id}::uuid FOR UPDATE`
        : await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM applications WHERE id = ${id}::uuid FOR UPDATE`;
    if (!locked.length) throw new ApiError(404, 'not_found', column === 'draftId' ? 'errors.http.notFound' : 'errors.application.notFound');

    const documentKeys = files.map((file) => `${key}:${kind}:${file.sha256}`);
    const existing = await tx.document.findMany({ where: { documentKey: { in: documentKeys } }, select: { id: true, documentKey: true } });
    const existingByKey = new Map(existing.map((row) => [row.documentKey, row.id]));
    const newKeys = new Set(documentKeys.filter((documentKey) => !existingByKey.has(documentKey)));
    const stored = await tx.document.count({ where: { [column]: id, kind: { notIn: [...GENERATED_DOCUMENT_KINDS] } } });
    if (stored + newKeys.size > limits.maxFiles) {
      throw new ApiError(400, 'too_many_files', 'errors.upload.ownerFull', [{ path: 'files', message: messageKey('errors.upload.ownerFull') }], { existing: stored, max: limits.maxFiles });
    }

    const result: StoredDocument[] = [];
    const seen = new Map<string, StoredDocument>();
    for (const [index, file] of files.entries()) {
      const documentKey = documentKeys[index]!;
      const summary = { kind, filename: file.filename, contentType: file.type.mimeType, size: file.bytes.length, sha256: file.sha256 };
      const earlier = seen.get(documentKey);
      if (earlier) {
        result.push({ ...earlier, created: false });
        continue;
      }
      const existingId = existingByKey.get(documentKey);
      const document = existingId
        ? { ...summary, id: existingId, created: false }
        : {
            ...summary,
            id: (await tx.document.create({ data: { documentKey, [column]: id, ...summary, content: new Uint8Array(file.bytes) }, select: { id: true } })).id,
            created: true,
          };
      seen.set(documentKey, document);
      result.push(document);
    }
    return result;
  });
}

/** The IDs among `documentIds` that are not uploads of this application (for refusing them). */
export async function documentsNotOnApplication(db: Database, applicationId: string, documentIds: readonly string[]): Promise<string[]> {
  if (!documentIds.length) return [];
  const found = await db.document.findMany({
    where: { id: { in: [...documentIds] }, applicationId, kind: { notIn: [...GENERATED_DOCUMENT_KINDS] } },
    select: { id: true },
  });
  const own = new Set(found.map((row) => row.id));
  return documentIds.filter((documentId) => !own.has(documentId));
}
