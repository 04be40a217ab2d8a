import type { RequestHandler } from 'express';
import { messageKey } from '../../../domain/message-key';
import { ApiError } from './errors';

/**
 * True for text PostgreSQL cannot store: a NUL (U+0000, refused in text and JSON columns alike)
 * or half a UTF-16 surrogate pair (JSON may spell one as "\ud800"; a JSON column refuses it).
 */
export function unstorable(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path of the first key or string in a parsed body or query that cannot be stored ("" for the value itself). */
export function unstorablePath(value: unknown, path: string[] = [], depth = 0): string | undefined {
  if (typeof value === 'string') return unstorable(value) ? path.join('.') : undefined;
  // Deeper than any input of this service: the schemas refuse it; nothing here need walk it all.
  if (!value || typeof value !== 'object' || depth > 32) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (unstorable(key)) return [...path, key.replace(/[\u0000\ud800-\udfff]/g, '\ufffd')].join('.');
    const found = unstorablePath(item, [...path, key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The 400 for text that cannot be stored, at the field that holds it. */
export function unstorableTextError(path: string): ApiError {
  return new ApiError(400, 'validation_failed', 'errors.validation.failed', [{ path, message: messageKey('errors.validation.unstorableText') }]);
}

/**
 * Refuses a request whose query or parsed body holds text that cannot be stored, before any
 * handler reads it: otherwise a schema that accepts any text lets it through to the database (or
 * into a workflow, whose activity would then fail on every retry).
 */
export function refuseUnstorableText(): RequestHandler {
  return (req, _res, next) => {
    const path = unstorablePath(req.body) ?? unstorablePath(req.query);
    next(path === undefined ? undefined : unstorableTextError(path));
  };
}
