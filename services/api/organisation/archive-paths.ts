// Where the organisation's kept documents live in the address bar (README "Documents kept once").
export const ARCHIVE_PATH = '/forening/dokumenter';

/** A kept document's download address. */
export function archiveDocumentPath(documentId: string): string {
  return `${ARCHIVE_PATH}/${documentId}`;
}
