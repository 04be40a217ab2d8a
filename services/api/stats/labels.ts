import type { Language } from '../../../lib/languages';
import type { Stage } from '../../../domain/stats/case-timeline';
import { STEP_TITLES, TARGET_GROUP_LABELS } from '../pages/apply/texts';

export { TARGET_GROUP_LABELS };

type Texts = Record<Language, string>;

// Names of the codes the statistics count, for the API, the dashboard and the council brief.

export const STAGE_LABELS: Record<Stage, Texts> = {
  screening: { da: 'Automatisk screening', nb: 'Automatisk screening', en: 'Automatic screening' },
  queue: { da: 'I kø, før en sagsbehandler tager sagen', nb: 'I kø før en saksbehandler tar saken', en: 'In the queue before a caseworker acts' },
  round_wait: { da: 'Venter på at puljen lukker', nb: 'Venter på at puljen stenger', en: 'Waiting for the round to close' },
  review: { da: 'Sagsbehandling', nb: 'Saksbehandling', en: 'Review' },
  approval: { da: 'Venter på godkendelse (fire øjne)', nb: 'Venter på godkjenning (fire øyne)', en: 'Waiting for approval (four eyes)' },
  applicant: { da: 'Venter på foreningens svar', nb: 'Venter på foreningens svar', en: "Waiting for the association's answer" },
};

export const OUTCOME_LABELS: Record<string, Texts> = {
  approved: { da: 'Bevilget', nb: 'Innvilget', en: 'Approved' },
  partially_approved: { da: 'Delvist bevilget', nb: 'Delvis innvilget', en: 'Partly approved' },
  rejected: { da: 'Afslået', nb: 'Avslått', en: 'Rejected' },
};

export const REASON_LABELS: Record<string, Texts> = {
  free_text: { da: 'Begrundet i fritekst', nb: 'Begrunnet i fritekst', en: 'Reasons given in free text' },
  late_submission: { da: 'Indsendt efter fristen', nb: 'Sendt inn etter fristen', en: 'Submitted after the deadline' },
};

/** The form's own step titles, and the summary page a draft can stop at last. */
export const DRAFT_STEP_LABELS: Record<string, Texts> = {
  ...STEP_TITLES,
  summary: { da: 'Opsummering', nb: 'Oppsummering', en: 'Summary' },
};

export function labelOf(table: Record<string, Texts>, code: string, language: Language): string {
  return table[code]?.[language] ?? code;
}
