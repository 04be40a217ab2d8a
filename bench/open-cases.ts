import { Client, Connection } from '@temporalio/client';
import { createDatabase, type Database } from '../lib/db';
import { loadConfig } from '../lib/config';
import { temporalDataConverter } from '../lib/temporal';
import { reportWorkflowId } from '../domain/workflow-ids';
import { reportStateQuery, submitReportSignal, type ReportSubmission } from '../workflows/messages';
import { log, printTable, round1, runBenchmark, writeResults, type Headline } from './support/output';
import { startBenchStack, type BenchStack, type Service } from './support/stack';
import { cachedWorkflows, sampleRss, type RssSummary } from './open-cases/memory';
import { createRound, insertPaidApplications, type OpenCase } from './open-cases/seed';
import { inPool, startOpenCase } from './open-cases/workflows';

// npm run bench:open-cases — many granted cases waiting months for their follow-up report: the
// time to create them, the worker's resident memory while they wait, and — after the worker is
// killed (SIGKILL) and started again — the time until a report sent to one of them is processed.
// Goal: 100,000 waiting with worker RSS ≤ 500 MB; a signal processed ≤ 10 s after a restart.
//
// Each case is an application row in status PAID (bulk SQL) with its reporting workflow
// (grantflow's followUpReport, due 4–9 months out) and its case workflow; see
// open-cases/workflows.ts for how the case workflow stands in. A case has settled when its
// reporting workflow has recorded the 'report_due' event; that is when it waits on timers only.
//
//   BENCH_OPEN_CASES               cases to create (default 100000)
//   BENCH_OPEN_CASES_CONCURRENCY   cases being started at once (default 200)
//   BENCH_OPEN_CASES_WAIT_SECONDS  how long memory is sampled while the cases wait (default 30)
//   BENCH_OPEN_CASES_RESTARTS      worker kills, each followed by a report to a random case (default 3)

const STACK_NAME = 'open_cases';
const POLL_MS = 50;
const SIGNAL_TIMEOUT_MS = 120_000;
const STALL_MS = 120_000;

interface Settings {
  cases: number;
  concurrency: number;
  waitSeconds: number;
  restarts: number;
}

function settingsFromEnv(): Settings {
  const settings = {
    cases: Number(process.env.BENCH_OPEN_CASES ?? '100000'),
    concurrency: Number(process.env.BENCH_OPEN_CASES_CONCURRENCY ?? '200'),
    waitSeconds: Number(process.env.BENCH_OPEN_CASES_WAIT_SECONDS ?? '30'),
    restarts: Number(process.env.BENCH_OPEN_CASES_RESTARTS ?? '3'),
  };
  for (const [name, value] of Object.entries(settings)) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1 (got ${value})`);
  }
  return settings;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const secondsSince = (start: number) => (performance.now() - start) / 1000;

async function countEvents(db: Database, type: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM case_events WHERE type = ${type}`;
  return row?.n ?? 0;
}

/**
 * Waits until every case's reporting workflow has recorded 'report_due'. On a busy machine that
 * takes minutes at full size, so it gives up only when no case settles for STALL_MS.
 */
async function waitUntilSettled(db: Database, cases: number): Promise<void> {
  let settled = 0;
  let progressedAt = Date.now();
  let loggedAt = Date.now();
  for (;;) {
    const now = await countEvents(db, 'report_due');
    if (now >= cases) return;
    if (now > settled) {
      settled = now;
      progressedAt = Date.now();
    } else if (Date.now() - progressedAt > STALL_MS) {
      throw new Error(`only ${settled} of ${cases} cases recorded 'report_due'; none more for ${STALL_MS / 1000} s`);
    }
    if (Date.now() - loggedAt > 10_000) {
      log(`  ${settled.toLocaleString('en')} / ${cases.toLocaleString('en')} settled`);
      loggedAt = Date.now();
    }
    await sleep(1000);
  }
}

async function waitForEvent(db: Database, applicationId: string, type: string): Promise<void> {
  const deadline = Date.now() + SIGNAL_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const rows = await db.$queryRaw<unknown[]>`SELECT 1 FROM case_events WHERE application_id = ${applicationId}::uuid AND type = ${type} LIMIT 1`;
    if (rows.length > 0) return;
    await sleep(POLL_MS);
  }
  throw new Error(`no '${type}' event for ${applicationId} within ${SIGNAL_TIMEOUT_MS / 1000} s`);
}

function report(): ReportSubmission {
  return {
    narrative: 'Vi holdt fællesspisning hver torsdag; 380 deltagere i alt.',
    spentKroner: 4_000,
    participants: 380,
    volunteers: 9,
    storyConsent: false,
    documentIds: [],
    at: new Date().toISOString(),
  };
}

interface RestartTrial {
  applicationId: string;
  killToProcessedSeconds: number;
  spawnToProcessedSeconds: number;
  pollingToProcessedSeconds: number;
  spawnToPollingSeconds: number;
}

/**
 * Kills the worker, sends a report to `openCase` at once (Temporal takes it while no worker
 * runs), starts a new worker and waits for the report's 'report_submitted' event row: the
 * workflow has then replayed, taken the signal, and run the activities that store the report.
 */
async function restartTrial(stack: BenchStack, worker: Service, client: Client, db: Database, openCase: OpenCase): Promise<{ trial: RestartTrial; worker: Service }> {
  const killed = performance.now();
  worker.process.child.kill('SIGKILL');
  await worker.process.exited;
  const handle = client.workflow.getHandle(reportWorkflowId(openCase.applicationId));
  await handle.signal(submitReportSignal, report());
  const spawned = performance.now();
  const next = await stack.startService('worker');
  const polling = performance.now();
  await waitForEvent(db, openCase.applicationId, 'report_submitted');
  const processed = performance.now();
  const state = await handle.query(reportStateQuery);
  if (state.status !== 'REPORT_SUBMITTED') throw new Error(`${openCase.applicationId}: report workflow says ${state.status} after its report was recorded`);
  return {
    worker: next,
    trial: {
      applicationId: openCase.applicationId,
      killToProcessedSeconds: (processed - killed) / 1000,
      spawnToProcessedSeconds: (processed - spawned) / 1000,
      pollingToProcessedSeconds: (processed - polling) / 1000,
      spawnToPollingSeconds: (polling - spawned) / 1000,
    },
  };
}

function pickDistinct<T>(items: readonly T[], count: number): T[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(Math.floor(Math.random() * items.length));
  return [...chosen].map((index) => items[index]!);
}

const mb = (summary: RssSummary, key: 'maxMB' | 'lastMB') => (summary[key] === null ? 'n/a' : `${summary[key]} MB`);

async function main(): Promise<void> {
  const settings = settingsFromEnv();
  const { cases, concurrency } = settings;
  const stack = await startBenchStack(STACK_NAME, { smtp: true });
  const db = createDatabase(stack.databaseUrl);
  const connection = await Connection.connect({ address: stack.temporalAddress });
  try {
    // The services' own configuration: the same payload keys as the worker, to start and query its workflows.
    const client = new Client({ connection, namespace: stack.env.TEMPORAL_NAMESPACE ?? 'default', dataConverter: temporalDataConverter(loadConfig(stack.env)) });
    const taskQueue = stack.env.TEMPORAL_TASK_QUEUE!;
    const temporalPid = stack.temporalPid;
    if (temporalPid === undefined) log('Temporal server memory is not measured: it was not started by this benchmark');

    let worker = await stack.startService('worker');
    const workerRss = () => residentPid(worker);
    const idle = sampleRss(workerRss).stop();
    const round = await createRound(db);
    const seeded = performance.now();
    const openCases = await insertPaidApplications(stack.databaseUrl, round, cases);
    const seedSeconds = secondsSince(seeded);
    log(`${cases.toLocaleString('en')} paid applications inserted in ${seedSeconds.toFixed(1)} s; starting their workflows, ${concurrency} at a time`);

    const creationWorker = sampleRss(workerRss);
    const creationTemporal = sampleRss(() => temporalPid);
    const created = performance.now();
    await inPool(openCases, concurrency, (openCase) => startOpenCase(client, taskQueue, openCase));
    const createSeconds = secondsSince(created);
    log(`all ${cases.toLocaleString('en')} cases started in ${createSeconds.toFixed(1)} s (${Math.round(cases / createSeconds)}/s); waiting for 'report_due'`);
    await waitUntilSettled(db, cases);
    const settleSeconds = secondsSince(created);
    const duringCreation = { worker: creationWorker.stop(), temporal: creationTemporal.stop() };
    log(`all settled ${settleSeconds.toFixed(1)} s after the first start`);

    const sample = pickDistinct(openCases, 1)[0]!;
    const sampleState = await client.workflow.getHandle(reportWorkflowId(sample.applicationId)).query(reportStateQuery);
    if (sampleState.status !== 'REPORT_DUE' || sampleState.submitted) throw new Error(`a waiting case reports ${JSON.stringify(sampleState)}`);

    log(`sampling memory for ${settings.waitSeconds} s while the cases wait`);
    const waitingWorker = sampleRss(workerRss);
    const waitingTemporal = sampleRss(() => temporalPid);
    await sleep(settings.waitSeconds * 1000);
    const whileWaiting = { worker: waitingWorker.stop(), temporal: waitingTemporal.stop() };
    const cachedWhileWaiting = await cachedWorkflows(stack.env.WORKER_METRICS_PORT);

    const trials: RestartTrial[] = [];
    for (const openCase of pickDistinct(openCases, settings.restarts)) {
      log(`killing the worker; a report to ${reportWorkflowId(openCase.applicationId)}`);
      const outcome = await restartTrial(stack, worker, client, db, openCase);
      worker = outcome.worker;
      trials.push(outcome.trial);
      log(`  processed ${outcome.trial.killToProcessedSeconds.toFixed(2)} s after the kill`);
    }
    const afterRestarts = sampleRss(workerRss).stop();

    const rate = cases / createSeconds;
    const figures = [
      { figure: 'applications inserted (SQL)', value: `${seedSeconds.toFixed(1)} s` },
      { figure: `time to create ${cases.toLocaleString('en')} cases (${concurrency} in flight)`, value: `${createSeconds.toFixed(1)} s` },
      { figure: 'creation rate', value: `${Math.round(rate)} cases/s` },
      { figure: "from the first start until every case recorded 'report_due'", value: `${settleSeconds.toFixed(1)} s` },
      { figure: 'worker RSS before the cases (idle, polling)', value: mb(idle, 'lastMB') },
      { figure: 'worker RSS while creating (max)', value: mb(duringCreation.worker, 'maxMB') },
      { figure: `worker RSS while the cases wait, ${settings.waitSeconds} s (max)`, value: mb(whileWaiting.worker, 'maxMB') },
      { figure: 'worker RSS while the cases wait (final)', value: mb(whileWaiting.worker, 'lastMB') },
      { figure: 'workflows in the worker cache while the cases wait', value: cachedWhileWaiting === null ? 'n/a' : cachedWhileWaiting },
      { figure: 'Temporal dev server RSS while creating (max)', value: mb(duringCreation.temporal, 'maxMB') },
      { figure: 'Temporal dev server RSS while the cases wait (final)', value: mb(whileWaiting.temporal, 'lastMB') },
      { figure: `worker RSS after the last of ${trials.length} restart(s)`, value: mb(afterRestarts, 'lastMB') },
    ];
    printTable(`${cases.toLocaleString('en')} open cases waiting for their follow-up report`, figures);
    const trialRows = trials.map((trial, index) => ({
      restart: index + 1,
      'kill → report processed (s)': round1(trial.killToProcessedSeconds),
      'worker start → processed (s)': round1(trial.spawnToProcessedSeconds),
      'worker start → polling (s)': round1(trial.spawnToPollingSeconds),
      'polling → processed (s)': round1(trial.pollingToProcessedSeconds),
    }));
    printTable(`worker killed (SIGKILL) and restarted; a report sent to a random waiting case at the kill (goal ≤ 10 s)`, trialRows);

    const worstResume = Math.max(...trials.map((trial) => trial.killToProcessedSeconds));
    const waitingMax = whileWaiting.worker.maxMB;
    const headlines: Headline[] = [
      { figure: `time to create ${cases.toLocaleString('en')} open cases`, value: `${Math.round(createSeconds)} s (${Math.round(rate)}/s)`, goal: '–', met: null },
      { figure: `worker RSS, ${cases.toLocaleString('en')} cases waiting (max)`, value: mb(whileWaiting.worker, 'maxMB'), goal: '≤ 500 MB', met: waitingMax !== null && waitingMax <= 500 },
      { figure: `worker restart → report processed (worst of ${trials.length})`, value: `${worstResume.toFixed(1)} s`, goal: '≤ 10 s', met: worstResume <= 10 },
    ];
    writeResults('open-cases', headlines, {
      settings,
      seedSeconds,
      createSeconds,
      casesPerSecond: rate,
      settleSeconds,
      rss: { idle, duringCreation, whileWaiting, workerAfterRestarts: afterRestarts, temporalMeasured: temporalPid !== undefined },
      cachedWorkflowsWhileWaiting: cachedWhileWaiting,
      restarts: trials,
      results: figures,
    });
  } finally {
    await connection.close();
    await db.$disconnect();
    await stack.stop();
  }
}

/** The pid of a worker still running, for sampling. */
function residentPid(service: Service): number | undefined {
  return service.process.child.exitCode === null && service.process.child.signalCode === null ? service.pid : undefined;
}

runBenchmark(main);
