import pino, { type Logger } from 'pino';

export type { Logger };

// A path's query string (`/sag/…?adgang=<token>`, `https://…/_search?…`): dropped, with the "?".
const QUERY_STRING = /((?:https?:\/\/[^\s"'<>/?#]+)?\/[^\s"'<>?#]*)\?[^\s"'<>#]*/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const ACCESS_PARAMETER = /\b(adgang|token|access_token)=[^\s&"'<>#]+/gi;

/**
 * What a log line may never hold: a query string (private links carry their token in one) or a
 * bearer or basic credential. Applied to every string of every line, error messages and stacks
 * included, whatever code wrote it.
 */
export function scrubSecrets(text: string): string {
  return text.replace(QUERY_STRING, '$1').replace(BEARER, '$1 [redacted]').replace(ACCESS_PARAMETER, '$1=[redacted]');
}

function scrubbed(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return scrubbed(pino.stdSerializers.err(value), depth + 1);
  if (Array.isArray(value)) return value.map((item) => scrubbed(item, depth + 1));
  if (Buffer.isBuffer(value) || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubbed(item, depth + 1)]));
}

/** Structured JSON logs on stdout (or the given stream), one line per event, so any collector can read them. */
export function createLogger(name: string, level: string = process.env.LOG_LEVEL ?? 'info', stream?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'accessToken', '*.accessToken', 'token', '*.token', 'password', '*.password'],
      censor: '[redacted]',
    },
    formatters: { log: (object) => scrubbed(object) as Record<string, unknown> },
    hooks: {
      // The message itself, and printf-style arguments, are scrubbed like the fields.
      logMethod(args, method) {
        method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg)) as Parameters<typeof method>);
      },
    },
  };
  return stream ? pino(options, stream) : pino(options);
}
