import { z } from 'zod';
import { REPAYMENT_OUTCOMES, REPAYMENT_REASONS_MAX } from './repayment';

// Apart from repayment.ts, which workflow code imports (see acceptance-schema.ts).

/** The caseworker's decision as the API and the form take it: amounts in whole kroner. */
export const repaymentDecisionSchema = z.object({
  outcome: z.enum(REPAYMENT_OUTCOMES),
  /** Whole kroner: required to reduce; to confirm, if given, the amount proposed. */
  amount: z.number().int().min(0).max(100_000_000).optional(),
  reasons: z.string().trim().max(REPAYMENT_REASONS_MAX).default(''),
  /** A carry-over: the last day of the new period (YYYY-MM-DD). */
  newPeriodEnd: z.iso.date().optional(),
});

/** A repayment registered as paid, on the day the money reached the municipality's account. */
export const repaymentPaymentSchema = z.object({
  paidOn: z.iso.date(),
});
