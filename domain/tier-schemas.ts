import { z } from 'zod';
import { durationSchema } from './duration-schema';
import { APPLICATION_DOCUMENT_KINDS, REPORT_REQUIREMENTS, isDateInEveryYear, type ReportDueRule, type ReportingTier } from './tiers';

// Validation of the reporting tiers and the report due rule in a round's settings.

const reportingTierSchema = z.object({
  upToKroner: z.int().positive().nullable(),
  requirement: z.enum(REPORT_REQUIREMENTS),
  applicationDocuments: z
    .array(z.enum(APPLICATION_DOCUMENT_KINDS))
    .refine((kinds) => new Set(kinds).size === kinds.length, { message: 'A document is listed twice in the same tier.' }),
});

/** Tiers sorted by amount, each bound higher than the one before, the last one open-ended. */
export const reportingTiersSchema = z
  .array(reportingTierSchema)
  .min(1)
  .superRefine((tiers, ctx) => {
    tiers.forEach((tier, index) => {
      const isLast = index === tiers.length - 1;
      if (isLast && tier.upToKroner !== null) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'upToKroner'],
          message: 'The last tier must have no upper limit (upToKroner: null), so every amount has a tier.',
        });
      }
      if (!isLast && tier.upToKroner === null) {
        ctx.addIssue({ code: 'custom', path: [index, 'upToKroner'], message: 'Only the last tier may have no upper limit.' });
      }
      const previous = tiers[index - 1]?.upToKroner;
      if (tier.upToKroner !== null && previous != null && tier.upToKroner <= previous) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'upToKroner'],
          message: `Tiers must be sorted by amount with no duplicates: ${tier.upToKroner} kr comes after ${previous} kr.`,
        });
      }
    });
  }) satisfies z.ZodType<ReportingTier[]>;

export const reportDueRuleSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('fixed_date_next_year'), month: z.int().min(1).max(12), day: z.int().min(1).max(31) })
    .refine((rule) => isDateInEveryYear(rule.month, rule.day), {
      message: 'The day does not exist in that month every year (29 February is not allowed).',
      path: ['day'],
    }),
  z.object({ kind: z.literal('after_activity_end'), duration: durationSchema }),
]) satisfies z.ZodType<ReportDueRule>;
