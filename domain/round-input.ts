import { z } from 'zod';
import { messageKey } from './message-key';
import { wholeKronerSchema } from './application-input';
import { BUDGET_CATEGORIES, TARGET_GROUPS } from './categories';
import { legalFrameSchema } from './legal-frame';
import { processSettingsSchema } from './round-settings';
import { DEFAULT_REPORTING_TIERS } from './tiers';
import { MAX_GRANT_YEARS } from './grant-years';
import { CALENDAR_DATE, END_OF_DAY, START_OF_DAY, wallTimeToInstant } from './time-zone';
import { reportingTiersSchema } from './tier-schemas';
import { informalGroupRuleSchema } from './informal-groups';

// What an administrator sends to create or change a funding round. Amounts are whole kroner,
// as everywhere at the edge; the route stores them in øre.

export const ROUND_MODES = ['continuous', 'deadline'] as const;
export type RoundMode = (typeof ROUND_MODES)[number];

/** Decisions above this amount need a second signature unless the round says otherwise. */
export const DEFAULT_FOUR_EYES_THRESHOLD_KRONER = 50_000;

const text = (max: number) => z.string().trim().min(1).max(max);

/** Appears in addresses and links, so it stays readable and URL-safe. */
export const slugSchema = z
  .string()
  .trim()
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: messageKey('errors.round.slugFormat') });

// An opening or closing time without a zone would be read differently by different servers.
const instantSchema = z.iso.datetime({ offset: true });

/**
 * An opening or closing: an instant with its zone, or a date alone, which means that day on the
 * municipality's clocks: a round opens as its first day begins and closes as its last day ends
 * ("closesAt": "2028-01-01" is 1 January 2028 at 23:59:59.999 Danish time). Stored as the instant.
 */
function momentSchema(dateMeans: 'start' | 'end') {
  return z
    .string()
    .transform((value, ctx) => {
      if (CALENDAR_DATE.test(value)) {
        const at = wallTimeToInstant(value, dateMeans === 'end' ? END_OF_DAY : START_OF_DAY);
        if (at) return at.toISOString();
      } else if (instantSchema.safeParse(value).success) {
        return value;
      }
      ctx.addIssue({ code: 'custom', message: messageKey('errors.round.momentFormat') });
      return z.NEVER;
    })
    .meta({ description: `An ISO 8601 date-time with offset, or a date (YYYY-MM-DD): the ${dateMeans} of that day in the municipality’s time zone.` });
}

/** 0 kr is allowed: every approval then needs a second signature. */
const thresholdSchema = z
  .number({ message: messageKey('errors.amount.wholeKroner') })
  .int({ message: messageKey('errors.amount.wholeKroner') })
  .min(0)
  .max(100_000_000);

function distinct<T extends z.ZodType<string>>(item: T, max: number) {
  return z
    .array(item)
    .max(max)
    .refine((values) => new Set(values).size === values.length, { message: messageKey('errors.list.duplicate') });
}

const decisionCriterionSchema = z.strictObject({
  // Codes are what a decision cites and what the statistics count, so they never change meaning.
  code: z.string().trim().max(100).regex(/^[a-z0-9]+(?:[_-][a-z0-9]+)*$/),
  // A letter is written in the association's language and cites the criterion in its words, so
  // every criterion has wording in every language the service writes letters in.
  label: z.strictObject({ da: text(500), nb: text(500), en: text(500) }),
});

export const decisionCriteriaSchema = z
  .array(decisionCriterionSchema)
  .max(50)
  .superRefine((criteria, ctx) => {
    const seen = new Set<string>();
    criteria.forEach((criterion, index) => {
      if (seen.has(criterion.code)) ctx.addIssue({ code: 'custom', path: [index, 'code'], message: messageKey('errors.list.duplicate') });
      seen.add(criterion.code);
    });
  });

export type DecisionCriterion = z.infer<typeof decisionCriterionSchema>;

// ── Changing the durations one at a time ───────────────────────────────────────────────────
// processSettingsSchema gives every duration a default. A change that names one duration must
// leave the others as the round has them, so the update takes the same rules without defaults.

type WithoutDefaults<Shape> = {
  [Key in keyof Shape]: Shape[Key] extends z.ZodDefault<infer Inner> ? z.ZodOptional<Inner> : never;
};

function withoutDefaults<Shape extends Record<string, z.ZodDefault<z.ZodType>>>(shape: Shape): WithoutDefaults<Shape> {
  return Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, schema.unwrap().optional()])) as unknown as WithoutDefaults<Shape>;
}

const processSettingsChangeSchema = z.strictObject(withoutDefaults(processSettingsSchema.shape));

// ── The round ───────────────────────────────────────────────────────────────────────────────

const roundFields = {
  slug: slugSchema,
  /**
   * The slug of the scheme the round belongs to (domain/scheme-input.ts). A new round starts from
   * the scheme's legal frame, decision criteria and reporting tiers where it leaves them out.
   */
  scheme: slugSchema,
  name: text(200),
  description: z.string().trim().max(4000),
  budget: wholeKronerSchema,
  /** The most one application can ask for. */
  maxAmount: wholeKronerSchema,
  fourEyesThreshold: thresholdSchema,
  opensAt: momentSchema('start'),
  /** Null: open until further notice (continuous rounds only). */
  closesAt: momentSchema('end').nullable(),
  mode: z.enum(ROUND_MODES),
  targetGroups: distinct(z.enum(TARGET_GROUPS), TARGET_GROUPS.length),
  excludedCostCategories: distinct(z.enum(BUDGET_CATEGORIES), BUDGET_CATEGORIES.length),
  reportingTiers: reportingTiersSchema,
  decisionCriteria: decisionCriteriaSchema,
  // Strict like the rest: a misspelt duration must not silently become the default.
  processSettings: z.strictObject(processSettingsSchema.shape),
  /** The legal basis, guidelines, who decides, complaint guidance and contact person (domain/legal-frame.ts). */
  legalFrame: legalFrameSchema,
  /** For how many years a grant of the round runs, one payment a year (domain/grant-years.ts). */
  grantYears: z
    .number({ message: messageKey('errors.round.grantYears') })
    .int({ message: messageKey('errors.round.grantYears') })
    .min(1, { message: messageKey('errors.round.grantYears') })
    .max(MAX_GRANT_YEARS, { message: messageKey('errors.round.grantYears') }),
  /** The round's budget for each year, first year first: required when it grants for more than one. */
  yearlyBudgets: z.array(wholeKronerSchema).max(MAX_GRANT_YEARS),
  /** Whether self-organised groups may apply through a sponsoring association (domain/informal-groups.ts). */
  informalGroups: informalGroupRuleSchema,
};

interface CrossFieldValues {
  budget: number;
  maxAmount: number;
  opensAt: string;
  closesAt?: string | null;
  mode: RoundMode;
  grantYears: number;
  yearlyBudgets: number[];
}

function checkCrossFieldRules(round: CrossFieldValues, ctx: z.RefinementCtx): void {
  if (round.mode === 'deadline' && !round.closesAt) {
    ctx.addIssue({ code: 'custom', path: ['closesAt'], message: messageKey('errors.round.closesAtRequired') });
  }
  if (round.closesAt && Date.parse(round.closesAt) <= Date.parse(round.opensAt)) {
    ctx.addIssue({ code: 'custom', path: ['closesAt'], message: messageKey('errors.round.closesBeforeOpens') });
  }
  if (round.maxAmount > round.budget) {
    ctx.addIssue({ code: 'custom', path: ['maxAmount'], message: messageKey('errors.round.maxAmountOverBudget') });
  }
  if (round.grantYears > 1 && round.yearlyBudgets.length !== round.grantYears) {
    ctx.addIssue({ code: 'custom', path: ['yearlyBudgets'], message: messageKey('errors.round.yearlyBudgetsRequired') });
  } else if (round.grantYears === 1 && round.yearlyBudgets.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['yearlyBudgets'], message: messageKey('errors.round.yearlyBudgetsSingleYear') });
  }
}

/**
 * A new round. Strict: an unknown field is refused rather than ignored, since a misspelt setting
 * silently falling back to its default would change how real cases run. Omitted settings get
 * the defaults (continuous, four eyes above 50,000 kr, DEFAULT_REPORTING_TIERS, every duration).
 */
export const roundInputSchema = z
  .strictObject({
    ...roundFields,
    description: roundFields.description.default(''),
    fourEyesThreshold: roundFields.fourEyesThreshold.default(DEFAULT_FOUR_EYES_THRESHOLD_KRONER),
    closesAt: roundFields.closesAt.default(null),
    mode: roundFields.mode.default('continuous'),
    targetGroups: roundFields.targetGroups.default([]),
    excludedCostCategories: roundFields.excludedCostCategories.default([]),
    reportingTiers: roundFields.reportingTiers.default(() => DEFAULT_REPORTING_TIERS.map((tier) => ({ ...tier, applicationDocuments: [...tier.applicationDocuments] }))),
    decisionCriteria: roundFields.decisionCriteria.default([]),
    // prefault, not default: the empty object goes through the schema and gets every duration.
    processSettings: roundFields.processSettings.prefault({}),
    legalFrame: roundFields.legalFrame.prefault({}),
    grantYears: roundFields.grantYears.default(1),
    yearlyBudgets: roundFields.yearlyBudgets.default([]),
    informalGroups: roundFields.informalGroups.default('none'),
  })
  .superRefine(checkCrossFieldRules);

export type RoundInput = z.output<typeof roundInputSchema>;

/**
 * A change to a round: only the fields sent change; `processSettings` changes only the durations
 * it names; `closesAt: null` removes the closing time. The rules between fields (closing after
 * opening, maximum within budget, a deadline round has a deadline) concern the round as it will
 * be, so check `applyRoundChange(current, change)` with roundInputSchema. `legalFrame` is replaced
 * as a whole: a blank field in it is a field removed.
 */
export const roundUpdateSchema = z.strictObject({ ...roundFields, processSettings: processSettingsChangeSchema }).partial();

export type RoundUpdate = z.output<typeof roundUpdateSchema>;

/** The round as it would be after the change, ready to be validated as a whole. */
export function applyRoundChange(current: RoundInput, change: RoundUpdate): z.input<typeof roundInputSchema> {
  const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as RoundUpdate;
  return { ...current, ...defined, processSettings: { ...current.processSettings, ...defined.processSettings } };
}

