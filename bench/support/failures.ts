// Why requests failed, kept one by one: an HTTP status with the error code and the start of the
// body, or the client's own error (a refused connection, a timeout). Printed as a table of causes.

export interface FailedRequest {
  /** e.g. "HTTP 500 internal_error" or "client ECONNRESET". */
  cause: string;
  /** The body's first 200 characters, or the client error's message. */
  detail: string;
}

export interface FailureLog {
  readonly all: readonly FailedRequest[];
  response(status: number, body: string): void;
  clientError(error: unknown): void;
  /** One row per cause: how many, and one example. */
  table(): { cause: string; requests: number; example: string }[];
  byCause(): Record<string, number>;
}

export function createFailureLog(): FailureLog {
  const all: FailedRequest[] = [];
  return {
    all,
    response(status, body) {
      let code: string | undefined;
      try {
        code = (JSON.parse(body) as { error?: { code?: string } }).error?.code;
      } catch {
        code = undefined;
      }
      all.push({ cause: `HTTP ${status}${code ? ` ${code}` : ''}`, detail: body.slice(0, 200).replace(/\s+/g, ' ') });
    },
    clientError(error) {
      const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
      const code = failure.cause?.code ?? (failure.name === 'TimeoutError' ? 'timeout' : failure.name) ?? 'error';
      all.push({ cause: `client ${code}`, detail: failure.cause?.message ?? failure.message ?? String(error) });
    },
    table() {
      const rows = new Map<string, { cause: string; requests: number; example: string }>();
      for (const failure of all) {
        const row = rows.get(failure.cause) ?? { cause: failure.cause, requests: 0, example: failure.detail.replace(/\|/g, '\\|') };
        row.requests += 1;
        rows.set(failure.cause, row);
      }
      return [...rows.values()].sort((a, b) => b.requests - a.requests);
    },
    byCause() {
      return Object.fromEntries(this.table().map((row) => [row.cause, row.requests]));
    },
  };
}
