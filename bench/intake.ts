import path from 'node:path';
import autocannon from 'autocannon';
import { createDatabase, type Database } from '../lib/db';
import { isValidCvr } from '../lib/cvr';
import { startProcess, type ManagedProcess } from '../infra/child-process';
import { PROJECT_ROOT } from '../infra/paths';
import { findFreePort, waitFor } from '../infra/ports';
import { applicationBody, createOpenRound } from '../tests/support/fixtures';
import { cpuByComponent, cpuPerUnit } from './support/cpu';
import { log, printTable, round1, writeResults, runBenchmark, type Headline } from './support/output';
import { startBenchStack, type BenchStack } from './support/stack';

// npm run bench:intake — how many applications grantflow takes in per second, with everything
// local: a load generator (autocannon) posts valid, distinct applications (own CVR, association,
// e-mail addresses and project title each) to POST /api/v1/applications at rising concurrency,
// each level for a fixed time, and counts 2xx answers per second, latency p50/p99 and errors
// (non-2xx answers, connection errors and timeouts). In the same run and on the same Temporal
// server, two ceilings served by a small Express 5 process of its own
// (bench/intake/baseline-server.ts):
//
//   bare-express   parse the JSON body, answer 201 — the HTTP ceiling
//   noop-workflow  parse the JSON body, start a no-op workflow (bench/intake/noop-workflow.ts,
//                  run by bench/intake/noop-worker.ts on a task queue of its own), answer 201 —
//                  the engine's ceiling for intake's pattern
//
// grantflow's rate is reported as a ratio of each. The no-op baseline starts a workflow and does
// not insert a row: that is the ceiling the issue names, and what grantflow adds on top of it —
// validation, the round lookup, the application, access token and first event in one
// transaction, and marking the workflow started — is exactly what the ratio is meant to show.
//
// Targets run one after another (bare, no-op, grantflow), every level of one before the next, so
// grantflow's worker screens the applications of earlier levels while later levels run: a
// sustained rate includes the worker keeping up. After the last level the benchmark reports how
// many applications were stored and how long the worker took to move every one past screening.
// grantflow answers 201 even when Temporal does not accept the workflow start within its deadline
// (the application is stored; the API's reconciler starts the workflow later); such answers are
// counted from the API's own warning as "deferred starts" next to the errors.
// Intake has no per-address rate limit (only staff sign-in is throttled), so one load generator on
// loopback measures the service, not a limiter.
//
//   BENCH_INTAKE_CONNECTIONS          concurrency levels, comma-separated (default 10,25,50,100)
//   BENCH_INTAKE_SECONDS              seconds of load per level and target (default 20)
//   BENCH_INTAKE_WARMUP_SECONDS       unmeasured load per target before its levels (default 3)
//   BENCH_INTAKE_TARGETS              which targets to run (default bare-express,noop-workflow,grantflow)
//   BENCH_INTAKE_DRAIN_TIMEOUT_SECONDS  how long to wait for screening to finish (default 300; 0 skips)
//   BENCH_INTAKE_WORKER=0             run grantflow without its worker and mailer: workflows are
//                                     started but not run, which separates intake's own cost from
//                                     the screening it competes with (default 1)
//   DATABASE_URL, TEMPORAL_ADDRESS, SMTP_URL  existing servers to use instead of local ones
//
// Goals (2 cores, everything local): ≥ 200 submissions/s sustained with p99 < 250 ms and no
// errors, and at least half the no-op workflow baseline.

const TARGETS = ['bare-express', 'noop-workflow', 'grantflow'] as const;
type TargetName = (typeof TARGETS)[number];

const REQUEST_TIMEOUT_SECONDS = 10;
/** Time for requests still in flight when a level ends to finish before the next one starts. */
const SETTLE_MS = 2_000;
const NOOP_TASK_QUEUE = 'bench-intake-noop';
/** Statuses of an application whose screening has not finished yet. */
const NOT_SCREENED = ['SUBMITTED', 'SCREENING'] as const;
const GOAL = { submissionsPerSecond: 150, p99Ms: 250, shareOfNoop: 0.75 };

interface Knobs {
  connections: number[];
  seconds: number;
  warmupSeconds: number;
  targets: TargetName[];
  drainTimeoutSeconds: number;
  withWorker: boolean;
}

interface LevelResult {
  target: TargetName;
  connections: number;
  seconds: number;
  succeeded: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  connectionErrors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** grantflow only: 201 answers whose workflow start was left to the reconciler. */
  deferredStarts?: number;
}

function readKnobs(): Knobs {
  const list = (value: string) => value.split(',').map((part) => part.trim()).filter(Boolean);
  const connections = list(process.env.BENCH_INTAKE_CONNECTIONS ?? '10,25,50,100').map(Number);
  if (connections.length === 0 || connections.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error('BENCH_INTAKE_CONNECTIONS must list whole numbers ≥ 1, e.g. 10,25,50,100');
  }
  const targets = list(process.env.BENCH_INTAKE_TARGETS ?? TARGETS.join(','));
  const unknown = targets.filter((target) => !(TARGETS as readonly string[]).includes(target));
  if (unknown.length) throw new Error(`BENCH_INTAKE_TARGETS: unknown ${unknown.join(', ')} (known: ${TARGETS.join(', ')})`);
  const seconds = Number(process.env.BENCH_INTAKE_SECONDS ?? 20);
  const warmupSeconds = Number(process.env.BENCH_INTAKE_WARMUP_SECONDS ?? 3);
  const drainTimeoutSeconds = Number(process.env.BENCH_INTAKE_DRAIN_TIMEOUT_SECONDS ?? 300);
  for (const [name, value] of Object.entries({ seconds, warmupSeconds, drainTimeoutSeconds })) {
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0`);
  }
  if (seconds === 0) throw new Error('BENCH_INTAKE_SECONDS must be > 0');
  // Run in the order that leaves grantflow's screening backlog for last.
  const withWorker = (process.env.BENCH_INTAKE_WORKER ?? '1') !== '0';
  return { connections, seconds, warmupSeconds, targets: TARGETS.filter((target) => targets.includes(target)), drainTimeoutSeconds, withWorker };
}

/** A CVR number that passes the modulus-11 check, different for each n (up to about 3 million). */
function distinctCvr(n: number): string {
  for (let prefix = 1_000_000 + ((3 * n) % 8_999_997); ; prefix += 1) {
    for (let check = 0; check <= 9; check++) if (isValidCvr(`${prefix}${check}`)) return `${prefix}${check}`;
  }
}

/** Bodies of valid applications to the round, each from another association about another project. */
function distinctApplications(roundId: string): () => string {
  const template = applicationBody(roundId);
  let sequence = 0;
  return () => {
    sequence += 1;
    return JSON.stringify({
      ...template,
      organization: { ...template.organization, cvr: distinctCvr(sequence), name: `Foreningen Fælles Bord ${sequence}`, email: `kasserer-${sequence}@forening.example.dk` },
      contact: { ...template.contact, email: `kontakt-${sequence}@forening.example.dk` },
      project: { ...template.project, title: `Fællesspisning ${sequence}` },
    });
  };
}

function runLoad(url: string, connections: number, seconds: number, nextBody: () => string): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        connections,
        duration: seconds,
        timeout: REQUEST_TIMEOUT_SECONDS,
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (request) => {
              request.body = nextBody();
              return request;
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

function toLevelResult(target: TargetName, connections: number, result: autocannon.Result): LevelResult {
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]));
  return {
    target,
    connections,
    seconds: result.duration,
    succeeded: result['2xx'],
    perSecond: round1(result['2xx'] / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    // result.errors already includes the timeouts.
    errors: result.non2xx + result.errors,
    non2xx: result.non2xx,
    connectionErrors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    statusCodes,
  };
}

/** One request first, so a refused body fails the benchmark with the reason instead of a table of errors. */
async function checkAccepts(target: TargetName, url: string, body: string): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  if (response.status !== 201) throw new Error(`${target} answered ${response.status} to a valid application: ${await response.text()}`);
}

/** Counts the lines of a child's output that contain `needle` (the stack keeps reading it too). */
function countOutputLines(child: ManagedProcess, needle: string): () => number {
  let count = 0;
  let partial = '';
  child.child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    count += lines.filter((line) => line.includes(needle)).length;
  });
  return () => count;
}

interface Baseline {
  url: string;
  stop(): Promise<void>;
}

/** Starts a TypeScript entry point as a child process and waits for the line saying it is ready. */
async function startChild(name: string, entry: string, env: NodeJS.ProcessEnv, readyLine: string): Promise<ManagedProcess> {
  let ready = false;
  let lastLines = '';
  const child = startProcess(name, process.execPath, ['--import', 'tsx', path.join('bench', 'intake', entry)], {
    env,
    cwd: PROJECT_ROOT,
    output: (line) => {
      if (line.includes(readyLine)) ready = true;
      lastLines = `${lastLines}${line}\n`.slice(-4000);
      if (/failed|error/i.test(line)) process.stderr.write(`[${name}] ${line}\n`);
    },
  });
  const exitedEarly = child.exited.then((code): never => {
    throw new Error(`${name} exited with code ${code}:\n${lastLines}`);
  });
  try {
    await Promise.race([exitedEarly, waitFor(`${name} to be ready`, async () => (ready ? true : undefined), { timeoutMs: 120_000, intervalMs: 100 })]);
  } catch (error) {
    await child.stop();
    throw error;
  }
  exitedEarly.catch(() => undefined);
  return child;
}

/** The baseline server and the no-op workflow's worker, on the stack's Temporal server. */
async function startBaselines(stack: BenchStack): Promise<Baseline> {
  const port = await findFreePort();
  const env = { ...stack.env, PORT: String(port), TEMPORAL_TASK_QUEUE: NOOP_TASK_QUEUE };
  const worker = await startChild('noop-worker', 'noop-worker.ts', env, 'noop worker running');
  let server: ManagedProcess;
  try {
    server = await startChild('baseline-server', 'baseline-server.ts', env, 'baseline listening');
  } catch (error) {
    await worker.stop();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await server.stop();
      await worker.stop(15_000);
    },
  };
}

async function measureTarget(
  target: TargetName,
  url: string,
  knobs: Knobs,
  nextBody: () => string,
  deferredStarts?: () => number,
): Promise<LevelResult[]> {
  await checkAccepts(target, url, nextBody());
  if (knobs.warmupSeconds > 0) {
    log(`${target}: warming up for ${knobs.warmupSeconds} s`);
    await runLoad(url, knobs.connections[0]!, knobs.warmupSeconds, nextBody);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  }
  const levels: LevelResult[] = [];
  for (const connections of knobs.connections) {
    const deferredBefore = deferredStarts?.() ?? 0;
    const level = toLevelResult(target, connections, await runLoad(url, connections, knobs.seconds, nextBody));
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    if (deferredStarts) level.deferredStarts = deferredStarts() - deferredBefore;
    log(`${target} × ${connections}: ${level.perSecond}/s, p50 ${level.p50Ms} ms, p99 ${level.p99Ms} ms, ${level.errors} errors${level.deferredStarts ? `, ${level.deferredStarts} deferred starts` : ''}`);
    levels.push(level);
  }
  return levels;
}

interface Drain {
  stored: number;
  byStatus: Record<string, number>;
  /** Seconds from the end of grantflow's last level until nothing waited for screening; null past the timeout. */
  seconds: number | null;
  notScreened: number;
}

async function notScreenedCount(db: Database): Promise<number> {
  return db.application.count({ where: { status: { in: [...NOT_SCREENED] } } });
}

async function waitForScreening(db: Database, loadEndedAt: number, timeoutSeconds: number): Promise<Drain> {
  let notScreened = await notScreenedCount(db);
  if (timeoutSeconds > 0 && notScreened > 0) log(`waiting up to ${timeoutSeconds} s for the worker to screen ${notScreened} applications`);
  const deadline = loadEndedAt + timeoutSeconds * 1000;
  while (notScreened > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    notScreened = await notScreenedCount(db);
  }
  const seconds = notScreened === 0 ? round1((Date.now() - loadEndedAt) / 1000) : null;
  const groups = await db.application.groupBy({ by: ['status'], _count: { _all: true } });
  const byStatus = Object.fromEntries(groups.map((group) => [group.status, group._count._all]));
  const stored = Object.values(byStatus).reduce((sum, count) => sum + count, 0);
  return { stored, byStatus, seconds, notScreened };
}

function best(levels: LevelResult[]): LevelResult | undefined {
  return levels.reduce<LevelResult | undefined>((top, level) => (!top || level.perSecond > top.perSecond ? level : top), undefined);
}

const ratio = (part: number | undefined, whole: number | undefined) => (part !== undefined && whole ? Math.round((part / whole) * 1000) / 1000 : undefined);
const show = (value: number | undefined) => (value === undefined ? '–' : value);

function levelRows(levels: LevelResult[]): Record<string, string | number>[] {
  const rateOf = (target: TargetName, connections: number) => levels.find((l) => l.target === target && l.connections === connections)?.perSecond;
  return levels.map((level) => ({
    target: level.target,
    connections: level.connections,
    'submissions/s': level.perSecond,
    'p50 ms': level.p50Ms,
    'p99 ms': level.p99Ms,
    errors: level.errors,
    'deferred starts': show(level.deferredStarts),
    'grantflow ÷ no-op': level.target === 'grantflow' ? show(ratio(level.perSecond, rateOf('noop-workflow', level.connections))) : '',
    'grantflow ÷ bare': level.target === 'grantflow' ? show(ratio(level.perSecond, rateOf('bare-express', level.connections))) : '',
  }));
}

async function main(): Promise<void> {
  const knobs = readKnobs();
  log(`levels ${knobs.connections.join(', ')} connections × ${knobs.seconds} s for ${knobs.targets.join(', ')}`);
  const stack = await startBenchStack('intake');
  const stopping: (() => Promise<void>)[] = [stack.stop];
  const stopAll = async () => {
    for (const stop of stopping.splice(0).reverse()) await stop().catch((error: Error) => log(`could not stop: ${error.message}`));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping`);
      void stopAll().finally(() => process.exit(130));
    });
  }
  const db = createDatabase(stack.databaseUrl);
  stopping.push(() => db.$disconnect());
  try {
    const round = await createOpenRound(db, { maxAmount: 50_000 });
    const nextBody = distinctApplications(round.id);
    const levels: LevelResult[] = [];

    const baselineTargets = knobs.targets.filter((target) => target !== 'grantflow');
    if (baselineTargets.length > 0) {
      const baseline = await startBaselines(stack);
      stopping.push(baseline.stop);
      for (const target of baselineTargets) {
        const route = target === 'bare-express' ? '/bare' : '/noop-workflow';
        levels.push(...(await measureTarget(target, `${baseline.url}${route}`, knobs, nextBody)));
      }
      // The baselines stay out of grantflow's way while it is measured.
      await stopping.pop()!();
    }

    let drain: Drain | undefined;
    let cpu: Record<string, string | number>[] = [];
    if (knobs.targets.includes('grantflow')) {
      if (knobs.withWorker) {
        await stack.startService('worker');
        await stack.startService('mailer');
      } else {
        log('grantflow runs without its worker and mailer: workflows are started, not run');
      }
      const api = await stack.startService('api');
      const deferredStarts = countOutputLines(api.process, 'reconciler will retry');
      const cpuBefore = cpuByComponent();
      levels.push(...(await measureTarget('grantflow', `${stack.baseUrl}/api/v1/applications`, knobs, nextBody, deferredStarts)));
      drain = await waitForScreening(db, Date.now() - SETTLE_MS, knobs.withWorker ? knobs.drainTimeoutSeconds : 0);
      // Where the CPU went, per application taken in (and, with the worker, screened).
      cpu = cpuPerUnit(cpuBefore, cpuByComponent(), drain.stored, 'application');
    }

    report(knobs, levels, drain, cpu);
  } finally {
    await stopAll();
  }
}

function report(knobs: Knobs, levels: LevelResult[], drain: Drain | undefined, cpu: Record<string, string | number>[]): void {
  const tops = Object.fromEntries(knobs.targets.map((target) => [target, best(levels.filter((l) => l.target === target))])) as Partial<Record<TargetName, LevelResult>>;
  const grantflow = tops.grantflow?.perSecond;
  const ratios = { ofNoopWorkflow: ratio(grantflow, tops['noop-workflow']?.perSecond), ofBareExpress: ratio(grantflow, tops['bare-express']?.perSecond) };
  const withinGoals = best(levels.filter((l) => l.target === 'grantflow' && l.errors === 0 && !l.deferredStarts && l.p99Ms < GOAL.p99Ms));

  printTable(`Intake: ${knobs.seconds} s per level, 2xx answers per second`, levelRows(levels));
  printTable(
    'Best sustained rate per target',
    knobs.targets.map((target) => ({
      target,
      'submissions/s': show(tops[target]?.perSecond),
      connections: show(tops[target]?.connections),
      'p99 ms': show(tops[target]?.p99Ms),
      errors: show(tops[target]?.errors),
      'grantflow ÷ target': target === 'grantflow' ? '' : show(ratio(grantflow, tops[target]?.perSecond)),
    })),
  );
  const headlines = intakeHeadlines(knobs, tops, ratios, withinGoals, drain);
  printTable('Intake against its goals', headlines.map((h) => ({ figure: h.figure, value: h.value, goal: h.goal, met: h.met === null ? '–' : h.met ? 'yes' : 'no' })));
  if (drain) {
    const acknowledged = levels.filter((l) => l.target === 'grantflow').reduce((sum, l) => sum + l.succeeded, 0);
    log(`applications stored: ${drain.stored} (${acknowledged} acknowledged in the measured levels; the rest are the warm-up, the check request and requests in flight when a level ended)`);
    log(`by status: ${Object.entries(drain.byStatus).map(([status, count]) => `${status} ${count}`).join(', ')}`);
  }
  if (cpu.length > 0) printTable('CPU while grantflow took in and screened the applications', cpu);
  writeResults('intake', headlines, {
    knobs,
    cpu,
    goal: GOAL,
    levels,
    best: tops,
    ratios,
    grantflowWithinGoals: withinGoals ?? null,
    applications: drain ?? null,
  });
}

function intakeHeadlines(
  knobs: Knobs,
  tops: Partial<Record<TargetName, LevelResult>>,
  ratios: { ofNoopWorkflow?: number; ofBareExpress?: number },
  withinGoals: LevelResult | undefined,
  drain: Drain | undefined,
): Headline[] {
  const rate = (level: LevelResult | undefined) => (level ? `${level.perSecond}/s at ${level.connections} connections (p99 ${level.p99Ms} ms, ${level.errors} errors)` : 'not measured');
  const percent = (value: number | undefined) => (value === undefined ? 'not measured' : `${round1(value * 100)} %`);
  const headlines: Headline[] = [];
  if (knobs.targets.includes('grantflow')) {
    headlines.push(
      {
        figure: 'grantflow submissions per second, sustained within the latency goal',
        value: withinGoals ? rate(withinGoals) : 'no level had p99 < 250 ms without errors',
        goal: `≥ ${GOAL.submissionsPerSecond}/s, p99 < ${GOAL.p99Ms} ms, 0 errors`,
        met: (withinGoals?.perSecond ?? 0) >= GOAL.submissionsPerSecond,
      },
      { figure: 'grantflow submissions per second, best level', value: rate(tops.grantflow), goal: '–', met: null },
      {
        figure: 'grantflow ÷ no-op workflow baseline (best levels)',
        value: percent(ratios.ofNoopWorkflow),
        goal: `≥ ${GOAL.shareOfNoop * 100} %`,
        met: ratios.ofNoopWorkflow === undefined ? null : ratios.ofNoopWorkflow >= GOAL.shareOfNoop,
      },
      { figure: 'grantflow ÷ bare Express baseline (best levels)', value: percent(ratios.ofBareExpress), goal: '–', met: null },
    );
  }
  if (tops['noop-workflow']) headlines.push({ figure: 'no-op workflow baseline, best level', value: rate(tops['noop-workflow']), goal: '–', met: null });
  if (tops['bare-express']) headlines.push({ figure: 'bare Express baseline, best level', value: rate(tops['bare-express']), goal: '–', met: null });
  if (drain) {
    headlines.push({
      figure: `worker: every one of ${drain.stored} applications screened`,
      value: !knobs.withWorker
        ? 'not measured: the worker did not run'
        : drain.seconds === null
          ? `${drain.notScreened} still unscreened after ${knobs.drainTimeoutSeconds} s`
          : `${drain.seconds} s after the load ended`,
      goal: '–',
      met: null,
    });
  }
  return headlines;
}

runBenchmark(main);
