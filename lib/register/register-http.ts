import type { z } from 'zod';
import { RegisterUnavailableError } from './business-register';

/**
 * What the HTTP registers (CVR, Enhetsregisteret) share: one exchange under a time limit, the
 * rule for which answers mean "try again later", and reading a JSON body against a schema. Each
 * register keeps its own meaning of the other statuses (401 for CVR, 404 and 410 for
 * Enhetsregisteret).
 */

/** How a register names itself in messages, e.g. "CVR register at https://…". */
export interface RegisterEndpoint {
  label: string;
  url: string;
  /** Covers the whole exchange: connecting, waiting for the answer and reading its body. */
  timeoutMs: number;
}

/**
 * Sends one request and reads the whole body. A timeout or a network error becomes a
 * RegisterUnavailableError; every HTTP answer, whatever its status, is returned for the caller to
 * judge.
 */
export async function exchangeWithRegister(endpoint: RegisterEndpoint, init: RequestInit): Promise<{ status: number; body: string }> {
  const { label, url, timeoutMs } = endpoint;
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    // Duck-typed: the abort reason is a DOMException, which is not always an `Error` instance.
    const reason = (error as { name?: unknown } | null)?.name === 'TimeoutError'
      ? `did not answer within ${timeoutMs} ms`
      : `could not be reached (${describeNetworkError(error)})`;
    throw new RegisterUnavailableError(`${label} at ${url} ${reason}`, { cause: error });
  }
}

/** 408, 429 and 5xx say "not now", never "no such entity": the lookup is retried later. */
export function isRetryableRegisterStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Parses a JSON body against the shape the register documents; a mismatch names where (an Error, not retried). */
export function parseRegisterJson<Schema extends z.ZodType>(endpoint: RegisterEndpoint, body: string, schema: Schema): z.infer<Schema> {
  const { label, url } = endpoint;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error(`${label} at ${url} answered with something other than JSON: ${body.slice(0, 200)}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => issue.path.map(String).join('.') || '(root)').join(', ');
    throw new Error(`${label} at ${url} answered in an unexpected shape (at ${where})`);
  }
  return parsed.data;
}

function describeNetworkError(error: unknown): string {
  // undici reports "fetch failed" and keeps the useful part (ECONNREFUSED, ENOTFOUND …) in `cause`.
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const detail = cause?.code ?? cause?.message ?? message;
  return typeof detail === 'string' ? detail : String(error);
}
