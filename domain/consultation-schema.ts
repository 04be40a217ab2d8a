import { z } from 'zod';
import { messageKey } from './message-key';
import { FACT_SOURCES } from './consultation';

// Apart from consultation.ts, which workflow code imports (see acceptance-schema.ts).

export const consultationSchema = z.object({
  facts: z
    .array(
      z.object({
        text: z.string().trim().min(1, { message: messageKey('errors.consultation.factEmpty') }).max(2000),
        source: z.enum(FACT_SOURCES).optional(),
      }),
      { message: messageKey('errors.consultation.factsRequired') },
    )
    .min(1, { message: messageKey('errors.consultation.factsRequired') })
    .max(20),
  message: z.string().trim().max(4000).default(''),
  /** The answer deadline; the round's answer deadline from now when left out. */
  answerBy: z.iso.datetime({ offset: true, message: messageKey('errors.consultation.deadlineInvalid') }).optional(),
});

export type ConsultationInput = z.infer<typeof consultationSchema>;

/** The association's comments on the facts: text and/or documents (both may not be empty). */
export const consultationCommentsSchema = z.object({
  /** Which consultation this answers; the open one when left out. */
  consultationSequence: z.number().int().positive().optional(),
  text: z.string().trim().max(8000),
  documentIds: z.array(z.uuid()).max(10).default([]),
});
