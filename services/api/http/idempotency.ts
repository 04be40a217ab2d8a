import type { Request } from 'express';
import { ApiError } from './errors';

/**
 * The request's Idempotency-Key: 1–200 visible ASCII characters, or absent. It becomes the
 * intake's replay key and the workflow Update ID, so a repeated request acts once; a malformed
 * key is refused rather than ignored, since ignoring it would silently lose that guarantee.
 */
export function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new ApiError(400, 'invalid_idempotency_key', 'errors.idempotency.keyInvalid');
  return key;
}
