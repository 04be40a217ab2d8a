import { z } from 'zod';
import { i18nMessage } from '../lib/i18n';
import { isValidCvr, normalizeCvr } from './cvr';

const text = (max: number) => z.string().trim().min(1).max(max);
const email = z.string().trim().toLowerCase().pipe(z.email().max(254));

export const cvrSchema = z
  .string()
  .transform(normalizeCvr)
  .pipe(
    z
      .string()
      .regex(/^\d{8}$/, { message: i18nMessage('cvr.format'), abort: true })
      .refine(isValidCvr, { message: i18nMessage('cvr.checkDigit') }),
  );

export const wholeKronerSchema = z
  .number({ message: i18nMessage('amount.wholeKroner') })
  .int({ message: i18nMessage('amount.wholeKroner') })
  .positive({ message: i18nMessage('amount.positive') })
  .max(100_000_000);

/** What an association submits. The web form and the JSON API validate with this one schema. */
export const applicationInputSchema = z.object({
  roundId: z.uuid(),
  organization: z.object({
    cvr: cvrSchema,
    name: text(200),
    email,
  }),
  contact: z.object({
    name: text(200),
    email,
  }),
  project: z.object({
    title: text(120),
    purpose: text(4000),
  }),
  amountRequested: wholeKronerSchema,
});

export type ApplicationInput = z.infer<typeof applicationInputSchema>;
