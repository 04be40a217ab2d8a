import { z } from 'zod';
import { messageKey } from './message-key';
import { BUDGET_CATEGORIES, COFINANCING_STATUSES, TARGET_GROUPS } from './categories';
import { jurisdictionRules, perJurisdiction, type Jurisdiction } from './jurisdiction';
import { bankAccountSchema } from './bank-account-input';
import { applicantSchema } from './informal-groups';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const email = z.string().trim().toLowerCase().pipe(z.email().max(254));
const phone = z.string().trim().regex(/^\+?[\d\s-]{8,20}$/).optional();
// A calendar date ("2027-03-01"); the web form reads day.month.year into it (domain/typed-date.ts).
// A missing date is a missing field (the error map's own message); a wrong one says so in words.
const isoDate = z.iso.date({ error: (issue) => (issue.input === undefined ? undefined : messageKey('errors.date.invalid')) });

/**
 * The association's organisation number as the jurisdiction numbers it: a Danish CVR number
 * (8 digits) or a Norwegian organisasjonsnummer (9 digits), each with its modulus-11 check digit.
 * What people add when typing (spaces, hyphens, a DK/NO prefix) is stripped first.
 */
function buildOrganizationNumberSchema(jurisdiction: Jurisdiction) {
  const { organizationNumber: rule, texts } = jurisdictionRules(jurisdiction);
  const other = jurisdiction === 'DK' ? 'a Norwegian organisasjonsnummer (9 digits) with JURISDICTION=NO' : 'a Danish CVR number (8 digits) with JURISDICTION=DK';
  return z
    .string()
    .meta({
      description:
        `${jurisdiction === 'DK' ? 'The CVR number' : 'The organisasjonsnummer'}: ${rule.digits} digits passing the modulus-11 check ` +
        `(pattern ^\\d{${rule.digits}}$ once spaces, hyphens and a ${jurisdiction} prefix are removed). The service takes ${other} instead.`,
      examples: [jurisdiction === 'DK' ? '13748136' : '974760673'],
    })
    .transform(rule.normalize)
    .pipe(
      z
        .string()
        .regex(new RegExp(`^\\d{${rule.digits}}$`), { message: messageKey(texts.formatError), abort: true })
        .refine(rule.isValid, { message: messageKey(texts.checkDigitError) }),
    );
}

/** One schema per jurisdiction, built once: the form, the drafts API and POST /applications share it. */
export const organizationNumberSchema = perJurisdiction(buildOrganizationNumberSchema);

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

function buildApplicationInputSchema(jurisdiction: Jurisdiction) {
  return z
    .object({
      roundId: z.uuid(),
      /** An association, or a self-organised group applying through the sponsor given as `organization`. */
      applicant: applicantSchema,
      organization: z.object({
        /** The organisation number (for a group: the sponsor's): a CVR number (DK) or an organisasjonsnummer (NO). */
        cvr: organizationNumberSchema(jurisdiction),
        name: text(200),
        email,
        phone,
        address: optionalText(300),
        // The account the grant is paid to, where the jurisdiction has no NemKonto (NO only).
        ...(jurisdictionRules(jurisdiction).payout.collectsAccount ? { bankAccount: bankAccountSchema } : {}),
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
}

/**
 * What an association submits. The web form and the JSON API validate with this one schema; only
 * the organisation number's rule depends on the jurisdiction (one schema each, built once).
 */
export const applicationInputSchema = perJurisdiction(buildApplicationInputSchema);

export type ApplicationInput = z.infer<ReturnType<typeof applicationInputSchema>>;
