/** How the outbox retries a message the SMTP server did not take. */
export interface RetryPolicy {
  /** The wait after the first failed attempt; it doubles with every further one. */
  baseMs: number;
  /** No wait is longer than this. */
  maxMs: number;
  /** After this many failed attempts the message is a dead letter. */
  maxAttempts: number;
}

/**
 * The wait before the next attempt after `failedAttempts` failures: exponential backoff with
 * "equal jitter" — half the doubled wait, plus a random share of the other half — so replicas
 * and messages that failed together (an SMTP outage) do not all come back in the same instant.
 */
export function retryDelayMs(failedAttempts: number, policy: Pick<RetryPolicy, 'baseMs' | 'maxMs'>, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * True when the SMTP server refused the message for good: it rejected the recipient with a 5xx
 * reply (no such mailbox, bad address). Trying again cannot help, so it is dead at once. A 5xx
 * at any other step (authentication, the server's own trouble) is retried like any failure.
 */
export function isPermanentRejection(error: unknown): boolean {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return code === 'EENVELOPE' && typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}

/**
 * Whether a failed send certainly left the message undelivered ('definite': try again later) or
 * may have delivered it ('uncertain': never sent again by itself). SMTP has no two-phase commit:
 * the server takes a message with its reply to the end of the data. So a reply of 4xx/5xx, at any
 * step, is a definite no; a failure before any of the body went out (refused connection, no
 * greeting, a cut envelope) is definite too; a cut connection, a timeout or a given-up send once
 * the body was on its way leaves it open — as does an error that says nothing about its phase.
 */
export function classifySendFailure(error: unknown): 'definite' | 'uncertain' {
  const { responseCode, bodyStarted } = (error ?? {}) as { responseCode?: unknown; bodyStarted?: unknown };
  if (typeof responseCode === 'number' && responseCode >= 400 && responseCode < 600) return 'definite';
  return bodyStarted === false ? 'definite' : 'uncertain';
}
