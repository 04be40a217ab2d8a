import http from 'node:http';
import fc from 'fast-check';
import { bodyBytes, describeRequest, wireHeaderValue, wirePath, type FuzzRequest } from './request';

// Sends generated requests over raw HTTP (so odd paths and headers reach the server as written),
// a few at a time, and counts the answers. Any 5xx is a failure, kept with the request that caused
// it; so is a server that stops answering.

export interface Target {
  operation: string;
  requests: fc.Arbitrary<FuzzRequest>;
}

export interface RunOptions {
  seed: number;
  requests: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Every n-th request goes here instead (an API with the default rate limits). */
  limited?: { baseUrl: string; every: number };
  /** Called after every batch; returns what changed in the stored data since the start. */
  checkpoint?: () => Promise<string[]>;
}

export interface Answer {
  status: number;
  /** The start of the body, for a report. */
  excerpt: string;
}

export interface RunReport {
  seed: number;
  sent: number;
  ms: number;
  byStatus: Map<number, number>;
  byFamily: Map<string, Map<string, number>>;
  failures: { request: FuzzRequest; answer: Answer | string }[];
  /** The first batch after which the stored data differed, with the operations it held. */
  changed?: { batch: number; differences: string[]; suspects: string[] };
}

const BATCH = 100;
/** Longer than any refusal takes; a request still unanswered then hangs (e.g. on a workflow that cannot go on). */
const ANSWER_WITHIN_MS = 30_000;

class NoAnswer extends Error {}

function send(baseUrl: string, request: FuzzRequest, agent: http.Agent): Promise<Answer> {
  const url = new URL(baseUrl);
  const body = bodyBytes(request.body);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name] = wireHeaderValue(value).replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '');
  if (body) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: url.hostname, port: url.port, method: request.method, path: wirePath(request.path), headers, agent, timeout: ANSWER_WITHIN_MS }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (size < 2_000) chunks.push(chunk);
        size += chunk.length;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, excerpt: Buffer.concat(chunks).toString('utf8').slice(0, 2_000) }));
      response.on('error', reject);
    });
    outgoing.on('timeout', () => outgoing.destroy(new NoAnswer(`no answer within ${ANSWER_WITHIN_MS / 1000} s`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** The family a request is counted under: what it is (api, form, page) and its first path segment(s). */
export function familyOf(operation: string): string {
  const [kind, , path = ''] = operation.split(' ');
  const segments = path.split('/').filter(Boolean);
  const head = segments[0] === 'admin' || segments[0] === 'personale' ? segments.slice(0, 2) : segments.slice(0, 1);
  return `${kind} /${head.join('/')}`;
}

export async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

export async function runFuzz(baseUrl: string, targets: Target[], options: RunOptions): Promise<RunReport> {
  const started = Date.now();
  const report: RunReport = { seed: options.seed, sent: 0, ms: 0, byStatus: new Map(), byFamily: new Map(), failures: [] };
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency ?? 6 });
  // Each operation as likely as any other, whatever the number of ways to call it.
  const all = fc.integer({ min: 0, max: targets.length - 1 }).chain((index) => targets[index]!.requests);
  const batches = Math.ceil(options.requests / BATCH);
  for (let batch = 0; batch < batches; batch++) {
    const requests = fc.sample(all, { seed: options.seed + batch * 7_919, numRuns: Math.min(BATCH, options.requests - batch * BATCH) });
    let next = 0;
    /** The batch's requests that were let through (not GET, answered below 400): the suspects of a change. */
    const accepted: string[] = [];
    const worker = async () => {
      while (next < requests.length) {
        const index = next++;
        const request = requests[index]!;
        const number = batch * BATCH + index;
        const to = options.limited && number % options.limited.every === options.limited.every - 1 ? options.limited.baseUrl : baseUrl;
        let status: number | string;
        try {
          const answer = await send(to, request, agent);
          status = answer.status;
          if (answer.status >= 500) report.failures.push({ request, answer });
          if (answer.status < 400 && request.method !== 'GET') accepted.push(`${answer.status} ← ${describeRequest(request)}`);
        } catch (error) {
          // A server may close the connection on a body it refuses before reading it all; that
          // is an answer as long as it keeps answering others. No answer at all is a failure.
          status = 'closed';
          if (error instanceof NoAnswer) report.failures.push({ request, answer: error.message });
          else if (!(await healthy(to))) report.failures.push({ request, answer: `no answer, and /healthz does not answer either: ${(error as Error).message}` });
        }
        report.sent += 1;
        const statusKey = typeof status === 'number' ? status : 0;
        report.byStatus.set(statusKey, (report.byStatus.get(statusKey) ?? 0) + 1);
        const family = familyOf(request.operation);
        const classes = report.byFamily.get(family) ?? new Map<string, number>();
        const statusClass = typeof status === 'number' ? `${String(status)[0]}xx` : status;
        classes.set(statusClass, (classes.get(statusClass) ?? 0) + 1);
        report.byFamily.set(family, classes);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 6 }, worker));
    if (options.checkpoint && !report.changed) {
      const differences = await options.checkpoint();
      if (differences.length) report.changed = { batch, differences, suspects: accepted };
    }
  }
  agent.destroy();
  report.ms = Date.now() - started;
  return report;
}

/** The summary printed after a run: totals, statuses, families, the seed, and any failures. */
export function summary(report: RunReport): string {
  const classes = ['2xx', '3xx', '4xx', '5xx', 'closed'];
  const lines: string[] = [];
  lines.push(`fuzz: ${report.sent} requests in ${(report.ms / 1000).toFixed(1)} s (${Math.round(report.sent / (report.ms / 1000))}/s), seed ${report.seed} (replay: FUZZ_SEED=${report.seed} FUZZ_REQUESTS=${report.sent})`);
  const statuses = [...report.byStatus.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status || 'closed'}: ${count}`);
  lines.push(`by status: ${statuses.join(', ')}`);
  lines.push(`${'family'.padEnd(34)}${classes.map((name) => name.padStart(8)).join('')}${'total'.padStart(8)}`);
  for (const [family, counts] of [...report.byFamily.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
    lines.push(`${family.padEnd(34)}${classes.map((name) => String(counts.get(name) ?? 0).padStart(8)).join('')}${String(total).padStart(8)}`);
  }
  for (const failure of report.failures.slice(0, 20)) {
    const answer = typeof failure.answer === 'string' ? failure.answer : `${failure.answer.status} ${failure.answer.excerpt.slice(0, 300)}`;
    lines.push(`5xx or no answer (${failure.request.operation}):\n${describeRequest(failure.request)}\n  answer: ${answer}`);
  }
  if (report.failures.length > 20) lines.push(`… and ${report.failures.length - 20} more`);
  if (report.changed) lines.push(`stored data changed by batch ${report.changed.batch} (requests ${report.changed.batch * BATCH}–${report.changed.batch * BATCH + BATCH - 1}):\n  ${report.changed.differences.join('\n  ')}\nrequests of that batch let through:\n${report.changed.suspects.join('\n')}`);
  return lines.join('\n');
}
