import { z } from 'zod';
import { durationSetting } from './duration-setting';

/**
 * How one API process takes submissions when more arrive than the database can store at once (a
 * deadline rush). Keyed by variable name for `...intakeSettingsSchema.shape`.
 */
export const intakeSettingsSchema = z.object({
  /**
   * Submissions one API process handles at the same time; the rest wait their turn in memory. A
   * turn lasts the whole request, the workflow start included, so the limit must cover that wait:
   * on 2 cores at 50 connections (`npm run bench:intake`) 6 took 13.5 submissions/s, 32 took 23.7/s
   * and no limit 25.5/s.
   */
  INTAKE_MAX_CONCURRENT: z.coerce.number().int().min(1).max(1000).default(32),
  /** Submissions that may wait for a turn; one more is refused with 503 and Retry-After. */
  INTAKE_MAX_WAITING: z.coerce.number().int().min(0).max(100_000).default(2000),
  /** How long a submission waits for its turn before it is refused with 503 and Retry-After. */
  INTAKE_MAX_WAIT: durationSetting('30s', 100, 'must be a duration of at least 100 ms, such as 30s or PT30S'),
});

export type IntakeSettings = z.infer<typeof intakeSettingsSchema>;
