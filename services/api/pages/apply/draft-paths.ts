import { FORM_STEPS, type FormStep } from '../../../../domain/draft-steps';
import { ApiError } from '../../http/errors';

// Where each part of a draft lives in the address bar, in the site's language.

/** Form steps in the address bar. */
export const STEP_SLUGS: Record<FormStep, string> = {
  organization: 'forening',
  contact: 'kontakt',
  project: 'aktivitet',
  budget: 'budget',
  declarations: 'erklaeringer',
};

export function draftPath(draftId: string): string {
  return `/kladde/${draftId}`;
}

export function stepPath(draftId: string, step: FormStep): string {
  return `${draftPath(draftId)}/trin/${STEP_SLUGS[step]}`;
}

/** The page of a position in the draft: a form step, the documents or the summary. */
export function positionUrl(draftId: string, position: string): string {
  if (position === 'documents') return `${draftPath(draftId)}/dokumenter`;
  if (position === 'summary') return `${draftPath(draftId)}/opsummering`;
  const step = FORM_STEPS.find((candidate) => candidate === position) ?? FORM_STEPS[0];
  return stepPath(draftId, step);
}

export function stepFromSlug(slug: unknown): FormStep {
  const step = FORM_STEPS.find((candidate) => STEP_SLUGS[candidate] === slug);
  if (!step) throw new ApiError(404, 'not_found', 'errors.http.notFound');
  return step;
}
