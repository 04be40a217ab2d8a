import { ParentClosePolicy, patched, startChild, workflowInfo, type ChildWorkflowHandle } from '@temporalio/workflow';
import { reportWorkflowId } from '../domain/workflow-ids';
import { reportDueDate, reportRequirementFor, type ReportRequirement } from '../domain/tiers';
import { reportOpensAt } from '../domain/report-window';
import { DANISH_TIME_ZONE, endOfDayIn } from '../domain/time-zone';
import type { CaseContext } from './case-journal';
import { followUpReport, type GrantYear } from './follow-up-report';
import { reportTermsSignal, type ProposedDecision } from './messages';
import type { ReportTerms } from './grant-terms';

export type { ReportTerms } from './grant-terms';

/** What the association must report on a grant and by when, counted from the decision. */
export function reportTermsFor({ input, memory }: CaseContext, decision: ProposedDecision): ReportTerms {
  // An approved change of period moves the activity's end.
  const activityEndDate = memory.activityEndDate ?? input.activityEndDate;
  return {
    requirement: reportRequirementFor(BigInt(decision.amountGrantedOre), input.round.reportingTiers),
    dueAt: reportDueDate(input.round.timings.reportDue, {
      decidedAt: new Date(decision.decidedAt),
      activityEnd: patched('deadline-end-of-day') ? endOfDayIn(activityEndDate, DANISH_TIME_ZONE) : new Date(`${activityEndDate}T23:59:59Z`),
    }).toISOString(),
  };
}

/**
 * From when the report form is offered, for the terms; none for a round snapshot from before the
 * report window existed (the report is then open from the decision, as it was).
 */
function windowFor({ input, memory }: CaseContext, terms: ReportTerms): { opensAt?: string } {
  const opensBeforeDueMs = input.round.timings.reportOpensBeforeDueMs;
  if (opensBeforeDueMs === undefined) return {};
  return { opensAt: reportOpensAt({ activityEndDate: memory.activityEndDate ?? input.activityEndDate, dueAt: new Date(terms.dueAt), opensBeforeDueMs }).toISOString() };
}

/** The follow-up report child as the grant workflow drives it: started once, told when the decision changes. */
export interface ReportChild {
  readonly started: boolean;
  readonly running: boolean;
  /** A multi-year grant starts one child a year, each a new run under the case's report workflow id. */
  start(terms: ReportTerms, amountGrantedOre: number, grantYear?: GrantYear): Promise<void>;
  /** A changed decision sets the report anew (requirement, due date, amount). */
  setTerms(terms: ReportTerms, amountGrantedOre: number): Promise<void>;
  result(): Promise<unknown>;
}

export function reportChild(context: CaseContext): ReportChild {
  const { input, memory } = context;
  let handle: ChildWorkflowHandle<typeof followUpReport> | null = null;
  let finished = false;
  return {
    get started() {
      return handle !== null;
    },
    get running() {
      return handle !== null && !finished;
    },
    async start(terms, amountGrantedOre, grantYear) {
      handle = await startChild(followUpReport, {
        workflowId: reportWorkflowId(input.applicationId),
        args: [
          {
            applicationId: input.applicationId,
            parentWorkflowId: workflowInfo().workflowId,
            requirement: terms.requirement,
            dueAt: terms.dueAt,
            amountGrantedOre,
            ...windowFor(context, terms),
            assignee: memory.assignee,
            timings: input.round.timings,
            ...(grantYear ? { grantYear } : {}),
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
      if (handle && !finished) await handle.signal(reportTermsSignal, { ...terms, amountGrantedOre, ...windowFor(context, terms) });
    },
    async result() {
      return handle?.result();
    },
  };
}
