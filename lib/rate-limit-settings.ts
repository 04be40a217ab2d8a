import { z } from 'zod';
import { durationSetting } from './duration-setting';

const positiveCount = (fallback: number) => z.coerce.number().int().min(1).max(10_000_000).default(fallback);

/**
 * Limits on what anyone without a staff sign-in can make the service do, counted in PostgreSQL so
 * every API replica shares them; keyed by variable name for `...rateLimitSettingsSchema.shape`.
 */
export const rateLimitSettingsSchema = z.object({
  /** The window every count below is kept over. */
  RATE_LIMIT_WINDOW: durationSetting('1h', 1000, 'must be a duration of at least a second, such as 1h or 15m'),
  /** Form posts and API writes (saves, uploads, submissions, pre-checks, case posts, sign-ins) from one client address. */
  RATE_LIMIT_WRITES_PER_ADDRESS: positiveCount(600),
  /** The same from all addresses together: a ceiling that holds when the addresses are many. */
  RATE_LIMIT_WRITES_GLOBAL: positiveCount(50_000),
  /** New drafts and applications from one client address (a town hall's shared address starts several). */
  RATE_LIMIT_NEW_DRAFTS_PER_ADDRESS: positiveCount(30),
  /** Emails an anonymous caller can have sent to one address (resume links, new private links). */
  RATE_LIMIT_EMAILS_PER_RECIPIENT: positiveCount(5),
  /** Starts and returns of members' sign-ins through the organisations' OpenID provider from one client address. */
  RATE_LIMIT_PROVIDER_SIGN_INS_PER_ADDRESS: positiveCount(120),
  /** Failed staff sign-ins to one account within 15 minutes before sign-in to it pauses. */
  SIGN_IN_FAILURES_PER_ACCOUNT: positiveCount(5),
  /** Failed staff sign-ins from one client address within 15 minutes before sign-in from it pauses. */
  SIGN_IN_FAILURES_PER_ADDRESS: positiveCount(20),
  /** Uploads one API process reads at once; the next is refused with 429 until one finishes. */
  UPLOAD_MAX_CONCURRENT: z.coerce.number().int().min(1).max(1000).default(8),
});

export type RateLimitSettings = z.infer<typeof rateLimitSettingsSchema>;
