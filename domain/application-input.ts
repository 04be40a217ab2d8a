import { z } from 'zod';
import { messageKey } from './message-key';
import { BUDGET_CATEGORIES, COFINANCING_STATUSES, TARGET_GROUPS } from './categories';
import { isValidCvr, normalizeCvr } from '../lib/cvr';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const email = z.string().trim().toLowerCase().pipe(z.email().max(254));
const phone = z.string().trim().regex(/^\+?[\d\s-]{8,20}$/).optional();
// A calendar date ("2027-03-01"); the web form reads day.month.year into it (domain/typed-date.ts).
// A missing date is a missing field (the error map's own message); a wrong one says so in words.
const isoDate = z.iso.date({ error: (issue) => (issue.input === undefined ? undefined : messageKey('errors.date.invalid')) });

export const cvrSchema = z
  .string()
  .transform(normalizeCvr)
  .pipe(
    z
      .string()
      .regex(/^\d{8}$/, { message: messageKey('errors.cvr.format'), abort: true })
      .refine(isValidCvr, { message: messageKey('errors.cvr.checkDigit') }),
  );

export const wholeKronerSchema = z
  .number({ message: messageKey('errors.amount.wholeKroner') })
  .int({ message: messageKey('errors.amount.wholeKroner') })
  .positive({ message: messageKey('errors.amount.positive') })
  .max(100_000_000);

export const budgetLineSchema = z.object({
  category: z.enum(BUDGET_CATEGORIES),
  description: text(200),
  amount: wholeKronerSchema,
});

export const cofinancingSchema = z.object({
  source: text(200),
  amount: wholeKronerSchema,
  status: z.enum(COFINANCING_STATUSES),
});

/** What an association submits. The web form and the JSON API validate with this one schema. */
export const applicationInputSchema = z
  .object({
    roundId: z.uuid(),
    organization: z.object({
      cvr: cvrSchema,
      name: text(200),
      email,
      phone,
      address: optionalText(300),
    }),
    contact: z.object({
      name: text(200),
      email,
      phone,
    }),
    project: z.object({
      title: text(120),
      purpose: text(4000),
      targetGroup: z.enum(TARGET_GROUPS),
      activities: text(4000),
      startDate: isoDate,
      endDate: isoDate,
      place: optionalText(200),
      volunteers: z.number().int().min(0).max(100_000),
      expectedParticipants: z.number().int().min(0).max(1_000_000),
      isNew: z.boolean(),
      /** Volunteers will be in contact with children under 15 (børneattest duty). */
      childrenUnder15: z.boolean().default(false),
    }),
    budget: z.object({
      lines: z.array(budgetLineSchema).min(1).max(50),
      cofinancing: z.array(cofinancingSchema).max(20).default([]),
    }),
    amountRequested: wholeKronerSchema,
    declarations: z.object({
      truthful: z.literal(true, { message: messageKey('errors.declaration.truthfulRequired') }),
      childCertificates: z.boolean(),
      /**
       * The answer to common.consent.contactLater: contact about the activity, nothing published.
       * Left out (a draft saved before it was asked) it is no.
       */
      contactLater: z.boolean().default(false),
    }),
  })
  .superRefine((input, ctx) => {
    if (input.project.endDate < input.project.startDate) {
      ctx.addIssue({ code: 'custom', path: ['project', 'endDate'], message: messageKey('errors.project.endBeforeStart') });
    }
    const budgetTotal = input.budget.lines.reduce((sum, line) => sum + line.amount, 0);
    if (input.amountRequested > budgetTotal) {
      ctx.addIssue({ code: 'custom', path: ['amountRequested'], message: messageKey('errors.amount.overBudgetTotal') });
    }
  });

export type ApplicationInput = z.infer<typeof applicationInputSchema>;
