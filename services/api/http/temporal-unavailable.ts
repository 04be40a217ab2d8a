import { isGrpcServiceError } from '@temporalio/client';

/** What a client is told to wait before trying again while Temporal does not answer. */
export const TEMPORAL_RETRY_AFTER_SECONDS = 30;

// gRPC status codes: the server could not be reached, or did not answer in time.
const UNAVAILABLE = 14;
const DEADLINE_EXCEEDED = 4;

/**
 * True when the error (or one of its causes) is Temporal's frontend not answering: the request
 * was fine and may succeed later, so the answer is 503 with Retry-After, not 500.
 */
export function isTemporalUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (isGrpcServiceError(current) && (current.code === UNAVAILABLE || current.code === DEADLINE_EXCEEDED)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
