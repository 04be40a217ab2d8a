import type { Database } from '../../../lib/db';
import { detectFileType } from '../../../domain/file-types';
import { messageKey } from '../../../domain/message-key';
import { accountsYearsForRound, archiveOffers, replacedByUpload, validityForRound, type ArchiveUpload } from '../../../domain/organisation-documents';
import { ApiError } from '../http/errors';
import type { ReceivedFile } from '../http/uploads';
import { storeDocuments } from '../documents/store';
import type { SignedInMember } from './session';

// The organisation's documents kept once (README "Documents kept once"): kept by members on
// /forening/dokumenter, offered in the documents step of the organisation's drafts, and copied
// into a draft when chosen, so the case owns its copy.

const LISTED = { id: true, kind: true, financialYear: true, filename: true, contentType: true, size: true, uploadedBy: true, uploadedAt: true, replacedAt: true } as const;

/** Every kept document of the organisation, current and replaced, newest first (without the bytes). */
export function archiveDocuments(db: Database, organisationId: string) {
  return db.organisationDocument.findMany({ where: { organisationId }, select: LISTED, orderBy: [{ uploadedAt: 'desc' }, { id: 'asc' }] });
}

export type ArchiveDocument = Awaited<ReturnType<typeof archiveDocuments>>[number];

/** The event type and subject an upload leaves in the organisation's log: what was kept, and for accounts which year. */
function eventSubject(upload: ArchiveUpload): string {
  return upload.financialYear === null ? upload.kind : `${upload.kind}:${upload.financialYear}`;
}

/**
 * Keeps an uploaded file as the organisation's document of its kind (and year). What it replaces —
 * the statutes, or the accounts of the same year — stays listed, marked replaced. The
 * organisation's row is locked, so two uploads at once leave one current document. Each upload is
 * an organisation event with who and when.
 */
export async function keepDocument(db: Database, signedIn: SignedInMember, upload: ArchiveUpload, file: ReceivedFile, now = new Date()): Promise<{ id: string; replaced: number }> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM organisations WHERE id = ${signedIn.organisation.id}::uuid FOR UPDATE`;
    const current = await tx.organisationDocument.findMany({ where: { organisationId: signedIn.organisation.id, kind: upload.kind, replacedAt: null }, select: { id: true, kind: true, financialYear: true, replacedAt: true } });
    const replaced = replacedByUpload(current, upload).map((document) => document.id);
    if (replaced.length) await tx.organisationDocument.updateMany({ where: { id: { in: replaced } }, data: { replacedAt: now } });
    const kept = await tx.organisationDocument.create({
      data: {
        organisationId: signedIn.organisation.id,
        kind: upload.kind,
        financialYear: upload.financialYear,
        filename: file.filename,
        contentType: file.type.mimeType,
        size: file.bytes.length,
        sha256: file.sha256,
        content: new Uint8Array(file.bytes),
        uploadedBy: signedIn.member.email,
        uploadedAt: now,
      },
      select: { id: true },
    });
    await tx.organisationEvent.create({
      data: { organisationId: signedIn.organisation.id, type: replaced.length ? 'document_replaced' : 'document_uploaded', actor: signedIn.member.email, subject: eventSubject(upload), occurredAt: now },
    });
    return { id: kept.id, replaced: replaced.length };
  });
}

/** One kept document with its bytes, for a member of its organisation only (404 otherwise, as if it did not exist). */
export async function archiveDocumentForMember(db: Database, signedIn: SignedInMember, documentId: string) {
  const id = /^[0-9a-f-]{36}$/i.test(documentId) ? documentId : undefined;
  const document = id ? await db.organisationDocument.findFirst({ where: { id, organisationId: signedIn.organisation.id } }) : null;
  if (!document) throw new ApiError(404, 'not_found', 'errors.document.notFound');
  return document;
}

/** What the documents step offers a member: for each kind asked for, the kept document valid for the draft's round. */
export async function offersForDraft(db: Database, signedIn: SignedInMember, round: { opensAt: Date }, asked: readonly string[], timeZone: string) {
  return archiveOffers(await archiveDocuments(db, signedIn.organisation.id), asked, round, timeZone);
}

/**
 * Copies a kept document into the draft, as a document of the draft (so the case owns its copy
 * and the case's retention is independent of the archive), marked with the document it came from.
 * Refused with a field error and nothing attached: a document not asked for, replaced statutes,
 * or accounts of a year the round does not take (422). The same document chosen twice attaches once.
 */
export async function copyToDraft(
  db: Database,
  signedIn: SignedInMember,
  draft: { id: string; round: { opensAt: Date } },
  documentId: string,
  asked: readonly string[],
  options: { timeZone: string; maxFiles: number },
): Promise<{ id: string; kind: string }> {
  const kept = await archiveDocumentForMember(db, signedIn, documentId);
  const field = kept.kind;
  if (!asked.includes(kept.kind)) throw new ApiError(422, 'archive_not_asked', 'archive.errors.notAsked', [{ path: field, message: messageKey('archive.errors.notAsked') }]);
  const validity = validityForRound(kept, draft.round, options.timeZone);
  if (validity === 'replaced') throw new ApiError(422, 'archive_replaced', 'archive.errors.replaced', [{ path: field, message: messageKey('archive.errors.replaced') }]);
  if (validity === 'wrongYear') {
    const years = accountsYearsForRound(draft.round.opensAt, options.timeZone);
    const values = { year: kept.financialYear ?? 0, accepted: years.map(String).join(' / ') };
    throw new ApiError(422, 'archive_wrong_year', 'archive.errors.wrongYear', [{ path: field, message: messageKey('archive.errors.wrongYear') }], values);
  }
  const type = detectFileType(Buffer.from(kept.content));
  if (!type) throw new Error(`A kept document of an unknown type: ${kept.id}`);
  const file: ReceivedFile = { fieldName: kept.kind, filename: kept.filename, type, bytes: Buffer.from(kept.content), sha256: kept.sha256 };
  const [stored] = await storeDocuments(db, { draftId: draft.id }, kept.kind, [file], { maxFiles: options.maxFiles });
  await db.document.update({ where: { id: stored!.id }, data: { fromOrganisationDocumentId: kept.id } });
  return { id: stored!.id, kind: kept.kind };
}
