import type { Request, RequestHandler } from 'express';
import { Counter, Gauge, type Registry } from 'prom-client';
import { parseDuration } from '../../../lib/durations';
import type { IntakeSettings } from '../../../lib/intake-settings';
import { ApiError } from './errors';

/** The requests that turn a draft or a body into a stored application. */
const SUBMISSIONS: readonly RegExp[] = [
  /^\/api\/v1\/applications\/?$/,
  /^\/api\/v1\/drafts\/[^/]+\/submission\/?$/,
  /^\/kladde\/[^/]+\/send\/?$/,
];

export function isSubmission(req: Request): boolean {
  return req.method === 'POST' && SUBMISSIONS.some((pattern) => pattern.test(req.path));
}

/** A submission that found no turn: the caller may send it again with the same key and lose nothing. */
export class IntakeBusyError extends ApiError {
  constructor(retryAfterSeconds: number) {
    super(503, 'intake_busy', 'errors.http.intakeBusy', [], { seconds: retryAfterSeconds });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface IntakeAdmission {
  middleware: RequestHandler;
  readonly storing: number;
  readonly waiting: number;
}

/**
 * At most INTAKE_MAX_CONCURRENT submissions of this process store at once; the rest wait their turn
 * in arrival order. A deadline rush then waits here instead of in the database pool, where a
 * connection timeout would have answered 500 to an application that was fine. One that cannot wait
 * (the line is full, or its turn does not come within INTAKE_MAX_WAIT) is refused with 503 and
 * Retry-After before anything is stored, so sending it again with the same key is always safe.
 *
 * Written here rather than taken from a queue library: it is a counter and a FIFO of callbacks,
 * tied to Express's response events, and the libraries for it (p-queue, p-limit) are ESM-only
 * and know nothing of a request that goes away while it waits.
 */
export function createIntakeAdmission(settings: IntakeSettings, registry?: Registry): IntakeAdmission {
  const maxWaitMs = parseDuration(settings.INTAKE_MAX_WAIT);
  const retryAfterSeconds = Math.max(1, Math.ceil(maxWaitMs / 3000));
  let storing = 0;
  const line: { admit: () => void; leave: () => void }[] = [];

  const refused = registry
    ? new Counter({ name: 'grantflow_intake_refused_total', help: 'Submissions refused with 503 and Retry-After because intake was busy, by reason', labelNames: ['reason'] as const, registers: [registry] })
    : undefined;
  if (registry) {
    new Gauge({ name: 'grantflow_intake_storing', help: 'Submissions this API process is storing now', registers: [registry], collect() { this.set(storing); } });
    new Gauge({ name: 'grantflow_intake_waiting', help: 'Submissions waiting for a turn to be stored', registers: [registry], collect() { this.set(line.length); } });
  }

  const release = () => {
    const next = line.shift();
    if (next) next.admit();
    else storing -= 1;
  };

  const middleware: RequestHandler = (req, res, next) => {
    if (!isSubmission(req)) return next();
    const enter = () => {
      let released = false;
      const done = () => {
        if (released) return;
        released = true;
        release();
      };
      res.once('finish', done);
      res.once('close', done);
      next();
    };
    if (storing < settings.INTAKE_MAX_CONCURRENT) {
      storing += 1;
      enter();
      return;
    }
    if (line.length >= settings.INTAKE_MAX_WAITING) {
      refused?.inc({ reason: 'line_full' });
      return next(new IntakeBusyError(retryAfterSeconds));
    }
    // The turn passes to this request with the slot it frees: `storing` does not change.
    const place = {
      admit: () => {
        clearTimeout(timer);
        res.off('close', gaveUp);
        enter();
      },
      leave: () => {
        const index = line.indexOf(place);
        if (index >= 0) line.splice(index, 1);
      },
    };
    const timer = setTimeout(() => {
      place.leave();
      res.off('close', gaveUp);
      refused?.inc({ reason: 'waited_too_long' });
      next(new IntakeBusyError(retryAfterSeconds));
    }, maxWaitMs);
    // A caller that hangs up while waiting gives its place up.
    const gaveUp = () => {
      clearTimeout(timer);
      place.leave();
    };
    res.once('close', gaveUp);
    line.push(place);
  };

  return {
    middleware,
    get storing() {
      return storing;
    },
    get waiting() {
      return line.length;
    },
  };
}
