import { ParentClosePolicy, patched, startChild, workflowInfo, type ChildWorkflowHandle } from '@temporalio/workflow';
import { reportWorkflowId } from '../domain/workflow-ids';
import { reportDueDate, reportRequirementFor, type ReportRequirement } from '../domain/tiers';
import { DANISH_TIME_ZONE, endOfDayIn } from '../domain/time-zone';
import type { CaseContext } from './case-journal';
import { followUpReport } from './follow-up-report';
import { reportTermsSignal, type ProposedDecision } from './messages';

export interface ReportTerms {
  requirement: ReportRequirement;
  dueAt: string;
}

/** What the association must report on a grant and by when, counted from the decision. */
export function reportTermsFor({ input }: CaseContext, decision: ProposedDecision): ReportTerms {
  return {
    requirement: reportRequirementFor(BigInt(decision.amountGrantedOre), input.round.reportingTiers),
    dueAt: reportDueDate(input.round.timings.reportDue, {
      decidedAt: new Date(decision.decidedAt),
      activityEnd: patched('deadline-end-of-day') ? endOfDayIn(input.activityEndDate, DANISH_TIME_ZONE) : new Date(`${input.activityEndDate}T23:59:59Z`),
    }).toISOString(),
  };
}

/** The follow-up report child as the grant workflow drives it: started once, told when the decision changes. */
export interface ReportChild {
  readonly started: boolean;
  readonly running: boolean;
  start(terms: ReportTerms, amountGrantedOre: number): Promise<void>;
  /** A changed decision sets the report anew (requirement, due date, amount). */
  setTerms(terms: ReportTerms, amountGrantedOre: number): Promise<void>;
  result(): Promise<unknown>;
}

export function reportChild({ input, memory }: CaseContext): ReportChild {
  let handle: ChildWorkflowHandle<typeof followUpReport> | null = null;
  let finished = false;
  return {
    get started() {
      return handle !== null;
    },
    get running() {
      return handle !== null && !finished;
    },
    async start(terms, amountGrantedOre) {
      handle = await startChild(followUpReport, {
        workflowId: reportWorkflowId(input.applicationId),
        args: [
          {
            applicationId: input.applicationId,
            parentWorkflowId: workflowInfo().workflowId,
            requirement: terms.requirement,
            dueAt: terms.dueAt,
            amountGrantedOre,
            assignee: memory.assignee,
            timings: input.round.timings,
          },
        ],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      const child = handle;
      child.result().then(
        () => (finished = true),
        () => (finished = true),
      );
    },
    async setTerms(terms, amountGrantedOre) {
      if (handle && !finished) await handle.signal(reportTermsSignal, { ...terms, amountGrantedOre });
    },
    async result() {
      return handle?.result();
    },
  };
}
