import { z } from 'zod';
import { type MessageKey } from '../locale';
import { messageKey } from './message-key';
import { applicationInputSchema, type ApplicationInput } from './application-input';
import { kronerToOre } from './money';
import { perJurisdiction, type Jurisdiction } from './jurisdiction';
import { applicantRefusal, type Applicant } from './informal-groups';

// The application form in steps. Each step owns some top-level keys of the submission, and its
// schema is cut from the submission's own schema, so the pages, the drafts API and the final
// submit validate with the same rules and report the same field paths.

export const FORM_STEPS = ['organization', 'contact', 'project', 'budget', 'declarations'] as const;
export type FormStep = (typeof FORM_STEPS)[number];

/** Where a draft can be: the form steps, the documents the amount asks for, then the summary. */
export const DRAFT_POSITIONS = [...FORM_STEPS, 'documents', 'summary'] as const;
export type DraftPosition = (typeof DRAFT_POSITIONS)[number];

export function isFormStep(value: unknown): value is FormStep {
  return typeof value === 'string' && (FORM_STEPS as readonly string[]).includes(value);
}

export function isDraftPosition(value: unknown): value is DraftPosition {
  return typeof value === 'string' && (DRAFT_POSITIONS as readonly string[]).includes(value);
}

/** The later of two positions in form order (the furthest step a draft has reached). */
export function furthestOf(a: DraftPosition, b: DraftPosition): DraftPosition {
  return DRAFT_POSITIONS.indexOf(a) >= DRAFT_POSITIONS.indexOf(b) ? a : b;
}

export function nextPosition(step: FormStep): DraftPosition {
  return DRAFT_POSITIONS[DRAFT_POSITIONS.indexOf(step) + 1]!;
}

type InputKey = Exclude<keyof ApplicationInput, 'roundId'>;

/** The submission's top-level keys each step fills in. */
export const STEP_KEYS: Record<FormStep, readonly InputKey[]> = {
  organization: ['applicant', 'organization'],
  contact: ['contact'],
  project: ['project'],
  budget: ['budget', 'amountRequested'],
  declarations: ['declarations'],
};

function buildStepSchemas(jurisdiction: Jurisdiction) {
  const shape = applicationInputSchema(jurisdiction).shape;
  return {
    organization: z.object({ applicant: shape.applicant, organization: shape.organization }),
    contact: z.object({ contact: shape.contact }),
    project: z.object({ project: shape.project }).superRefine(({ project }, ctx) => {
      if (project.endDate < project.startDate) {
        ctx.addIssue({ code: 'custom', path: ['project', 'endDate'], message: messageKey('errors.project.endBeforeStart') });
      }
    }),
    budget: z.object({ budget: shape.budget, amountRequested: shape.amountRequested }).superRefine((input, ctx) => {
      const budgetTotal = input.budget.lines.reduce((sum, line) => sum + line.amount, 0);
      if (input.amountRequested > budgetTotal) {
        ctx.addIssue({ code: 'custom', path: ['amountRequested'], message: messageKey('errors.amount.overBudgetTotal') });
      }
    }),
    declarations: z.object({ declarations: shape.declarations }),
  } satisfies Record<FormStep, z.ZodType>;
}

/** Each step's schema for a jurisdiction (its organisation number rule), built once. */
export const stepSchemas = perJurisdiction(buildStepSchemas);

/** The answers a draft holds so far: parts of the submission, as typed (valid or not yet). */
export type DraftAnswers = Partial<Record<InputKey, unknown>>;

/** The part of the answers one step owns. */
export function stepAnswers(step: FormStep, answers: DraftAnswers): DraftAnswers {
  return Object.fromEntries(STEP_KEYS[step].filter((key) => key in answers).map((key) => [key, answers[key]]));
}

/** The submission body a draft's answers make for its round. */
export function submissionFromAnswers(roundId: string, answers: DraftAnswers): Record<string, unknown> {
  return { roundId, ...answers };
}

/** What the round itself limits (the schema cannot know the round). */
export interface RoundLimits {
  maxAmountOre: bigint;
  excludedCostCategories: readonly string[];
  /** Whether the round takes self-organised groups through a sponsor (domain/informal-groups.ts). */
  informalGroups?: string;
}

export interface RuleIssue {
  path: string;
  messageKey: MessageKey;
  values?: Record<string, string | number>;
}

/**
 * Rules that need the round or another step's answers: whether the round takes a self-organised
 * group, the round's maximum amount, the cost
 * categories the round does not fund (the form says so as soon as one is chosen, and a draft
 * cannot be submitted with them), and the child-certificate declaration when volunteers will be
 * in contact with children under 15.
 */
export function draftRuleIssues(step: FormStep | 'all', answers: DraftAnswers, round: RoundLimits): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const covers = (s: FormStep) => step === 'all' || step === s;
  if (covers('organization')) {
    const refusal = applicantRefusal(answers.applicant as Applicant | undefined, round.informalGroups ?? 'none');
    if (refusal) issues.push({ path: 'applicant.kind', messageKey: refusal });
  }
  if (covers('budget')) {
    const amount = answers.amountRequested;
    if (typeof amount === 'number' && Number.isInteger(amount) && amount > 0 && kronerToOre(amount) > round.maxAmountOre) {
      issues.push({ path: 'amountRequested', messageKey: 'errors.amount.overRoundMaximum', values: { max: Number(round.maxAmountOre / 100n) } });
    }
    const lines = (answers.budget as { lines?: unknown } | undefined)?.lines;
    if (Array.isArray(lines)) {
      lines.forEach((line: unknown, index) => {
        const category = (line as { category?: unknown } | null)?.category;
        if (typeof category === 'string' && round.excludedCostCategories.includes(category)) {
          issues.push({ path: `budget.lines.${index}.category`, messageKey: 'errors.budget.excludedCategory' });
        }
      });
    }
  }
  if (covers('declarations')) {
    const children = (answers.project as { childrenUnder15?: unknown } | undefined)?.childrenUnder15 === true;
    const declared = (answers.declarations as { childCertificates?: unknown } | undefined)?.childCertificates === true;
    if (children && !declared) issues.push({ path: 'declarations.childCertificates', messageKey: 'errors.declaration.childCertificatesRequired' });
  }
  return issues;
}
