import { t, type Language } from '../../../../locale';
import { archiveDocumentName } from './archive-view';

/**
 * A kept document's upload in the organisation's log, beside the membership changes: who, and
 * what ("statutes", or "annual_accounts:2025" as the subject).
 */
export function archiveHistoryText(language: Language, entry: { type: string; actor: string; subject: string }): string {
  const [kind = '', year] = entry.subject.split(':');
  const document = archiveDocumentName(language, { kind, financialYear: year ? Number(year) : null });
  return t(language, entry.type === 'document_replaced' ? 'archive.history.document_replaced' : 'archive.history.document_uploaded', { actor: entry.actor, document });
}
