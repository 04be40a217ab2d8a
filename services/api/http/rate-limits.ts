import crypto from 'node:crypto';
import net from 'node:net';
import type { Request, RequestHandler } from 'express';
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { parseDuration } from '../../../lib/durations';
import type { RateLimitSettings } from '../../../lib/rate-limit-settings';
import { ApiError } from './errors';

/**
 * What anyone without a staff sign-in can make the service do, counted in the database every API
 * replica shares (rate-limiter-flexible's PostgreSQL store on the `rate_limits` table, created by
 * the app's migrations: one prepared INSERT … ON CONFLICT per count over plain connections; its
 * Prisma store ran two ORM queries per count, a third of the API's CPU per submission).
 */
export interface RateLimits {
  /** A form post or API write from the request's client address, and against the global ceiling. */
  countWrite(req: Request): Promise<void>;
  /** A new draft or application from the request's client address. */
  countNewDraft(req: Request): Promise<void>;
  /** An email to this address that an anonymous caller asked for. */
  countEmailTo(recipient: string): Promise<void>;
  /** A start or return of a member's sign-in through the organisations' OpenID provider, from the request's client address. */
  countProviderSignIn(req: Request): Promise<void>;
}

/** Thrown past a limit: 429 with Retry-After, and a message in the caller's language. */
export class RateLimitedError extends ApiError {
  constructor(retryAfterSeconds: number, code = 'rate_limited', messageKey: 'errors.http.rateLimited' | 'errors.http.tooManyEmails' = 'errors.http.rateLimited') {
    super(429, code, messageKey, [], { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * The client address Express derived with the configured `trust proxy` (TRUST_PROXY). Express
 * takes X-Forwarded-For's entries as they are written, so a client a trusted hop lets through can
 * write anything there: what is not an IP address is counted under its hash (a key fits the table).
 */
function clientAddress(req: Request): string {
  const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  return net.isIP(address) ? address : `unparsed:${hashed(address)}`;
}

// Keys hold no email address in clear: the table is a counter, not a list of who was mailed.
function hashed(value: string): string {
  return crypto.createHash('sha256').update(value).digest('base64url');
}

export function createRateLimits(
  pool: pg.Pool,
  settings: RateLimitSettings,
  /** Tests give each limiter set its own prefix, so counts of other test files do not mix in. */
  options: { keyPrefix?: string } = {},
): RateLimits {
  const prefix = options.keyPrefix ?? 'grantflow';
  const duration = Math.ceil(parseDuration(settings.RATE_LIMIT_WINDOW) / 1000);
  // Expired rows are deleted by the retention run (domain/retention.ts), once for all replicas,
  // instead of by a timer in every API process; a row past its expiry already counts as empty.
  const limiter = (name: string, points: number) =>
    new RateLimiterPostgres({ storeClient: pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, keyPrefix: `${prefix}:${name}`, points, duration, clearExpiredByTimeout: false });
  const writesPerAddress = limiter('writes', settings.RATE_LIMIT_WRITES_PER_ADDRESS);
  const writesGlobal = limiter('writes-global', settings.RATE_LIMIT_WRITES_GLOBAL);
  const newDrafts = limiter('new-drafts', settings.RATE_LIMIT_NEW_DRAFTS_PER_ADDRESS);
  const emails = limiter('emails', settings.RATE_LIMIT_EMAILS_PER_RECIPIENT);
  // Reads, which the write limits do not count, but each costs a round trip to the provider.
  const providerSignIns = limiter('provider-sign-ins', settings.RATE_LIMIT_PROVIDER_SIGN_INS_PER_ADDRESS);

  const consume = async (rateLimiter: RateLimiterPostgres, key: string, refusal: (seconds: number) => RateLimitedError) => {
    try {
      await rateLimiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw refusal(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      throw rejection;
    }
  };
  const limited = (seconds: number) => new RateLimitedError(seconds);
  return {
    async countWrite(req) {
      await consume(writesPerAddress, clientAddress(req), limited);
      await consume(writesGlobal, 'all', limited);
    },
    countNewDraft: (req) => consume(newDrafts, clientAddress(req), limited),
    countEmailTo: (recipient) =>
      consume(emails, hashed(recipient.trim().toLowerCase()), (seconds) => new RateLimitedError(seconds, 'too_many_emails', 'errors.http.tooManyEmails')),
    countProviderSignIn: (req) => consume(providerSignIns, clientAddress(req), limited),
  };
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Requests that start a new draft or application: the API's and the web form's pre-check. */
function startsDraft(req: Request): boolean {
  return req.method === 'POST' && (req.path === '/api/v1/drafts' || req.path === '/api/v1/applications' || /^\/ansoeg\/[^/]+\/?$/.test(req.path));
}

/**
 * Counts every anonymous write (after the staff identity is known: signed-in staff are not
 * limited here) and refuses it with 429 past a limit, before any handler reads or stores it.
 */
export function anonymousWriteLimits(limits: RateLimits): RequestHandler {
  return async (req, res, next) => {
    if (READS.has(req.method) || res.locals.staff) return next();
    try {
      if (startsDraft(req)) await limits.countNewDraft(req);
      await limits.countWrite(req);
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** Seconds a caller refused for a full upload queue waits before sending again. */
export const UPLOAD_BUSY_RETRY_AFTER_SECONDS = 5;

/**
 * At most `max` multipart uploads read at once by this process (each holds up to the upload
 * limits in memory while its files are checked); the next is refused with 429 until one ends.
 */
export function uploadConcurrency(max: number): RequestHandler {
  let reading = 0;
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    if (reading >= max) return next(new RateLimitedError(UPLOAD_BUSY_RETRY_AFTER_SECONDS, 'uploads_busy'));
    reading += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      reading -= 1;
    };
    res.once('finish', release);
    res.once('close', release);
    next();
  };
}
