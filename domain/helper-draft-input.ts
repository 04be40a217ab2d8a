import { z } from 'zod';

// A staff member of the local volunteer centre prepares a draft for an association: which round,
// which association, and the address its private link goes to once the draft is ready.

export const helperDraftInputSchema = z.object({
  roundId: z.uuid(),
  associationName: z.string().trim().min(1).max(200),
  /** The association's contact address: the draft's private link is sent here, never to the helper. */
  associationEmail: z.string().trim().toLowerCase().pipe(z.email().max(254)),
});

export type HelperDraftInput = z.infer<typeof helperDraftInputSchema>;
