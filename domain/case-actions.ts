import { z } from 'zod';
import { messageKey } from './message-key';
import { wholeKronerSchema } from './application-input';

const freeText = (max: number) => z.string().trim().max(max);

/** Inputs of the caseworker's and the applicant's actions on a case: one schema each, for pages and API. */
export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(200),
  /** The six-digit TOTP code of a break-glass account. */
  oneTimeCode: z.string().regex(/^\d{6}$/).optional(),
});

export const assignmentSchema = z.object({
  /** Assign to another caseworker; by default the one asking. */
  assignee: z.email().optional(),
});

export const informationRequestSchema = z
  .object({
    items: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
    message: freeText(4000).default(''),
  })
  .refine((input) => input.items.length > 0 || input.message.length > 0, { message: messageKey('errors.request.sayWhatIsMissing'), path: ['items'] });

export const decisionSchema = z
  .object({
    outcome: z.enum(['approved', 'partially_approved', 'rejected']),
    amountGranted: z.number().int().min(0).max(100_000_000),
    reasons: z.object({
      criteria: z.array(z.string().min(1).max(100)).max(20).default([]),
      text: freeText(8000).default(''),
    }),
    conditions: z.array(z.string().trim().min(1).max(1000)).max(20).default([]),
  })
  .refine((d) => d.outcome !== 'rejected' || d.amountGranted === 0, { message: messageKey('errors.decision.rejectedIsZero'), path: ['amountGranted'] });

export const approvalSchema = z
  .object({
    approve: z.boolean(),
    comment: freeText(4000).optional(),
  })
  .refine((a) => a.approve || (a.comment?.length ?? 0) > 0, { message: messageKey('errors.approval.commentRequired'), path: ['comment'] });

export const supplementSchema = z.object({
  /** Which information request this answers; the open one when left out. */
  requestSequence: z.number().int().positive().optional(),
  text: freeText(8000),
  documentIds: z.array(z.uuid()).max(10).default([]),
});

export const withdrawalSchema = z.object({
  reason: freeText(2000).default(''),
});

export const reportSchema = z.object({
  narrative: z.string().trim().min(1).max(8000),
  spentKroner: z.number().int().min(0).max(100_000_000),
  participants: z.number().int().min(0).max(1_000_000),
  volunteers: z.number().int().min(0).max(100_000),
  story: freeText(4000).optional(),
  /** The answer to common.consent.storyAnonymous, given with this report's story. */
  storyConsent: z.boolean(),
  documentIds: z.array(z.uuid()).max(10).default([]),
});

export const reportReviewSchema = z
  .object({
    accept: z.boolean(),
    comment: freeText(4000).optional(),
  })
  .refine((r) => r.accept || (r.comment?.length ?? 0) > 0, { message: messageKey('errors.report.commentRequired'), path: ['comment'] });

export const allocationConfirmationSchema = z.object({
  decisions: z
    .array(
      z.object({
        applicationId: z.uuid(),
        outcome: z.enum(['approved', 'partially_approved', 'rejected']),
        amountGranted: z.number().int().min(0).max(100_000_000),
        reasons: z.object({
          criteria: z.array(z.string().min(1).max(100)).max(20).default([]),
          text: freeText(8000).default(''),
        }),
      }),
    )
    .min(1)
    .max(5000),
});

export { wholeKronerSchema };
