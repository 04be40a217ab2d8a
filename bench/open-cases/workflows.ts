import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { grantApplicationWorkflowId, reportWorkflowId } from '../../domain/workflow-ids';
import type { followUpReport } from '../../workflows/follow-up-report';
import type { grantApplication } from '../../workflows/grant-application';
import { log } from '../support/output';
import type { OpenCase } from './seed';

// Each open case is two workflows, as in production: the case workflow `grant-application-<id>`
// and its reporting child `grant-report-<id>`, the one that waits months for the report.
//
// The reporting workflow is grantflow's own, on the worker's task queue, started with the input
// the case workflow gives it. The case workflow cannot be put into REPORT_DUE without running
// its whole path (screening, a caseworker's decision, a PDF letter, payout — minutes of work per
// thousand cases), so it is started under its real ID and type on a task queue no worker polls:
// it exists and takes the reporting workflow's status signals into its history, as a real
// parent blocked in executeChild would, but it never runs. The worker therefore holds and
// replays only the reporting workflows; in production the parents would also compete for its
// workflow cache.

const START_ATTEMPTS = 5;

/** The task queue the case workflows are parked on: no worker polls it. */
export function parkedQueue(taskQueue: string): string {
  return `${taskQueue}-parked-cases`;
}

async function startOnce(start: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await start();
      return;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return;
      if (attempt >= START_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

export async function startOpenCase(client: Client, taskQueue: string, openCase: OpenCase): Promise<void> {
  await startOnce(() =>
    client.workflow.start<typeof grantApplication>('grantApplication', {
      taskQueue: parkedQueue(taskQueue),
      workflowId: grantApplicationWorkflowId(openCase.applicationId),
      args: [openCase.application],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    }),
  );
  await startOnce(() =>
    client.workflow.start<typeof followUpReport>('followUpReport', {
      taskQueue,
      workflowId: reportWorkflowId(openCase.applicationId),
      args: [openCase.report],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    }),
  );
}

/** Runs `work` for every item with at most `concurrency` in flight, logging every tenth. */
export async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let done = 0;
  const step = Math.max(1, Math.ceil(items.length / 10));
  const lane = async () => {
    while (next < items.length) {
      await work(items[next++]!);
      done += 1;
      if (done % step === 0) log(`  ${done.toLocaleString('en')} / ${items.length.toLocaleString('en')}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}
