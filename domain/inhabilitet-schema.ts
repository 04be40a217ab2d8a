import { z } from 'zod';
import { organizationNumberSchema } from './application-input';
import { perJurisdiction, type Jurisdiction } from './jurisdiction';
import { messageKey } from './message-key';
import { TIE_KINDS } from './inhabilitet';

// Apart from inhabilitet.ts, which workflow code imports (see acceptance-schema.ts).

function buildTieDeclarationSchema(jurisdiction: Jurisdiction) {
  return z
    .object({
      cvr: organizationNumberSchema(jurisdiction),
      kind: z.enum(TIE_KINDS, { message: messageKey('errors.tie.kind') }),
      note: z.string().trim().max(500).default(''),
    })
    .refine((tie) => tie.kind !== 'other' || tie.note.length > 0, { path: ['note'], message: messageKey('errors.tie.noteRequired') });
}

/**
 * A declaration: the association's organisation number (CVR, or organisasjonsnummer in Norway),
 * the kind of tie, and a note (required for "other"). One schema per jurisdiction, built once.
 */
export const tieDeclarationSchema = perJurisdiction(buildTieDeclarationSchema);
