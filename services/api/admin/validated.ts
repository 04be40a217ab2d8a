import type { z } from 'zod';
import { zodErrorMap, type Language } from '../../../locale';
import { ApiError, zodIssues } from '../http/errors';

/**
 * Validates in the caller's language (the API's request language or the page's), so the JSON API
 * and the admin pages refuse the same input with the same field messages: a 400 naming each field.
 */
export function validated<S extends z.ZodType>(schema: S, input: unknown, language: Language): z.infer<S> {
  const result = schema.safeParse(input, { error: zodErrorMap(language) });
  if (!result.success) throw new ApiError(400, 'validation_failed', 'errors.validation.failed', zodIssues(result.error, language));
  return result.data;
}
