import { isLanguage, type Language } from '../../../lib/languages';
import { ApiError } from '../http/errors';
import { submitApplication, type IntakeDependencies, type SubmissionReceipt } from '../applications/intake';
import { draftData } from './store';
import { refuseHelperSubmission } from './helper';
import type { StoredDraft } from './access';
import { checkSubmission } from './validation';
import type { Jurisdiction } from '../../../domain/jurisdiction';

/**
 * Sends a draft as an application. The draft's own token is the submission's idempotency key:
 * sending the same draft again (a double click, a retried request) returns the first receipt,
 * with the same private case link, and starts nothing new.
 */
export async function submitDraft(
  deps: IntakeDependencies,
  draft: StoredDraft,
  draftToken: string,
  language: Language,
  jurisdiction: Jurisdiction,
  arrivedAt?: Date,
): Promise<{ receipt: SubmissionReceipt; replayed: boolean }> {
  refuseHelperSubmission(draft, draftToken);
  const checked = checkSubmission(draft.roundId, draftData(draft.data).answers, draft.round, language, jurisdiction);
  if (!checked.ok) throw new ApiError(400, 'validation_failed', 'errors.validation.failed', checked.issues);
  const applicationLanguage = isLanguage(draft.language) ? draft.language : language;
  return submitApplication(deps, checked.value, draftToken, applicationLanguage, { fromDraftId: draft.id, arrivedAt });
}
