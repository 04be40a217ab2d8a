// The chaos suite: CHAOS_CASES applications in flight on the cluster (PostgreSQL of its own, the
// Temporal server on it, HAProxy over two API replicas, two workers, two mailers) from submission
// through decision, letter and payout to the follow-up report (chaos-driver.ts): finance exports
// and confirms the payouts through the API (chaos-finance.ts), the association sends its report
// with its private token, the caseworker accepts it and the grant closes. Meanwhile each worker is
// SIGKILLed repeatedly, an API replica is killed (clients retry through the proxy with the same
// Idempotency-Key), a mailer is killed while mail is being sent, the Temporal server and
// PostgreSQL are restarted and SMTP refuses connections for a while. Emails whose delivery a fault
// left uncertain (the mailer killed, or the connection cut, after the body went out) are resolved
// as an operator would: "sent" if the SMTP server has their Message-ID, "resend" if not. Afterwards
// no submission is lost and every case has its end state (a refusal DECIDED, a grant CLOSED) with
// exactly one receipt, decision email, letter and payout, each grant one payment email, one
// accepted report and one report-accepted email, each transition once, and the outbox is drained.
// `npm run test:cluster` (default size), `npm run chaos` (500 × 20).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startCluster, type Cluster } from '../../infra/cluster';
import { ensureTemporalServer } from '../../infra/cluster/binaries';
import { ensureHaproxy } from '../../infra/cluster/proxy';
import { findFreePort } from '../../infra/ports';
import { createDatabase, type Database } from '../../lib/db';
import { temporalConnectionOptions, temporalDataConverter } from '../../lib/temporal';
import { grantApplicationWorkflowId, reportWorkflowId } from '../../domain/workflow-ids';
import { amountFor, checkCases, FOUR_EYES_THRESHOLD, planFor, seconds, seededRandom, sleep } from '../support/case-checks';
import { createOpenRound, eventually } from '../support/fixtures';
import { startSmtpGate, type SmtpGate } from '../support/smtp-gate';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { ChaosDriver, REPORT_STAGES, REPORT_STEPS, type CaseRun } from './chaos-driver';
import { FaultInjector, restartablePostgres } from './chaos-faults';
import { Finance } from './chaos-finance';
import { resolveUncertainAsOperator } from './chaos-operator';
import { chaosTable } from './chaos-table';

const CASES = Number(process.env.CHAOS_CASES ?? 200);
const WORKER_KILLS = Number(process.env.CHAOS_WORKER_KILLS ?? 6);
const SMTP_REFUSAL_MS = Number(process.env.CHAOS_SMTP_REFUSAL_SECONDS ?? 120) * 1000;
const SEED = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Between two submissions' starts: the faults land while cases are in every stage. */
const SUBMIT_INTERVAL_MS = Number(process.env.CHAOS_SUBMIT_INTERVAL_MS ?? 100);
/**
 * How long any one step of a case may take: covers lost activities (1 min start-to-close), every
 * outage, and the wait behind the other cases in flight (on 2 cores, 500 cases with 20 worker kills
 * had steps wait over 7 minutes for their turn while the run as a whole kept moving).
 */
const STEP_TIMEOUT_MS = 300_000 + SMTP_REFUSAL_MS + CASES * 600;
const TEST_TIMEOUT_MS = 15 * 60_000 + CASES * 2_500 + SMTP_REFUSAL_MS;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'grantflow-chaos-'));
let postgres: Awaited<ReturnType<typeof restartablePostgres>> | undefined;
let sink: SmtpSink | undefined;
let gate: SmtpGate | undefined;
let cluster: Cluster | undefined;
let db: Database | undefined;
let connection: Connection | undefined;
let temporal: Client;
let runs: CaseRun[] = [];
let faults: FaultInjector | undefined;
const unexpectedExits: string[] = [];
const logDir = path.join(dataDir, 'cluster', 'logs');
/** Set when the run's checks all passed; a failed run keeps its logs. */
let passed = false;

beforeAll(async () => {
  const log = (line: string) => process.stderr.write(`[chaos] ${line}\n`);
  await ensureTemporalServer(log);
  ensureHaproxy(log);
  // As root, PostgreSQL runs as a user of its own, which must be able to reach its folder.
  fs.chmodSync(dataDir, 0o711);
  postgres = await restartablePostgres({ dataDir: path.join(dataDir, 'postgres'), port: await findFreePort(), database: 'grantflow_chaos' });
  sink = await startSmtpSink();
  gate = await startSmtpGate(sink.smtpUrl);
  cluster = await startCluster({
    dataDir: path.join(dataDir, 'cluster'),
    databaseUrl: postgres.current.url,
    smtpUrl: gate.smtpUrl,
    historyShards: 4,
    webUi: false,
    env: {
      ...process.env,
      // A refused message is tried again within seconds once SMTP is back.
      OUTBOX_RETRY_BASE: '1s',
      OUTBOX_RETRY_MAX: '5s',
      RATE_LIMIT_WRITES_PER_ADDRESS: '1000000',
      RATE_LIMIT_NEW_DRAFTS_PER_ADDRESS: '1000000',
    },
    onUnexpectedExit: (name, code) => void unexpectedExits.push(`${name} exited with code ${code}; its last lines:\n${lastLogLines(name)}`),
  });
  db = createDatabase(postgres.current.url);
  connection = await Connection.connect(temporalConnectionOptions(cluster.config));
  temporal = new Client({ connection, namespace: cluster.config.TEMPORAL_NAMESPACE, dataConverter: temporalDataConverter(cluster.config) });
}, 20 * 60_000);

afterAll(async () => {
  if (faults) faults.aborted = true;
  await faults?.settled().catch(() => undefined);
  if (connection) {
    await Promise.all(
      runs
        .filter((run) => run.id)
        .flatMap((run) => [grantApplicationWorkflowId(run.id!), reportWorkflowId(run.id!)])
        .map((workflowId) => temporal.workflow.getHandle(workflowId).terminate('chaos suite finished').catch(() => undefined)),
    );
    await connection.close();
  }
  await cluster?.stop();
  await db?.$disconnect();
  await postgres?.current.stop();
  await gate?.stop();
  await sink?.stop();
  if (!passed && fs.existsSync(logDir)) {
    // The services' logs outlive a failed run: the reason a worker exited is in them.
    const kept = path.resolve('test-results', `chaos-logs-${SEED}`);
    fs.cpSync(logDir, kept, { recursive: true });
    process.stderr.write(`[chaos] the services' logs of this run are kept in ${path.relative(process.cwd(), kept)}\n`);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 180_000);

/** The end of a service's log file, to say why it exited. */
function lastLogLines(name: string, count = 20): string {
  try {
    return fs.readFileSync(path.join(logDir, `${name}.log`), 'utf8').trimEnd().split('\n').slice(-count).join('\n');
  } catch {
    return '(no log)';
  }
}

describe(`the cluster under chaos (${CASES} cases, ${WORKER_KILLS} worker kills)`, () => {
  it(
    'loses no submission, and every case ends with one receipt, decision email, letter and payout; every grant paid, reported and closed',
    async () => {
      const random = seededRandom(SEED);
      const randomInt = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
      const started = Date.now();
      const since = () => Date.now() - started;
      const { proxy } = cluster!.addresses;
      const injector = new FaultInjector({ cluster: cluster!, gate: gate!, postgres: postgres! }, since, () => {
        const inFlight = runs.filter((run) => !run.endState);
        return { cases: inFlight.length, pastDecision: inFlight.filter((run) => REPORT_STAGES.includes(run.stage)).length };
      });
      faults = injector;

      const round = await createOpenRound(db!, { fourEyesThreshold: FOUR_EYES_THRESHOLD, budget: 100_000_000 });
      runs = Array.from({ length: CASES }, (_, index) => {
        const plan = planFor(index);
        return { index, plan, amountKroner: amountFor(plan, index), submitAttempts: 0, stage: 'waiting' as const };
      });

      // --- The fault plan: a point on the run's progress each (submissions and decisions, and each
      // grant's payout, report and acceptance: 0..2N+3G), all in its first two thirds, so that
      // every fault meets cases in flight and the later ones meet report traffic --------------------
      const granted = runs.filter((run) => run.plan !== 'rejected').length;
      const span = 2 * CASES + REPORT_STEPS * granted;
      const around = (fraction: number) => Math.max(1, Math.min(span - 1, Math.round(fraction * span) + randomInt(-2, 2)));
      const triggers = new Map<number, Array<() => void>>();
      const at = (point: number, fire: (trigger: string) => void) => {
        const list = triggers.get(point) ?? [];
        list.push(() => fire(`at progress ${point}/${span}`));
        triggers.set(point, list);
      };
      for (let kill = 0; kill < WORKER_KILLS; kill += 1) {
        const worker = kill % 2 === 0 ? 'worker-1' : 'worker-2';
        at(around((0.65 * (kill + 1)) / WORKER_KILLS), (trigger) => injector.killReplica(worker, trigger));
      }
      at(around(0.15), (trigger) => injector.killReplica('api-1', trigger, 3_000));
      at(around(0.25), (trigger) => injector.refuseSmtp(trigger, SMTP_REFUSAL_MS));
      at(around(0.35), (trigger) => injector.restartTemporal(trigger));
      at(around(0.5), (trigger) => injector.restartPostgres(trigger));
      let progress = 0;
      const bump = () => {
        progress += 1;
        for (const fire of triggers.get(progress) ?? []) fire();
      };
      // The mailer is killed while the mail flows: as soon as a set share of the receipts has arrived.
      let driving = true;
      const mailerKillAfter = Math.max(1, Math.round(CASES * (0.1 + random() * 0.1)));
      const mailerWatch = (async () => {
        while (driving && sink!.messages.length < mailerKillAfter) await sleep(20);
        if (driving) injector.killReplica('mailer-1', `after ${sink!.messages.length} messages delivered`);
      })();

      // --- The client side (chaos-driver.ts) and finance confirming the payouts ------------------
      const driver = new ChaosDriver({ proxy, temporal, db: db!, roundId: round.id, seed: SEED, stepTimeoutMs: STEP_TIMEOUT_MS, submitIntervalMs: SUBMIT_INTERVAL_MS, bump });
      driver.startPolling();
      const finance = new Finance(db!, proxy, () => driver.awaitingPayout(runs));
      const paying = finance.loop(() => driving);

      const driven = await Promise.allSettled(runs.map((run) => driver.drive(run)));
      const driverErrors = driven.flatMap((result) => (result.status === 'rejected' ? [String((result.reason as Error).message ?? result.reason)] : []));
      driving = false;
      await Promise.all([mailerWatch, paying]);
      await injector.settled();
      const allDoneAtMs = since();
      // The workflows only queue their emails; the mailers deliver them (SMTP is open again by now).
      // A send a fault left uncertain waits for a person: the killed mailer's claims once they are
      // stale (the SMTP send limit plus a margin, 60 s), a connection cut after the data at once.
      const ids = runs.filter((run) => run.id).map((run) => run.id!);
      const unsettled = () => db!.outboxEmail.count({ where: { applicationId: { in: ids }, status: { in: ['pending', 'sending'] } } });
      await eventually(async () => ((await unsettled()) === 0 ? true : undefined), 'the outbox to settle', 180_000).catch(() => undefined);
      const operator = await resolveUncertainAsOperator({ db: db!, baseUrl: proxy, mails: sink!.messages });
      await eventually(
        async () => ((await db!.outboxEmail.count({ where: { applicationId: { in: ids }, status: { not: 'sent' } } })) === 0 ? true : undefined),
        'the outbox to drain',
        120_000,
      ).catch(() => undefined);
      await driver.stopPolling();

      const checks = await checkCases(db!, runs, sink!.messages, started, true);
      const applications = await db!.application.count({ where: { roundId: round.id } });
      const metReports = injector.records.filter((record) => record.pastDecision > 0).length;
      console.log(
        chaosTable({
          seed: SEED,
          cases: CASES,
          faults: injector.records,
          outcomes: [
            ['submissions accepted', CASES, ids.length],
            ['applications stored (one per Idempotency-Key)', CASES, applications],
            ['cases in their expected end state', CASES, checks.totals.endStates],
            ['receipt emails', CASES, checks.totals.receipts],
            ['decision emails', CASES, checks.totals.decisionEmails],
            ['decision letters', CASES, checks.totals.letters],
            ['payouts', granted, checks.totals.payouts],
            ['payment emails (finance confirmed the payout)', granted, checks.totals.paidEmails],
            ['reports accepted (all spent, no repayment)', granted, checks.totals.reportsAccepted],
            ['report-accepted emails', granted, checks.totals.reportAcceptedEmails],
            ['outbox rows not sent', 0, checks.totals.pendingOutbox],
            ['processes that exited on their own', 0, unexpectedExits.length],
            ['faults that failed', 0, injector.failures.length],
            ['faults that met cases in flight', injector.records.length, injector.records.filter((record) => record.inFlight > 0).length],
          ],
          notes: [
            `${runs.reduce((sum, run) => sum + run.submitAttempts, 0) - ids.length} submission attempt(s) and ${driver.retried.reports} report attempt(s) repeated through the proxy, ${driver.retried.updates} Update call(s), ${driver.retried.queries} query(ies)`,
            `finance: ${finance.runsCreated} payout run(s) exported, ${finance.linesConfirmed} line(s) confirmed, ${finance.linesConfirmedAgain} confirmed again, ${finance.failedRequests} request(s) failed and tried again`,
            `${metReports} fault(s) met cases past their decision (awaiting payout, reporting or closing)`,
            `${sink!.resets} SMTP transaction(s) broken off; all cases at their end state at ${seconds(allDoneAtMs)}, total ${seconds(since())}`,
            `uncertain sends resolved by an operator: ${operator.resolved} (delivered ${operator.delivered}, resent ${operator.resent})`,
            ...operator.failures,
            ...unexpectedExits,
            ...injector.failures,
            ...driverErrors.slice(0, 10),
            ...checks.problems.slice(0, 20),
            ...checks.duplicateEvidence.map((line) => `duplicate: ${line}`),
          ],
        }),
      );

      expect(driverErrors).toEqual([]);
      expect(unexpectedExits).toEqual([]);
      expect(injector.failures).toEqual([]);
      expect(operator.failures).toEqual([]);
      expect(injector.count('SIGKILL worker')).toBe(WORKER_KILLS);
      expect(injector.count('SIGKILL api-1')).toBe(1);
      expect(injector.count('SIGKILL mailer-1')).toBe(1);
      expect(injector.count('restart Temporal')).toBe(1);
      expect(injector.count('restart PostgreSQL')).toBe(1);
      expect(injector.count('SMTP refuses')).toBe(1);
      expect(injector.records.filter((record) => record.inFlight === 0)).toEqual([]);
      expect(applications).toBe(CASES);
      expect(metReports).toBeGreaterThan(0);
      expect(checks.problems).toEqual([]);
      passed = true;
    },
    TEST_TIMEOUT_MS,
  );
});
