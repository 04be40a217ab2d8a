import crypto from 'node:crypto';
import { createDatabase } from '../lib/db';
import { percentile } from '../domain/stats/percentile';
import { applicationBody, createOpenRound } from '../tests/support/fixtures';
import { cpuByComponent, cpuPerCase, cpuPerUnit } from './support/cpu';
import { latencyColumns, log, machine, printTable, runBenchmark, writeResults } from './support/output';
import { startBenchStack } from './support/stack';
import { createFailureLog } from './support/failures';
import { firstEmailTimes, queuedTimes } from './support/pipeline';

// npm run bench:screening — submissions arrive at a fixed rate; for each, the time from the
// submit response to the case standing IN_QUEUE (its event row) with its receipt email delivered
// to the SMTP sink. That is what an association waits for before "we have your application"
// reaches its inbox. Goal: p50 ≤ 300 ms, p99 ≤ 1 s at 20 submissions/s. Offered 30/s or more, it
// also judges whether the pipeline carries 30 cases a second (`npm run bench` runs it at both).
//
//   BENCH_SCREENING_RATE      submissions per second (default 20)
//   BENCH_SCREENING_SECONDS   how long they keep arriving (default 30)
//
// Needs its own SMTP sink (to see when each email arrives), so SMTP_URL must not be set.

interface Submission {
  id: string;
  email: string;
  respondedAt: number;
}

const SETTLE_TIMEOUT_MS = 120_000;
/** CPU per case, summed over every process, from submission to IN_QUEUE with the receipt sent. */
const CPU_PER_CASE_GOAL_MS = 60;
/** The arrival rate up to which the latency goals (p50 ≤ 300 ms, p99 ≤ 1 s) hold. */
const LATENCY_GOAL_RATE = 20;
/** Cases a second the whole pipeline must carry on the machine. */
const PIPELINE_GOAL_PER_SECOND = 30;

async function main(): Promise<void> {
  const rate = Number(process.env.BENCH_SCREENING_RATE ?? '20');
  const seconds = Number(process.env.BENCH_SCREENING_SECONDS ?? '30');
  if (!(rate > 0) || !(seconds > 0)) throw new Error('BENCH_SCREENING_RATE and BENCH_SCREENING_SECONDS must be positive');
  if (process.env.SMTP_URL) throw new Error('bench:screening times email delivery with an SMTP sink of its own: unset SMTP_URL');

  const stack = await startBenchStack('screening');
  const db = createDatabase(stack.databaseUrl);
  try {
    for (const service of ['worker', 'mailer', 'api'] as const) await stack.startService(service);
    const round = await createOpenRound(db, { process: { decisionTarget: 'P30D' } });
    const total = Math.round(rate * seconds);
    log(`submitting ${total} applications at ${rate}/s`);

    const cpuBefore = cpuByComponent();
    const submissions: Submission[] = [];
    const failures = createFailureLog();
    const started = performance.now();
    const wallStarted = Date.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const email = `kasserer+${i}-${crypto.randomUUID().slice(0, 8)}@faellesbord.dk`;
      const body = applicationBody(round.id, { contact: { name: 'Inge Hansen', email } });
      inFlight.push(
        fetch(`${stack.baseUrl}/api/v1/applications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
          .then(async (response) => {
            const respondedAt = Date.now();
            const text = await response.text();
            const id = response.status === 201 ? (JSON.parse(text) as { id?: string }).id : undefined;
            if (!id) failures.response(response.status, text);
            else submissions.push({ id, email, respondedAt });
          })
          .catch((error: unknown) => failures.clientError(error)),
      );
    }
    await Promise.all(inFlight);
    const arrivalSeconds = (performance.now() - started) / 1000;
    log(`${submissions.length} accepted in ${arrivalSeconds.toFixed(1)} s (${failures.all.length} failed); waiting for screening and receipts`);

    const sink = stack.smtp!;
    const receiptAt = () => firstEmailTimes(sink);
    const queuedAt = () => queuedTimes(db);
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    let queued = await queuedAt();
    let receipts = receiptAt();
    while (Date.now() < deadline && !submissions.every((s) => queued.has(s.id) && receipts.has(s.email))) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      queued = await queuedAt();
      receipts = receiptAt();
    }

    const cpu = cpuPerUnit(cpuBefore, cpuByComponent(), submissions.length, 'case');
    const toQueue: number[] = [];
    const toReceipt: number[] = [];
    const both: number[] = [];
    let unfinished = 0;
    for (const submission of submissions) {
      const inQueue = queued.get(submission.id);
      const receipt = receipts.get(submission.email);
      if (inQueue === undefined || receipt === undefined) {
        unfinished += 1;
        continue;
      }
      toQueue.push(inQueue - submission.respondedAt);
      toReceipt.push(receipt - submission.respondedAt);
      both.push(Math.max(inQueue, receipt) - submission.respondedAt);
    }
    const row = (what: string, values: number[]) => ({ 'from the submit response to': what, cases: values.length, ...latencyColumns(values, [50, 99]) });
    const rows = [row('IN_QUEUE (event row)', toQueue), row('receipt email at the SMTP sink', toReceipt), row('both', both)];
    printTable(`screening latency at ${rate} submissions/s for ${seconds} s (goal: both p50 ≤ 300 ms, p99 ≤ 1 s)`, rows);
    printTable(`CPU from the first submission until every case was in the queue with its receipt sent`, cpu);
    log(`${unfinished} cases not finished within ${SETTLE_TIMEOUT_MS / 1000} s, ${failures.all.length} submissions failed`);
    if (failures.all.length) printTable('failed submissions by cause', failures.table());
    const failureKinds = failures.byCause();
    const p50 = percentile(both, 0.5);
    const p99 = percentile(both, 0.99);
    const fmt = (ms: number | null) => (ms === null ? 'n/a' : `${Math.round(ms)} ms`);
    const lastDone = Math.max(...submissions.map((s) => Math.max(queued.get(s.id) ?? 0, receipts.get(s.email) ?? 0)));
    const sustained = submissions.length / ((lastDone - wallStarted) / 1000);
    const perCase = cpuPerCase(cpu);
    const ceiling = (machine().cores * 1000) / perCase.total;
    const offersTheGoalRate = rate >= PIPELINE_GOAL_PER_SECOND;
    const withinLatencyGoalRate = rate <= LATENCY_GOAL_RATE;
    writeResults('screening', [
      // The latency goals hold up to 20 submissions a second; above that they are figures only.
      { figure: `screening + receipt at ${rate}/s, p50`, value: fmt(p50), goal: withinLatencyGoalRate ? '≤ 300 ms' : '–', met: withinLatencyGoalRate ? p50 !== null && p50 <= 300 && unfinished === 0 : null },
      { figure: `screening + receipt at ${rate}/s, p99`, value: fmt(p99), goal: withinLatencyGoalRate ? '≤ 1 s' : '–', met: withinLatencyGoalRate ? p99 !== null && p99 <= 1000 && unfinished === 0 : null },
      { figure: `CPU per case, the service's processes (${perCase.breakdown})`, value: `${perCase.total} ms`, goal: `≤ ${CPU_PER_CASE_GOAL_MS} ms`, met: perCase.total <= CPU_PER_CASE_GOAL_MS },
      // Only an offered rate at the goal can show that the pipeline carries it.
      {
        figure: `cases through the pipeline per second at ${rate}/s offered (first submission to the last case queued with its receipt)`,
        value: `${sustained.toFixed(1)}/s`,
        goal: offersTheGoalRate ? `≥ ${PIPELINE_GOAL_PER_SECOND}/s` : '–',
        met: offersTheGoalRate ? sustained >= PIPELINE_GOAL_PER_SECOND : null,
      },
      { figure: `the pipeline's ceiling on this machine, estimated (${machine().cores} cores × 1000 ms ÷ CPU per case)`, value: `${ceiling.toFixed(1)}/s`, goal: '–', met: null },
    ], { rate, seconds, submitted: total, accepted: submissions.length, failed: failures.all.length, failureKinds, failures: failures.all, unfinished, results: rows, cpu, sustainedPerSecond: sustained, ceilingPerSecond: ceiling });
    if (failures.all.length > 0 || unfinished > 0) process.exitCode = 1;
  } finally {
    await db.$disconnect();
    await stack.stop();
  }
}

runBenchmark(main);

