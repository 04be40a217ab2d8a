import { z } from 'zod';
import { parseDuration } from '../lib/durations';

// The zod side of durations, apart from parseDuration: workflow code imports the durations, and
// everything it imports is evaluated for each workflow the worker creates.

function durationIssue(value: string): string | undefined {
  try {
    parseDuration(value);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** A duration string, kept as written (for configuration that is shown back to people). */
export const durationSchema = z.string().superRefine((value, ctx) => {
  const message = durationIssue(value);
  if (message !== undefined) ctx.addIssue({ code: 'custom', message });
});

/** A duration string, turned into milliseconds (what the workflow's timers are given). */
export const durationMsSchema = durationSchema.transform((value) => parseDuration(value));
