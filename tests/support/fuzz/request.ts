import crypto from 'node:crypto';

/** A body too big to hold as a literal: `prefix`, then `unit` until `bytes`, then `suffix`. */
export interface HugeBody {
  unit: string;
  bytes: number;
  prefix: string;
  suffix: string;
}

/** One malformed request, as sent: enough to replay it by hand. */
export interface FuzzRequest {
  /** The operation or form it aims at, e.g. "api POST /applications/{id}/decision". */
  operation: string;
  method: string;
  /** The request target, sent as is (not normalised: traversals and odd escapes stay). */
  path: string;
  headers: Record<string, string>;
  body?: string | HugeBody;
  /** What is wrong with it. */
  faults: string[];
}

/** The ids and credentials of the data the fuzzer aims at (see world.ts). */
export interface FuzzTargets {
  baseUrl: string;
  cookieSecret: string;
  ids: {
    application: string;
    round: string;
    roundSlug: string;
    draft: string;
    /** The draft whose saved answers the step forms may change (the web form keeps what was typed). */
    scratchDraft: string;
    document: string;
    draftDocument: string;
    payoutRun: string;
    scheme: string;
    staffUser: string;
  };
  tokens: {
    staff: Record<'admin' | 'caseworker' | 'approver' | 'politician', string>;
    applicant: string;
    draft: string;
    scratchDraft: string;
  };
}

export function bodyBytes(body: FuzzRequest['body']): Buffer | undefined {
  if (body === undefined) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  const head = Buffer.from(body.prefix, 'utf8');
  const tail = Buffer.from(body.suffix, 'utf8');
  const unit = Buffer.from(body.unit, 'utf8');
  const repeats = Math.max(0, Math.ceil((body.bytes - head.length - tail.length) / unit.length));
  return Buffer.concat([head, Buffer.alloc(repeats * unit.length, unit), tail]);
}

/**
 * A header value as a raw client would put it on the wire: UTF-8 bytes read as Latin-1 (Node
 * refuses characters above U+00FF in headers), without the CR, LF and NUL no parser accepts.
 */
export function wireHeaderValue(value: string): string {
  return Buffer.from(value, 'utf8').toString('latin1').replace(/[\r\n\0]/g, '');
}

/** A path as sent: characters Node's client refuses are %-escaped, everything else is left alone. */
export function wirePath(path: string): string {
  return path.replace(/[^\x21-\x7e]|[\ud800-\udfff]/gu, (char) => {
    try {
      return encodeURIComponent(char);
    } catch {
      return '%ED%A0%80';
    }
  });
}

/** A short description of a request for a failure report, with the body cut to an excerpt. */
export function describeRequest(request: FuzzRequest): string {
  const body = request.body === undefined ? '' : typeof request.body === 'string' ? request.body : `${request.body.prefix}${request.body.unit}… (${request.body.bytes} bytes)${request.body.suffix}`;
  const excerpt = body.length > 600 ? `${body.slice(0, 600)}… (${body.length} chars)` : body;
  const headers = Object.entries(request.headers).map(([name, value]) => `  ${name}: ${value.length > 200 ? `${value.slice(0, 200)}… (${value.length} chars)` : value}`);
  return [`${request.method} ${request.path.length > 300 ? `${request.path.slice(0, 300)}…` : request.path}`, ...headers, excerpt && `  body: ${JSON.stringify(excerpt)}`, `  faults: ${request.faults.join('; ')}`]
    .filter(Boolean)
    .join('\n');
}

export function randomBoundary(seed: number): string {
  return `fuzz${crypto.createHash('sha256').update(String(seed)).digest('hex').slice(0, 16)}`;
}
