import { t, type Language } from '../../../../locale';
import type { FieldErrors } from '../forms';

// Reading the admin forms' fields: posted bodies and the values a form holds are both plain
// records of strings and string lists, the fields named by their path (reportingTiers.0.requirement).

type FormBody = Record<string, unknown>;

/** A field's text, whether posted or held by the form ('' when there is none or it is a list). */
export function text(fields: FormBody, name: string): string {
  const value = fields[name];
  return typeof value === 'string' ? value : '';
}

/** A multiple-choice field's values (a single choice arrives as a string). */
export function list(fields: FormBody, name: string): string[] {
  const value = fields[name];
  return (Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : []).filter((item): item is string => typeof item === 'string');
}

/** How many rows of a repeated group (reportingTiers.<n>.…) the fields hold, at most 50. */
export function rowCount(fields: FormBody, prefix: string): number {
  const indexes = Object.keys(fields)
    .map((key) => new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(key)?.[1])
    .filter((index): index is string => index !== undefined)
    .map(Number);
  return indexes.length ? Math.min(Math.max(...indexes) + 1, 50) : 0;
}

/**
 * Whole kroner as typed ("400.000"): null when blank and optional, undefined when blank and
 * required, and undefined with the form's own message in `errors` when it does not read as a number.
 */
export function kronerOf(fields: FormBody, name: string, errors: FieldErrors, language: Language, { optional = false } = {}): number | null | undefined {
  const raw = text(fields, name).replace(/[\s.]/g, '');
  if (!raw) return optional ? null : undefined;
  if (!/^\d{1,12}$/.test(raw)) {
    errors[name] = t(language, 'admin.notANumber');
    return undefined;
  }
  return Number(raw);
}
