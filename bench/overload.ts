import crypto from 'node:crypto';
import { createDatabase } from '../lib/db';
import { percentile } from '../domain/stats/percentile';
import { applicationBody, createOpenRound } from '../tests/support/fixtures';
import { cpuByComponent, cpuPerUnit } from './support/cpu';
import { createFailureLog } from './support/failures';
import { firstEmailTimes, queuedTimes } from './support/pipeline';
import { latencyColumns, log, printTable, runBenchmark, writeResults } from './support/output';
import { startBenchStack } from './support/stack';

// npm run bench:overload — a deadline rush: applications arrive at two and four times what the
// pipeline screens per second, for two minutes each, on a stack of their own. Each simulated
// association behaves as a careful client does: it sends with an Idempotency-Key, and on a
// refusal that says when to come back (503 or 429 with Retry-After) it waits that long and sends
// the same request again. Afterwards it waits until every accepted case stands IN_QUEUE with its
// receipt at the SMTP sink. Goal: 0 failed (an answer that is neither 201 nor a retryable refusal),
// 0 lost (an accepted application missing, never queued, never receipted, or one its association
// had to give up on).
//
//   BENCH_OVERLOAD_CAPACITY        cases per second the pipeline screens on this machine (default 8,
//                                  from bench:screening on 2 cores: 5/s keeps up, 10/s builds a backlog)
//   BENCH_OVERLOAD_FACTORS         multiples of the capacity to offer (default "2,4")
//   BENCH_OVERLOAD_SECONDS         how long applications keep arriving at each (default 120)
//   BENCH_OVERLOAD_DRAIN_SECONDS   how long to wait for the backlog afterwards (default 1200)
//   BENCH_OVERLOAD_ATTEMPTS        sends per application before its association gives up (default 30)
//
// Needs its own SMTP sink (to see each receipt arrive), so SMTP_URL must not be set.

interface Outcome {
  key: string;
  email: string;
  id?: string;
  attempts: number;
  refusals: number;
  firstSentAt: number;
  acceptedAt?: number;
  gaveUp: boolean;
}

const REQUEST_TIMEOUT_MS = 120_000;

async function main(): Promise<void> {
  const capacity = Number(process.env.BENCH_OVERLOAD_CAPACITY ?? '8');
  const factors = (process.env.BENCH_OVERLOAD_FACTORS ?? '2,4').split(',').map(Number);
  const seconds = Number(process.env.BENCH_OVERLOAD_SECONDS ?? '120');
  const drainSeconds = Number(process.env.BENCH_OVERLOAD_DRAIN_SECONDS ?? '1200');
  const maxAttempts = Number(process.env.BENCH_OVERLOAD_ATTEMPTS ?? '30');
  for (const value of [capacity, seconds, drainSeconds, maxAttempts, ...factors]) {
    if (!(value > 0)) throw new Error('BENCH_OVERLOAD_* must be positive numbers');
  }
  if (process.env.SMTP_URL) throw new Error('bench:overload times receipts with an SMTP sink of its own: unset SMTP_URL');

  const rows: Record<string, string | number>[] = [];
  const runs: Record<string, unknown>[] = [];
  for (const factor of factors) {
    const run = await offer(capacity * factor, seconds, drainSeconds, maxAttempts, `overload_${String(factor).replace('.', '_')}x`);
    rows.push({ 'offered rate': `${capacity * factor}/s (${factor} × capacity)`, ...run.row });
    runs.push({ factor, rate: capacity * factor, ...run.figures });
  }
  printTable(`a deadline rush: ${seconds} s at each rate, then until the backlog is screened (goal: 0 failed, 0 lost)`, rows);
  const failed = rows.reduce((sum, row) => sum + Number(row.failed), 0);
  const lost = rows.reduce((sum, row) => sum + Number(row.lost), 0);
  writeResults(
    'overload',
    [
      { figure: `requests that failed at ${factors.join(' and ')} × capacity`, value: String(failed), goal: '0', met: failed === 0 },
      { figure: 'applications lost', value: String(lost), goal: '0', met: lost === 0 },
    ],
    { capacity, seconds, rows, runs },
  );
  if (failed > 0 || lost > 0) process.exitCode = 1;
}

async function offer(rate: number, seconds: number, drainSeconds: number, maxAttempts: number, name: string) {
  const stack = await startBenchStack(name);
  const db = createDatabase(stack.databaseUrl);
  try {
    for (const service of ['worker', 'mailer', 'api'] as const) await stack.startService(service);
    const round = await createOpenRound(db, { process: { decisionTarget: 'P30D' } });
    const total = Math.round(rate * seconds);
    log(`offering ${total} applications at ${rate}/s for ${seconds} s`);

    const cpuBefore = cpuByComponent();
    const failures = createFailureLog();
    const responseMs: number[] = [];
    let refusedWithRetryAfter = 0;
    const outcomes: Outcome[] = [];

    const send = async (outcome: Outcome, body: object): Promise<void> => {
      while (outcome.attempts < maxAttempts) {
        outcome.attempts += 1;
        const sentAt = performance.now();
        let retryAfterSeconds = 5;
        try {
          const response = await fetch(`${stack.baseUrl}/api/v1/applications`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': outcome.key },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          const text = await response.text();
          responseMs.push(performance.now() - sentAt);
          if (response.status === 201) {
            outcome.id = (JSON.parse(text) as { id: string }).id;
            outcome.acceptedAt = Date.now();
            return;
          }
          const retryAfter = Number(response.headers.get('retry-after'));
          if ((response.status === 503 || response.status === 429) && retryAfter > 0) {
            refusedWithRetryAfter += 1;
            outcome.refusals += 1;
            retryAfterSeconds = retryAfter;
          } else {
            failures.response(response.status, text);
          }
        } catch (error) {
          responseMs.push(performance.now() - sentAt);
          failures.clientError(error);
        }
        // Refused or failed: the association comes back later with the same key, as the form's
        // page and a careful API client do.
        await new Promise((resolve) => setTimeout(resolve, retryAfterSeconds * 1000));
      }
      outcome.gaveUp = true;
    };

    const started = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const email = `kasserer+${i}-${crypto.randomUUID().slice(0, 8)}@faellesbord.dk`;
      const outcome: Outcome = { key: crypto.randomUUID(), email, attempts: 0, refusals: 0, firstSentAt: Date.now(), gaveUp: false };
      outcomes.push(outcome);
      inFlight.push(send(outcome, applicationBody(round.id, { contact: { name: 'Inge Hansen', email } })));
    }
    const arrivalsEnded = Date.now();
    log(`all ${total} offered in ${((performance.now() - started) / 1000).toFixed(1)} s; waiting for every association to be answered`);
    await Promise.all(inFlight);
    const accepted = outcomes.filter((outcome) => outcome.id);
    log(`${accepted.length} accepted, ${refusedWithRetryAfter} refusals with Retry-After, ${failures.all.length} failed requests; waiting for screening and receipts`);

    const sink = stack.smtp!;
    const receipted = () => firstEmailTimes(sink);
    const queuedAt = () => queuedTimes(db);
    const deadline = Date.now() + drainSeconds * 1000;
    let queued = await queuedAt();
    let receipts = receipted();
    let lastLog = Date.now();
    const done = () => accepted.every((outcome) => queued.has(outcome.id!) && receipts.has(outcome.email));
    while (Date.now() < deadline && !done()) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      queued = await queuedAt();
      receipts = receipted();
      if (Date.now() - lastLog > 30_000) {
        log(`  ${accepted.filter((outcome) => queued.has(outcome.id!)).length} of ${accepted.length} in the queue, ${receipts.size} receipts`);
        lastLog = Date.now();
      }
    }
    const drainedAt = Date.now();
    const cpu = cpuPerUnit(cpuBefore, cpuByComponent(), accepted.length, 'case');

    const storedIds = new Set(
      (await db.application.findMany({ where: { id: { in: accepted.map((outcome) => outcome.id!) } }, select: { id: true } })).map((row) => row.id),
    );
    const missing = accepted.filter((outcome) => !storedIds.has(outcome.id!)).length;
    const unfinished = accepted.filter((outcome) => !queued.has(outcome.id!) || !receipts.has(outcome.email)).length;
    const gaveUp = outcomes.filter((outcome) => outcome.gaveUp).length;
    const duplicates = (await db.application.groupBy({ by: ['contactEmail'], where: { roundId: round.id }, _count: true, having: { contactEmail: { _count: { gt: 1 } } } })).length;
    const lost = missing + unfinished + gaveUp;
    const toAccepted = accepted.map((outcome) => outcome.acceptedAt! - outcome.firstSentAt);

    printTable(`${rate}/s: requests answered`, [{ requests: responseMs.length, ...latencyColumns(responseMs, [50, 99]) }]);
    if (failures.all.length) printTable(`${rate}/s: failed requests by cause`, failures.table());
    printTable(`${rate}/s: CPU from the first submission until the backlog was screened`, cpu);
    log(`${missing} accepted but not stored, ${unfinished} not queued with a receipt within ${drainSeconds} s, ${gaveUp} given up, ${duplicates} stored twice`);

    const drainSecondsTaken = (drainedAt - arrivalsEnded) / 1000;
    return {
      row: {
        offered: total,
        accepted: accepted.length,
        'accepted after a refusal': accepted.filter((outcome) => outcome.refusals > 0).length,
        'refusals with Retry-After': refusedWithRetryAfter,
        failed: failures.all.length,
        lost,
        'stored twice': duplicates,
        'submit → 201 p50 / p99 (with retries)': `${fmtSeconds(percentile(toAccepted, 0.5))} / ${fmtSeconds(percentile(toAccepted, 0.99))}`,
        'time to drain': unfinished ? `> ${drainSeconds} s` : `${drainSecondsTaken.toFixed(0)} s`,
      },
      figures: { total, accepted: accepted.length, refusedWithRetryAfter, failed: failures.all.length, failures: failures.all, failureKinds: failures.byCause(), missing, unfinished, gaveUp, duplicates, drainSeconds: drainSecondsTaken, cpu },
    };
  } finally {
    await db.$disconnect();
    await stack.stop();
  }
}

function fmtSeconds(ms: number | null): string {
  return ms === null ? 'n/a' : `${(ms / 1000).toFixed(2)} s`;
}

runBenchmark(main);
