import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { z } from 'zod';
import { statusLabel, t, zodErrorMap, type MessageKey, type Language } from '../../../locale';
import type { Logger } from '../../../lib/logger';
import { isDatabaseBusy } from '../../../lib/db';
import type { CaseStatus } from '../../../domain/status';
import { requestLanguage } from './language';
import { isTemporalUnavailable, TEMPORAL_RETRY_AFTER_SECONDS } from './temporal-unavailable';

export interface FieldIssue {
  path: string;
  message: string;
}

/** An error the client can act on: an HTTP status, a stable code and a message in their language. */
export class ApiError extends Error {
  /** Sent as Retry-After (a 503 or 429 the caller may try again after). */
  retryAfterSeconds?: number;
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly issues: FieldIssue[] = [],
    readonly values: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

/** Seconds a caller refused for a busy database waits before sending again. */
export const DATABASE_BUSY_RETRY_AFTER_SECONDS = 5;

/** The database could take no more work in time; nothing of the request's transaction ran. */
export class DatabaseBusyError extends ApiError {
  constructor() {
    super(503, 'database_busy', 'errors.http.databaseBusy', [], { seconds: DATABASE_BUSY_RETRY_AFTER_SECONDS });
    this.retryAfterSeconds = DATABASE_BUSY_RETRY_AFTER_SECONDS;
  }
}

export function localiseIssueMessage(message: string, language: Language, values: Record<string, string | number> = {}): string {
  return message.startsWith('i18n:') ? t(language, message.slice(5) as MessageKey, values) : message;
}

export function zodIssues(error: z.ZodError, language: Language): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: localiseIssueMessage(issue.message, language),
  }));
}

/** Parses with the schema in the request's language; a failure becomes a 400 with field issues. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, req: Request): z.infer<S> {
  const language = requestLanguage(req);
  const result = schema.safeParse(input, { error: zodErrorMap(language) });
  if (!result.success) throw new ApiError(400, 'validation_failed', 'errors.validation.failed', zodIssues(result.error, language));
  return result.data;
}

export function errorBody(error: ApiError, language: Language) {
  const values = { ...error.values };
  if (typeof values.status === 'string') values.status = statusLabel(language, values.status);
  return {
    error: {
      code: error.code,
      message: t(language, error.messageKey, values),
      issues: error.issues.map((issue) => ({ ...issue, message: localiseIssueMessage(issue.message, language, error.values) })),
    },
  };
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(new ApiError(404, 'not_found', 'errors.http.notFound'));
};

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const language = requestLanguage(req);
    if (error instanceof ApiError) {
      if (error.retryAfterSeconds !== undefined) res.set('Retry-After', String(error.retryAfterSeconds));
      if (error.status >= 500) log.warn({ err: error.cause ?? error, code: error.code, method: req.method, url: req.path }, 'request refused for now');
      res.status(error.status).json(errorBody(error, language));
      return;
    }
    // express.json() reports unreadable bodies as errors with a 4xx status and a type.
    if (error && typeof error === 'object' && 'type' in error && error.type === 'entity.parse.failed') {
      res.status(400).json(errorBody(new ApiError(400, 'invalid_json', 'errors.validation.invalidJson'), language));
      return;
    }
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ error: { code: 'bad_request', message: String((error as Error).message), issues: [] } });
      return;
    }
    if (isDatabaseBusy(error)) {
      log.warn({ err: error, method: req.method, url: req.path }, 'database too busy; refused with Retry-After');
      const busy = new DatabaseBusyError();
      res.set('Retry-After', String(busy.retryAfterSeconds));
      res.status(503).json(errorBody(busy, language));
      return;
    }
    if (isTemporalUnavailable(error)) {
      log.warn({ err: error, method: req.method, url: req.path }, 'Temporal unavailable');
      res.set('Retry-After', String(TEMPORAL_RETRY_AFTER_SECONDS));
      res.status(503).json(errorBody(new ApiError(503, 'service_unavailable', 'errors.http.temporalUnavailable'), language));
      return;
    }
    // The path only: a query string may hold a private link's token (?adgang=…).
    log.error({ err: error, method: req.method, url: req.path }, 'request failed');
    res.status(500).json(errorBody(new ApiError(500, 'internal_error', 'errors.http.internal'), language));
  };
}
