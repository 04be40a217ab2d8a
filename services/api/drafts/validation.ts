import type { z } from 'zod';
import { lawWordingOf, t, zodErrorMap, type Language } from '../../../locale';
import { applicationInputSchema, type ApplicationInput } from '../../../domain/application-input';
import { draftRuleIssues, stepSchemas, submissionFromAnswers, type DraftAnswers, type FormStep, type RoundLimits } from '../../../domain/draft-steps';
import type { Jurisdiction } from '../../../domain/jurisdiction';
import { zodIssues, type FieldIssue } from '../http/errors';

export type Checked<T> = { ok: true; value: T; issues: [] } | { ok: false; issues: FieldIssue[] };

function check<S extends z.ZodType>(schema: S, input: unknown, language: Language, ruleIssues: FieldIssue[]): Checked<z.infer<S>> {
  const parsed = schema.safeParse(input, { error: zodErrorMap(language) });
  const issues = [...(parsed.success ? [] : zodIssues(parsed.error, language))];
  // A rule issue on a field the schema already complains about would say the same thing twice.
  for (const issue of ruleIssues) if (!issues.some((existing) => existing.path === issue.path)) issues.push(issue);
  if (issues.length || !parsed.success) return { ok: false, issues };
  return { ok: true, value: parsed.data, issues: [] };
}

function ruleIssues(step: FormStep | 'all', answers: DraftAnswers, round: RoundLimits, language: Language, jurisdiction: Jurisdiction): FieldIssue[] {
  return draftRuleIssues(step, answers, round).map((issue) => ({ path: issue.path, message: t(language, lawWordingOf(issue.messageKey, jurisdiction), issue.values) }));
}

/**
 * One step's answers checked with the submission's own schema, and the round's rules checked
 * against all answers (so a declaration can depend on the activity step).
 */
export function checkStep(step: FormStep, stepAnswers: DraftAnswers, allAnswers: DraftAnswers, round: RoundLimits, language: Language, jurisdiction: Jurisdiction): Checked<DraftAnswers> {
  return check(stepSchemas(jurisdiction)[step], stepAnswers, language, ruleIssues(step, { ...allAnswers, ...stepAnswers }, round, language, jurisdiction)) as Checked<DraftAnswers>;
}

/** The whole draft as a submission body, checked as POST /applications checks it, plus the round's rules. */
export function checkSubmission(roundId: string, answers: DraftAnswers, round: RoundLimits, language: Language, jurisdiction: Jurisdiction): Checked<ApplicationInput> {
  return check(applicationInputSchema(jurisdiction), submissionFromAnswers(roundId, answers), language, ruleIssues('all', answers, round, language, jurisdiction));
}
