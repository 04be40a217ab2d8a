import type { Language } from '../../../lib/languages';
import { STAGES } from '../../../domain/stats/case-timeline';
import { FORM_STEPS } from '../../../domain/draft-steps';
import { labelTable } from '../../../locale';
import { TARGET_GROUP_LABELS } from '../pages/apply/texts';

export { TARGET_GROUP_LABELS };

type Texts = Record<Language, string>;

// Names of the codes the statistics count, for the API, the dashboard and the council brief.

export const STAGE_LABELS = labelTable('common.stage', STAGES);

export const OUTCOME_LABELS: Record<string, Texts> = labelTable('common.outcome', ['approved', 'partially_approved', 'rejected']);

export const REASON_LABELS: Record<string, Texts> = labelTable('common.reason', ['free_text', 'late_submission']);

/** The form's own step titles, and the summary page a draft can stop at last. */
export const DRAFT_STEP_LABELS: Record<string, Texts> = labelTable('common.formStep', [...FORM_STEPS, 'summary']);

export function labelOf(table: Record<string, Texts>, code: string, language: Language): string {
  return table[code]?.[language] ?? code;
}
