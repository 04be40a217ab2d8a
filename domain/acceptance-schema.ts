import { z } from 'zod';
import { messageKey } from './message-key';

// Apart from acceptance.ts, which workflow code imports: everything a workflow imports is evaluated
// for each workflow, and building zod schemas there cost CPU on every case.

/** What the signatory sends: the name they sign with and that they accept the conditions shown. */
export const acceptanceInputSchema = z.object({
  signerName: z.string().trim().min(1, { message: messageKey('errors.acceptance.signerNameRequired') }).max(200),
  accept: z.literal(true, { message: messageKey('errors.acceptance.acceptRequired') }),
});

export type AcceptanceInput = z.infer<typeof acceptanceInputSchema>;
