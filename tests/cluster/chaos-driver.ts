// The chaos suite's client side: each case from submission through decision, letter and payout to
// its follow-up report. The association submits through the proxy (retried with the same
// Idempotency-Key) and later sends its report with its private token; the caseworker claims,
// decides and accepts the report by workflow Updates with stable Update IDs; finance confirms the
// payout (chaos-finance.ts). Every call is repeated until it gets through the faults. Each step a
// case completes moves the run's progress on, on which the fault plan is keyed.
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Database } from '../../lib/db';
import { grantApplicationWorkflowId, reportWorkflowId } from '../../domain/workflow-ids';
import type { grantApplication } from '../../workflows/grant-application';
import type { followUpReport } from '../../workflows/follow-up-report';
import { approvalUpdate, claimUpdate, decideUpdate, reportStateQuery, reviewReportUpdate } from '../../workflows/messages';
import { APPROVER, CASEWORKER, decisionFor, seconds, sleep, type CheckedCase } from '../support/case-checks';
import { applicationBody } from '../support/fixtures';

/** Where a case is: the report stages are the ones after the decision. */
export type Stage = 'waiting' | 'submitting' | 'deciding' | 'awaiting payout' | 'reporting' | 'closing' | 'done';
export const REPORT_STAGES: readonly Stage[] = ['awaiting payout', 'reporting', 'closing'];

export interface CaseRun extends CheckedCase {
  handle?: WorkflowHandle<typeof grantApplication>;
  accessToken?: string;
  reference?: string;
  submitAttempts: number;
  stage: Stage;
}

/** The steps a granted case takes after its decision, each a point of the run's progress. */
export const REPORT_STEPS = 3;

export interface DriverOptions {
  proxy: string;
  temporal: Client;
  db: Database;
  roundId: string;
  seed: number;
  /** How long any one step of a case may take. */
  stepTimeoutMs: number;
  /** Between two submissions' starts. */
  submitIntervalMs: number;
  /** A case completed a step. */
  bump(): void;
}

type ResponseLike = { status: number; json(): Promise<unknown> };
const unanswered = (error: Error): ResponseLike => ({ status: 0, json: async () => ({ error: error.message }) });
/** Worth trying again: no answer, a timeout, too many requests or a server error. */
const transient = (status: number) => status === 0 || status === 408 || status === 429 || status >= 500;

export class ChaosDriver {
  readonly retried = { submissions: 0, reports: 0, updates: 0, queries: 0 };
  private readonly statuses = new Map<string, string>();
  private readonly paid = new Set<string>();
  private polling = true;
  private poller: Promise<void> | undefined;

  constructor(private readonly options: DriverOptions) {}

  /** The read model's status and payment of every case, polled in two queries (PostgreSQL may be down). */
  startPolling(): void {
    const { db, roundId } = this.options;
    this.poller = (async () => {
      while (this.polling) {
        const rows = await db.application.findMany({ where: { roundId }, select: { id: true, status: true } }).catch(() => []);
        for (const row of rows) this.statuses.set(row.id, row.status);
        const paid = await db.caseEvent.findMany({ where: { type: 'paid', application: { roundId } }, select: { applicationId: true } }).catch(() => []);
        for (const event of paid) this.paid.add(event.applicationId);
        await sleep(250);
      }
    })();
  }

  async stopPolling(): Promise<void> {
    this.polling = false;
    await this.poller;
  }

  async drive(run: CaseRun): Promise<void> {
    const { bump } = this.options;
    await sleep(run.index * this.options.submitIntervalMs);
    run.stage = 'submitting';
    await this.submit(run);
    bump();
    run.stage = 'deciding';
    await this.waitFor(run, 'IN_QUEUE', () => this.statuses.get(run.id!) === 'IN_QUEUE');
    await this.update(run, run.handle!, claimUpdate, { caseworker: CASEWORKER }, 'claim');
    await this.update(run, run.handle!, decideUpdate, decisionFor(run.plan, run.amountKroner), 'decide');
    if (run.plan === 'four_eyes') await this.update(run, run.handle!, approvalUpdate, { approver: APPROVER, approve: true }, 'approve');
    bump();
    if (run.plan !== 'rejected') {
      await this.waitFor(run, 'REPORT_DUE', () => this.statuses.get(run.id!) === 'REPORT_DUE');
      run.stage = 'awaiting payout';
      await this.waitFor(run, 'its payout confirmed', () => this.paid.has(run.id!));
      bump();
      run.stage = 'reporting';
      await this.submitReport(run);
      bump();
      await this.waitFor(run, 'REPORT_SUBMITTED', () => this.statuses.get(run.id!) === 'REPORT_SUBMITTED');
      const report = this.options.temporal.workflow.getHandle<typeof followUpReport>(reportWorkflowId(run.id!));
      await this.update(run, report, reviewReportUpdate, { caseworker: CASEWORKER, accept: true }, 'review');
      bump();
    }
    run.stage = 'closing';
    run.endState = await this.endState(run);
    run.stage = 'done';
  }

  /** The reference numbers of the cases whose payout finance has still to confirm. */
  awaitingPayout(runs: readonly CaseRun[]): Set<string> {
    return new Set(runs.filter((run) => run.stage === 'awaiting payout' && run.reference).map((run) => run.reference!));
  }

  private async waitFor(run: CaseRun, what: string, done: () => boolean): Promise<void> {
    const deadline = Date.now() + this.options.stepTimeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`case ${run.index} (${run.id}) stored as ${this.statuses.get(run.id!)}, not ${what} after ${seconds(this.options.stepTimeoutMs)}`);
      await sleep(200);
    }
  }

  /** POSTs through the proxy until an answer that is not transient, or the step's time is up. */
  private async post(run: CaseRun, path: string, body: unknown, headers: Record<string, string>, what: string, onRetry: () => void): Promise<ResponseLike> {
    const deadline = Date.now() + this.options.stepTimeoutMs;
    for (;;) {
      const response: ResponseLike = await fetch(`${this.options.proxy}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      }).catch(unanswered);
      if (!transient(response.status)) return response;
      if (Date.now() > deadline) throw new Error(`case ${run.index}: no answer to the ${what} within ${seconds(this.options.stepTimeoutMs)} (last ${response.status})`);
      onRetry();
      await sleep(500);
    }
  }

  private async submit(run: CaseRun): Promise<void> {
    const { roundId, seed, temporal } = this.options;
    const email = `chaos+${seed}-${run.index}@faellesbord.dk`;
    const body = applicationBody(roundId, {
      contact: { name: 'Inge Hansen', email },
      amountRequested: run.amountKroner,
      budget: { lines: [{ category: 'food', description: 'Råvarer til fællesspisninger', amount: run.amountKroner }], cofinancing: [] },
      project: { ...applicationBody(roundId).project, title: `Fællesspisning nr. ${run.index + 1}` },
    });
    const countAttempt = () => void (run.submitAttempts += 1);
    countAttempt();
    const response = await this.post(run, '/api/v1/applications', body, { 'idempotency-key': `chaos-${seed}-${run.index}` }, 'submission', () => {
      this.retried.submissions += 1;
      countAttempt();
    });
    if (response.status !== 201 && response.status !== 200) throw new Error(`case ${run.index}: submission refused with ${response.status} ${JSON.stringify(await response.json())}`);
    const receipt = (await response.json()) as { id: string; reference: string; accessToken: string };
    run.id = receipt.id;
    run.reference = receipt.reference;
    run.accessToken = receipt.accessToken;
    run.contactEmail = email;
    run.handle = temporal.workflow.getHandle<typeof grantApplication>(grantApplicationWorkflowId(run.id));
  }

  /**
   * The association's report through the JSON API with its private token: all the money spent, so
   * no repayment. A 409 after a fault may mean an earlier attempt got through with its answer
   * lost: the report workflow is asked whether it has the report.
   */
  private async submitReport(run: CaseRun): Promise<void> {
    const report = { narrative: `Vi holdt alle fællesspisningerne (nr. ${run.index + 1}) som planlagt.`, spentKroner: run.amountKroner, participants: 120, volunteers: 6, storyConsent: false };
    const response = await this.post(run, `/api/v1/applications/${run.id}/reports`, report, { authorization: `Bearer ${run.accessToken}` }, 'report', () => void (this.retried.reports += 1));
    if (response.status === 202) return;
    if (response.status === 409) {
      const state = await this.query(run, () => this.options.temporal.workflow.getHandle(reportWorkflowId(run.id!)).query(reportStateQuery));
      if (state.submitted || state.status !== 'REPORT_DUE') return;
    }
    throw new Error(`case ${run.index}: report refused with ${response.status} ${JSON.stringify(await response.json())}`);
  }

  /** An Update with a stable ID: a repeated call after a fault is the same Update. */
  private async update<Ret, Arg>(run: CaseRun, handle: WorkflowHandle, definition: UpdateDefinition<Ret, [Arg]>, arg: Arg, step: string): Promise<Ret | 'workflow-closed'> {
    const deadline = Date.now() + this.options.stepTimeoutMs;
    for (;;) {
      try {
        return await handle.executeUpdate(definition, { args: [arg], updateId: `${step}-${run.id}` });
      } catch (error) {
        if (error instanceof WorkflowUpdateFailedError) {
          const cause = error.cause as { type?: string; message?: string } | undefined;
          throw new Error(`case ${run.index}: ${step} was rejected: ${cause?.type} ${cause?.message}`);
        }
        const message = error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error);
        if (error instanceof WorkflowNotFoundError || /already completed/i.test(message)) return 'workflow-closed';
        if (Date.now() > deadline) throw error;
        this.retried.updates += 1;
        await sleep(1_000);
      }
    }
  }

  private async query<T>(run: CaseRun, ask: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.options.stepTimeoutMs;
    for (;;) {
      try {
        return await ask();
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`case ${run.index}: ${(error as Error).message}`);
        this.retried.queries += 1;
        await sleep(500);
      }
    }
  }

  /** The case workflow's result: DECIDED for a refusal, CLOSED for a grant whose report was accepted. */
  private endState(run: CaseRun): Promise<string> {
    return this.query(run, () => run.handle!.result());
  }
}
