import type { Prisma } from '../../../prisma/generated/client';
import { decisionProblems, type DecisionOutcome, type DecisionReasons, type ReasonContext } from '../../../domain/decision-rules';
import type { MessageKey } from '../../../domain/message-key';
import { TARGET_GROUPS } from '../../../domain/categories';
import { LANGUAGES, isLanguage, t, type Language } from '../../../locale';

// The rules a decision must pass before it is made, whether one caseworker decides one case or
// an approver confirms a deadline round's allocation: the round knows every criterion chosen, the
// amount matches the outcome, and the begrundelse says something about this application in the
// words the letter will print.

export interface DecisionCriterion {
  code: string;
  label: Partial<Record<Language, string>>;
}

export function criteriaOf(round: { decisionCriteria: unknown }): DecisionCriterion[] {
  return Array.isArray(round.decisionCriteria) ? (round.decisionCriteria as DecisionCriterion[]) : [];
}

/** The criterion as the association's letter words it (Danish where a round predates wording in every language). */
export function criterionWording(criterion: DecisionCriterion, language: Language): string {
  return criterion.label[language] ?? criterion.label.da ?? criterion.code;
}

/** What a decision check reads of the application. */
export const applicationForCheck = {
  id: true,
  roundId: true,
  referenceNumber: true,
  submittedAt: true,
  createdAt: true,
  language: true,
  amountRequestedOre: true,
  projectTitle: true,
  submission: true,
  round: { select: { decisionCriteria: true, mode: true, budgetOre: true } },
} satisfies Prisma.ApplicationSelect;

export type ApplicationForCheck = Prisma.ApplicationGetPayload<{ select: typeof applicationForCheck }>;

interface SubmittedWords {
  project?: { title?: string; purpose?: string; activities?: string; place?: string; targetGroup?: string };
  budget?: { lines?: { description?: string }[] };
}

/**
 * What a begrundelse may point to: the round's criteria in every language, and what the application
 * says about its activity (title, purpose, activities, place, budget lines, target group). The
 * association's name is left out: naming it says nothing about the merits.
 */
export function reasonContextOf(application: ApplicationForCheck): ReasonContext {
  const submission = (application.submission ?? {}) as SubmittedWords;
  const targetGroup = TARGET_GROUPS.find((group) => group === submission.project?.targetGroup);
  return {
    criteria: criteriaOf(application.round).flatMap((criterion) => Object.values(criterion.label).filter((label): label is string => typeof label === 'string')),
    facts: [
      application.projectTitle,
      submission.project?.purpose ?? '',
      submission.project?.activities ?? '',
      submission.project?.place ?? '',
      ...(submission.budget?.lines ?? []).map((line) => line.description ?? ''),
      ...(targetGroup ? LANGUAGES.map((language) => t(language, `common.targetGroup.${targetGroup}`)) : []),
    ],
  };
}

export interface DecisionToMake {
  outcome: DecisionOutcome;
  amountGrantedOre: bigint;
  reasons: DecisionReasons;
}

export interface DecisionCheckProblem {
  field: 'amountGranted' | 'reasons' | 'reasons.criteria';
  messageKey: MessageKey;
  values?: Record<string, string | number>;
}

/** Everything that stops the decision, first problem per rule; empty when it may be made and its letter sent. */
export function decisionCheck(application: ApplicationForCheck, decision: DecisionToMake): DecisionCheckProblem[] {
  const criteria = criteriaOf(application.round);
  const unknown = decision.reasons.criteria.filter((code) => !criteria.some((c) => c.code === code));
  if (unknown.length) return [{ field: 'reasons.criteria', messageKey: 'errors.decision.unknownCriterion', values: { count: unknown.length, codes: unknown.join(', ') } }];
  // Checked in the letter's language, with the words the letter will print.
  const language: Language = isLanguage(application.language) ? application.language : 'da';
  const worded = decision.reasons.criteria.map((code) => criterionWording(criteria.find((c) => c.code === code)!, language));
  return decisionProblems(
    { outcome: decision.outcome, amountRequestedOre: application.amountRequestedOre, amountGrantedOre: decision.amountGrantedOre, reasons: { ...decision.reasons, criteria: worded } },
    'worded',
    reasonContextOf(application),
  ).slice(0, 1);
}
