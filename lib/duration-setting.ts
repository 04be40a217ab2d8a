import { z } from 'zod';
import { parseDuration } from './durations';

/** A setting holding a duration ("30s", "PT30S", "P90D") of at least `atLeastMs`, checked at start-up. */
export function durationSetting(fallback: string, atLeastMs: number, message: string) {
  return z
    .string()
    .refine((value) => {
      try {
        return parseDuration(value) >= atLeastMs;
      } catch {
        return false;
      }
    }, message)
    .default(fallback);
}
