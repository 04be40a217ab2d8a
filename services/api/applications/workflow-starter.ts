import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type pg from 'pg';
import type { Database } from '../../../lib/db';
import { roundSnapshot } from '../../../domain/rounds';
import type { Application, FundingRound } from '../../../prisma/generated/client';
import type { Logger } from '../../../lib/logger';
import { fundingRoundWorkflowId } from '../../../domain/workflow-ids';
import type * as workflows from '../../../workflows';

const START_DEADLINE_MS = 3_000;

const MARK_WORKFLOW_STARTED = 'UPDATE applications SET workflow_started_at = now(), updated_at = now() WHERE id = $1 AND workflow_started_at IS NULL';

/**
 * Workflows are started by their type name (the exported function's name, as the worker's bundle
 * registers it), so the API never loads workflow code; `satisfies` keeps the names true to it.
 */
const GRANT_APPLICATION = 'grantApplication' satisfies keyof typeof workflows;
const FUNDING_ROUND = 'fundingRound' satisfies keyof typeof workflows;

/** What starting a case's workflow reads of its application. */
export type StartedApplication = Pick<Application, 'id' | 'workflowId' | 'amountRequestedOre' | 'endDate' | 'organizationCvr'>;

export interface WorkflowStarter {
  /** Starts the application's workflow unless it already exists; safe to call any number of times. */
  start(application: StartedApplication, round: FundingRound): Promise<void>;
  /** The same, for an application read back from the database. */
  startStored(applicationId: string): Promise<void>;
  /** Starts every workflow that intake stored but Temporal never accepted (e.g. it was down). */
  startMissed(olderThanMs?: number): Promise<number>;
}

export interface WorkflowStarterDependencies {
  db: Database;
  /** Plain connections for the statement every submission makes (`intakeSqlPool`). */
  sql: pg.Pool;
  temporal: Client;
  taskQueue: string;
  log: Logger;
}

export function createWorkflowStarter({ db, sql, temporal, taskQueue, log }: WorkflowStarterDependencies): WorkflowStarter {
  // Deadline rounds whose workflow this process has seen started: one start request per round
  // and process instead of one per submission on the deadline day.
  const startedRounds = new Set<string>();

  async function start(application: StartedApplication, round: FundingRound): Promise<void> {
    if (round.mode === 'deadline') await startRound(round);
    try {
      // Bounded, so an applicant is not kept waiting by a Temporal outage: the reconciler retries.
      await temporal.connection.withDeadline(Date.now() + START_DEADLINE_MS, () =>
        temporal.workflow.start<typeof workflows.grantApplication>(GRANT_APPLICATION, {
          taskQueue,
          workflowId: application.workflowId,
          args: [
            {
              applicationId: application.id,
              amountRequestedOre: Number(application.amountRequestedOre),
              activityEndDate: application.endDate.toISOString().slice(0, 10),
              round: roundSnapshot(round),
              organizationCvr: application.organizationCvr,
            },
          ],
          // A case has exactly one process, ever: a finished one is not started again.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    await sql.query({ name: 'mark-workflow-started', text: MARK_WORKFLOW_STARTED, values: [application.id] });
  }

  /** A deadline round's own workflow; started with its first application, once. */
  async function startRound(round: FundingRound): Promise<void> {
    if (!round.closesAt || startedRounds.has(round.id)) return;
    await temporal.connection.withDeadline(Date.now() + START_DEADLINE_MS, () =>
      temporal.workflow.start<typeof workflows.fundingRound>(FUNDING_ROUND, {
        taskQueue,
        workflowId: fundingRoundWorkflowId(round.id),
        args: [{ roundId: round.id, closesAt: round.closesAt!.toISOString(), budgetOre: Number(round.budgetOre), fourEyesThresholdOre: Number(round.fourEyesThresholdOre) }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
    ).catch((error) => {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    });
    startedRounds.add(round.id);
  }

  async function startStored(applicationId: string): Promise<void> {
    const application = await db.application.findUniqueOrThrow({ where: { id: applicationId }, include: { round: true } });
    await start(application, application.round);
  }

  async function startMissed(olderThanMs = 10_000): Promise<number> {
    const missed = await db.application.findMany({
      where: { workflowStartedAt: null, status: { not: 'DRAFT' }, createdAt: { lt: new Date(Date.now() - olderThanMs) } },
      include: { round: true },
      take: 100,
      orderBy: { createdAt: 'asc' },
    });
    let started = 0;
    for (const application of missed) {
      try {
        await start(application, application.round);
        started += 1;
      } catch (error) {
        log.warn({ err: error, applicationId: application.id }, 'could not start workflow yet; will retry');
        break;
      }
    }
    return started;
  }

  return { start, startStored, startMissed };
}
