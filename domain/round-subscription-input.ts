import { z } from 'zod';
import { LANGUAGES } from '../lib/languages';
import { messageKey } from './message-key';
import { slugSchema } from './round-input';

/**
 * A request for round alerts, from the catalogue page's form or the API: an address, and every
 * scheme or the chosen ones (by slug). The language is the page's (the API's: as given, else the
 * request's).
 */
export const roundSubscriptionInputSchema = z
  .strictObject({
    email: z
      .string({ message: messageKey('errors.subscription.email') })
      .trim()
      .toLowerCase()
      .pipe(z.email({ message: messageKey('errors.subscription.email') }).max(254, { message: messageKey('errors.subscription.email') })),
    allSchemes: z.boolean().default(true),
    schemes: z.array(slugSchema).max(100).default([]),
    language: z.enum(LANGUAGES).optional(),
  })
  .superRefine((input, ctx) => {
    if (!input.allSchemes && input.schemes.length === 0) ctx.addIssue({ code: 'custom', path: ['schemes'], message: messageKey('errors.subscription.schemesRequired') });
  });

export type RoundSubscriptionInput = z.output<typeof roundSubscriptionInputSchema>;

/**
 * The form's fields as the schema reads them: `email`, `omfang` ("alle" or "valgte") and one
 * `ordning` per ticked scheme.
 */
export function subscriptionFormInput(body: Record<string, unknown>): { email: string; allSchemes: boolean; schemes: string[] } {
  const chosen = body.ordning;
  const schemes = (Array.isArray(chosen) ? chosen : chosen === undefined ? [] : [chosen]).filter((value): value is string => typeof value === 'string');
  return { email: typeof body.email === 'string' ? body.email : '', allSchemes: body.omfang !== 'valgte', schemes };
}
