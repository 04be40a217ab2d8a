import { z } from 'zod';
import { messageKey } from './message-key';

// The inputs of reconsideration (domain/reconsideration.ts): one schema each, for pages and API.

const freeText = (max: number) => z.string().trim().max(max);
const criteria = z.array(z.string().min(1).max(100)).max(20).default([]);

/** The association's request: its reasons (required) and documents it uploaded as kind "reconsideration". */
export const reconsiderationRequestSchema = z.object({
  reasons: z.string().trim().min(1, { message: messageKey('errors.reconsideration.reasonsRequired') }).max(8000),
  documentIds: z.array(z.uuid()).max(10).default([]),
});

const changedDecision = {
  outcome: z.enum(['approved', 'partially_approved', 'rejected']).optional(),
  amountGranted: z.number().int().min(0).max(100_000_000).optional(),
  conditions: z.array(z.string().trim().min(1).max(1000)).max(20).default([]),
};

/** The caseworker's answer. A changed decision names its outcome and amount; every answer gives reasons. */
export const reconsiderationAnswerSchema = z
  .object({
    answer: z.enum(['uphold', 'change', 'forward']),
    reasons: z.object({ criteria, text: freeText(8000).default('') }),
    ...changedDecision,
  })
  .refine((a) => a.answer !== 'change' || (a.outcome !== undefined && a.amountGranted !== undefined), {
    message: messageKey('errors.reconsideration.newDecisionRequired'),
    path: ['outcome'],
  });

/** The klagenemnd's decision as a caseworker registers it: upheld, or changed to a new outcome and amount. */
export const boardDecisionSchema = z
  .object({
    boardOutcome: z.enum(['upheld', 'changed']),
    decidedOn: z.iso.date(),
    text: z.string().trim().min(1, { message: messageKey('errors.reconsideration.boardTextRequired') }).max(8000),
    ...changedDecision,
  })
  .refine((b) => b.boardOutcome !== 'changed' || (b.outcome !== undefined && b.amountGranted !== undefined), {
    message: messageKey('errors.reconsideration.newDecisionRequired'),
    path: ['outcome'],
  });
