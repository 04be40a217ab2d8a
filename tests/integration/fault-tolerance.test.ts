// 50 applications in flight while the worker process is killed with SIGKILL twice and restarted:
// every case must still reach its end state with exactly one receipt, one decision email, one
// decision letter and (when granted) one payout — the activities' idempotency, under real crashes.
import crypto from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { grantApplication } from '../../workflows/grant-application';
import { approvalUpdate, caseStateQuery, claimUpdate, decideUpdate, type CaseState } from '../../workflows/messages';
import {
  amountFor, APPROVER, CASEWORKER, checkCases, decisionFor, FOUR_EYES_THRESHOLD, planFor, seconds, seededRandom, sleep, type CheckedCase, type Plan,
} from '../support/case-checks';
import { applicationBody, createOpenRound, eventually } from '../support/fixtures';
import { submitCase } from '../support/process';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { startTestStack, testConfig, type TestStack } from '../support/stack';
import { spawnWorkerProcess, type WorkerProcess } from '../support/worker-process';

const CASES = 50;
const TEST_TIMEOUT_MS = 180_000;
/** How long any one step may wait: covers an activity lost with a killed worker (1 min start-to-close) twice over. */
const STEP_TIMEOUT_MS = 150_000;

interface CaseRun extends CheckedCase {
  handle?: WorkflowHandle<typeof grantApplication>;
}

interface KillRecord {
  label: string;
  trigger: string;
  pid: number;
  atMs: number;
  statusCounts: Record<string, number>;
  notYetSubmitted: number;
  replacementPid?: number;
  replacementReadyAtMs?: number;
}

const taskQueue = `test-fault-${crypto.randomUUID()}`;
const workers: WorkerProcess[] = [];
const killedByTest = new Set<number>();
let unexpectedExit: string | undefined;
let stack: TestStack;
let runs: CaseRun[] = [];
let smtpSink: SmtpSink | undefined;
/** This file's own database copy: another test file's mailer on a shared one would deliver this file's emails to its own SMTP sink. */
const databaseUrl = process.env.DATABASE_URL!;
/** Kills and restarts run one after another on this chain; afterAll waits for it. */
let killChain: Promise<void> = Promise.resolve();
let finished = false;

function startWorker(): WorkerProcess {
  const worker = spawnWorkerProcess({
    name: `worker#${workers.length + 1}`,
    // The worker announces readiness at info level; the helper echoes only warnings and errors.
    env: { ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'info', NODE_ENV: 'test' },
  });
  workers.push(worker);
  void worker.exited.then(({ code, signal }) => {
    if (!killedByTest.has(worker.pid)) {
      unexpectedExit ??= `worker pid ${worker.pid} exited on its own (code ${code}, signal ${signal}):\n${worker.output.slice(-30).join('\n')}`;
    }
  });
  return worker;
}

beforeAll(async () => {
  smtpSink = await startSmtpSink();
  // The outbox dispatcher runs with the API side in this process and delivers to this test's sink;
  // the workers only put emails in the outbox, so killing them can never duplicate a delivery.
  stack = await startTestStack({ worker: false, config: testConfig({ DATABASE_URL: databaseUrl, TEMPORAL_TASK_QUEUE: taskQueue, SMTP_URL: smtpSink.smtpUrl }) });
}, 60_000);

afterAll(async () => {
  // No kill or restart may start after this; one in progress ends first, so its worker is stopped too.
  finished = true;
  await killChain.catch(() => undefined);
  // Workflows first (terminating needs no worker), then every worker process this file started.
  await Promise.all(
    runs
      .filter((run) => run.id)
      .flatMap((run) => [`grant-application-${run.id}`, `grant-report-${run.id}`])
      .map((workflowId) => stack.temporal.workflow.getHandle(workflowId).terminate('fault test finished').catch(() => undefined)),
  );
  for (const worker of workers) {
    killedByTest.add(worker.pid);
    await worker.stop(5_000);
  }
  await stack?.stop();
  await smtpSink?.stop();
}, 60_000);

describe('the worker killed with SIGKILL twice while 50 applications are in flight', () => {
  it(
    'every case reaches its end state with exactly one receipt, decision email, letter and payout',
    async () => {
      const seed = Number(process.env.FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));
      const random = seededRandom(seed);
      const randomInt = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
      const started = Date.now();
      const since = () => Date.now() - started;

      const round = await createOpenRound(stack.db, { fourEyesThreshold: FOUR_EYES_THRESHOLD });
      runs = Array.from({ length: CASES }, (_, index) => {
        const plan = planFor(index);
        return { index, plan, amountKroner: amountFor(plan, index) };
      });

      let current = startWorker();
      await current.ready;
      const workerUpAtMs = since();

      // --- Kills: at a random count of submissions, then at a random count of decisions ----------
      const kills: KillRecord[] = [];
      const progress = { submitted: 0, queued: 0, decided: 0, finished: 0 };
      const killAfterSubmitted = randomInt(8, 35);
      const killAfterDecided = randomInt(4, 20);

      async function statusCounts(): Promise<Record<string, number>> {
        const grouped = await stack.db.application.groupBy({ by: ['status'], where: { roundId: round.id }, _count: { _all: true } });
        return Object.fromEntries(grouped.map((row) => [row.status, row._count._all]));
      }

      function scheduleKill(label: string, trigger: string): void {
        const jitterMs = randomInt(0, 400);
        killChain = killChain.then(async () => {
          await sleep(jitterMs);
          if (finished) return;
          const victim = current;
          const counts = await statusCounts();
          const record: KillRecord = {
            label,
            trigger: `${trigger}, +${jitterMs} ms`,
            pid: victim.pid,
            atMs: since(),
            statusCounts: counts,
            notYetSubmitted: CASES - Object.values(counts).reduce((a, b) => a + b, 0),
          };
          killedByTest.add(victim.pid);
          await victim.kill();
          kills.push(record);
          current = startWorker();
          record.replacementPid = current.pid;
          await current.ready;
          record.replacementReadyAtMs = since();
        });
      }

      function bump(counter: keyof typeof progress): void {
        progress[counter] += 1;
        if (counter === 'submitted' && progress.submitted === killAfterSubmitted) {
          scheduleKill('kill 1', `after ${killAfterSubmitted} submissions`);
        }
        if (counter === 'decided' && progress.decided === killAfterDecided) {
          scheduleKill('kill 2', `after ${killAfterDecided} decisions`);
        }
      }

      // --- The read model's status of every case, polled in one query ----------------------------
      const statuses = new Map<string, string>();
      let polling = true;
      const poller = (async () => {
        while (polling) {
          const rows = await stack.db.application.findMany({ where: { roundId: round.id }, select: { id: true, status: true } });
          for (const row of rows) statuses.set(row.id, row.status);
          await sleep(200);
        }
      })();

      async function waitForStoredStatus(run: CaseRun, status: string): Promise<void> {
        const deadline = Date.now() + STEP_TIMEOUT_MS;
        while (statuses.get(run.id!) !== status) {
          if (unexpectedExit) throw new Error(unexpectedExit);
          if (Date.now() > deadline) throw new Error(`case ${run.index} (${run.id}) still ${statuses.get(run.id!)} after ${STEP_TIMEOUT_MS} ms, expected ${status}`);
          await sleep(100);
        }
      }

      // --- Updates: a stable updateId makes a repeated call after a kill the same Update ---------
      const transientErrors: { at: number; what: string; error: string }[] = [];

      async function update<Arg>(run: CaseRun, definition: UpdateDefinition<CaseState, [Arg]>, arg: Arg, step: string): Promise<CaseState | 'workflow-closed'> {
        const deadline = Date.now() + STEP_TIMEOUT_MS;
        for (;;) {
          try {
            return await run.handle!.executeUpdate(definition, { args: [arg], updateId: `${step}-${run.id}` });
          } catch (error) {
            // A rejection by the workflow is an answer, not a transient failure.
            if (error instanceof WorkflowUpdateFailedError) {
              const cause = error.cause as { type?: string; message?: string } | undefined;
              throw new Error(`case ${run.index}: ${step} was rejected: ${cause?.type} ${cause?.message}`);
            }
            const message = error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error);
            transientErrors.push({ at: since(), what: `case ${run.index} ${step}`, error: message });
            // The decision completed and the (rejected) case closed before the answer reached us.
            if (error instanceof WorkflowNotFoundError || /already completed/i.test(message)) return 'workflow-closed';
            if (Date.now() > deadline) throw error;
            await sleep(500);
          }
        }
      }

      async function queryWithRetry(run: CaseRun): Promise<CaseState> {
        const deadline = Date.now() + STEP_TIMEOUT_MS;
        for (;;) {
          try {
            return await run.handle!.query(caseStateQuery);
          } catch (error) {
            if (Date.now() > deadline) throw error;
            await sleep(500);
          }
        }
      }

      // --- One driver per case: submit, wait for the queue, claim, decide (approve), end state ----
      async function drive(run: CaseRun): Promise<void> {
        await sleep(run.index * 60);
        const submitted = await submitCase(stack, round.id, {
          amountRequested: run.amountKroner,
          budget: { lines: [{ category: 'food', description: 'Råvarer til fællesspisninger', amount: run.amountKroner }], cofinancing: [] },
          project: { ...applicationBody(round.id).project, title: `Fællesspisning nr. ${run.index + 1}` },
        });
        run.id = submitted.id;
        run.handle = submitted.handle;
        run.contactEmail = (await stack.db.application.findUniqueOrThrow({ where: { id: submitted.id }, select: { contactEmail: true } })).contactEmail;
        bump('submitted');

        await waitForStoredStatus(run, 'IN_QUEUE');
        bump('queued');
        await update(run, claimUpdate, { caseworker: CASEWORKER }, 'claim');

        const decided = await update(run, decideUpdate, decisionFor(run.plan, run.amountKroner), 'decide');
        if (decided !== 'workflow-closed') {
          const expected = run.plan === 'four_eyes' ? 'AWAITING_APPROVAL' : 'DECIDED';
          if (decided.status !== expected) throw new Error(`case ${run.index}: after decide the case is ${decided.status}, expected ${expected}`);
        }
        if (run.plan === 'four_eyes') {
          const approved = await update(run, approvalUpdate, { approver: APPROVER, approve: true }, 'approve');
          if (approved !== 'workflow-closed' && approved.status !== 'DECIDED') throw new Error(`case ${run.index}: after approval the case is ${approved.status}`);
        }
        bump('decided');

        if (run.plan === 'rejected') {
          run.endState = await run.handle.result();
        } else {
          await waitForStoredStatus(run, 'REPORT_DUE');
          const deadline = Date.now() + STEP_TIMEOUT_MS;
          let state = await queryWithRetry(run);
          while (state.status !== 'REPORT_DUE' && Date.now() < deadline) {
            await sleep(200);
            state = await queryWithRetry(run);
          }
          run.endState = state.status;
        }
        bump('finished');
      }

      try {
        await Promise.all(runs.map(drive));
        await killChain;
      } finally {
        polling = false;
        await poller;
      }
      const allDoneAtMs = since();
      expect(unexpectedExit).toBeUndefined();
      expect(kills).toHaveLength(2);
      // The workflows only queue their emails; let the outbox dispatcher finish delivering them.
      const caseIds = runs.map((run) => run.id!);
      await eventually(
        async () => ((await stack.db.outboxEmail.count({ where: { applicationId: { in: caseIds }, status: 'pending' } })) === 0 ? true : undefined),
        'the outbox to drain',
        30_000,
      );

      // --- What every case must look like ---------------------------------------------------------
      const { problems, duplicateEvidence } = await checkCases(stack.db, runs, smtpSink!.messages, started);

      // --- Summary -------------------------------------------------------------------------------
      const byPlan = (plan: Plan) => runs.filter((run) => run.plan === plan).length;
      const lines = [
        `fault test (seed ${seed}, task queue ${taskQueue}): ${CASES} cases — ${byPlan('approved')} approved, ${byPlan('four_eyes')} approved with a second signature, ${byPlan('rejected')} rejected`,
        `  first worker (pid ${workers[0]!.pid}) ready at ${seconds(workerUpAtMs)}`,
        ...kills.flatMap((kill) => [
          `  ${kill.label} at ${seconds(kill.atMs)} (${kill.trigger}): SIGKILL pid ${kill.pid}; replacement pid ${kill.replacementPid} ready at ${seconds(kill.replacementReadyAtMs ?? NaN)}`,
          `    status at the kill: ${Object.entries(kill.statusCounts).map(([status, count]) => `${status} ${count}`).join(', ')}${kill.notYetSubmitted ? `, not yet submitted ${kill.notYetSubmitted}` : ''}`,
        ]),
        `  all ${CASES} cases at their end state at ${seconds(allDoneAtMs)}; ${transientErrors.length} Update call(s) repeated after a transient failure; ${smtpSink!.resets} SMTP transaction(s) cut off by a kill`,
        ...transientErrors.slice(0, 5).map((e) => `    at ${seconds(e.at)} ${e.what}: ${e.error.slice(0, 160)}`),
        `  checks: ${problems.length === 0 ? 'every case has one receipt, one decision email, one letter, the right payouts and each transition once' : `${problems.length} problem(s)`}`,
        ...duplicateEvidence.map((line) => `  duplicate: ${line}`),
        `  total ${seconds(since())}`,
      ];
      console.log(lines.join('\n'));

      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
