import { z } from 'zod';
import { messageKey } from './message-key';
import { GRANT_CHANGE_KINDS } from './grant-changes';

/** The association declines its grant before payout, saying why. */
export const grantDeclineSchema = z.object({
  reasons: z.string().trim().min(1, { message: messageKey('errors.grantChanges.declineReasonsRequired') }).max(4000),
});

/**
 * The association's request to change the activity or its period. The shape only: what makes it
 * decidable (reasons, the new activity or two dates in order, the activity not ended) is
 * domain/grant-changes.ts, field by field.
 */
export const grantChangeRequestSchema = z.object({
  kind: z.enum(GRANT_CHANGE_KINDS),
  activity: z.string().trim().max(8000).optional(),
  startDate: z.string().trim().max(10).optional(),
  endDate: z.string().trim().max(10).optional(),
  reasons: z.string().trim().max(8000).default(''),
});

/** The caseworker's decision on a change request, always with reasons (they go into the letter). */
export const grantChangeDecisionSchema = z.object({
  approve: z.boolean(),
  reasons: z.string().trim().min(1, { message: messageKey('errors.grantChanges.decisionReasonsRequired') }).max(8000),
});
