import crypto from 'node:crypto';
import { sameBytes } from '../../../lib/tokens';

/**
 * Active time on a step is measured on the server: a page carries a signed stamp of when it was
 * shown, and the post that leaves it adds the time in between. One view counts at most
 * MAX_VIEW_SECONDS, so a tab left open over lunch does not count as work on the form.
 */
export const MAX_VIEW_SECONDS = 30 * 60;

function signature(secret: string, draftId: string, position: string, shownAtMs: number): string {
  return crypto.createHmac('sha256', secret).update(`view:${draftId}:${position}:${shownAtMs}`).digest('base64url').slice(0, 22);
}

export function viewStamp(secret: string, draftId: string, position: string, now = Date.now()): string {
  return `${now}.${signature(secret, draftId, position, now)}`;
}

/** Seconds since the stamped view, capped; 0 for a missing, forged or future stamp. */
export function secondsSinceView(secret: string, draftId: string, position: string, stamp: unknown, now = Date.now()): number {
  if (typeof stamp !== 'string') return 0;
  const [shown, sent] = stamp.split('.');
  const shownAtMs = Number(shown);
  if (!Number.isSafeInteger(shownAtMs) || !sent) return 0;
  const expected = signature(secret, draftId, position, shownAtMs);
  if (!sameBytes(sent, expected)) return 0;
  return cappedSeconds((now - shownAtMs) / 1000);
}

/** Seconds reported by an API client, held to the same cap. */
export function cappedSeconds(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds <= 0) return 0;
  return Math.min(Math.round(seconds), MAX_VIEW_SECONDS);
}
