import { allHandlersFinished, condition, getExternalWorkflowHandle, patched, setHandler } from '@temporalio/workflow';
import type { CaseStatus } from '../domain/status';
import { reportWorkflowId } from '../domain/workflow-ids';
import { activities } from './activities';
import type { CaseContext } from './case-journal';
import { grantChangeProblems } from '../domain/grant-changes';
import { reportOpensAt } from '../domain/report-window';
import { DANISH_TIME_ZONE, calendarDateIn } from '../domain/time-zone';
import {
  applicantActor,
  decideGrantChangeUpdate,
  declineGrantUpdate,
  reportTermsSignal,
  requestGrantChangeUpdate,
  type CaseAction,
  type CaseState,
  type OpenGrantChange,
} from './messages';
import { invalidInput } from './refusals';
import { reportTermsFor } from './report-child';

// After the grant the association may ask to change the activity or its period (a caseworker
// approves or refuses with reasons and a letter; an approved period moves the report's due date),
// and may say no thank you to the grant while it is not yet paid: the payout is cancelled (or,
// once exported to finance, claimed back), the report no longer owed, the case closed as
// GRANT_DECLINED.

/** Cases decided before changes after the grant existed run to their end as they did. */
export const GRANT_CHANGES_PATCH = 'grant-changes';

/** Where a grant can still be declined: registered and not yet confirmed paid. */
const DECLINABLE: readonly CaseStatus[] = ['PAYOUT_SCHEDULED', 'REPORT_DUE'];

/** Where a change to the activity or its period can be asked for: granted, the report not yet sent. */
const CHANGEABLE: readonly CaseStatus[] = ['PAYOUT_SCHEDULED', 'PAID', 'REPORT_DUE'];

/** What the association, and the caseworker, may do about the grant right now. */
export function grantChangeActions({ memory }: CaseContext): CaseAction[] {
  const unpaid = memory.payoutConfirmedByFinance && memory.confirmedPayoutKeys.length === 0;
  const open = memory.grantChangesOpen && !memory.grantDeclined && !memory.reconsideration;
  const actions: CaseAction[] = [];
  if (open && unpaid && DECLINABLE.includes(memory.status)) actions.push('declineGrant');
  if (open && !memory.grantChange && CHANGEABLE.includes(memory.status)) actions.push('requestGrantChange');
  if (open && memory.grantChange) actions.push('decideGrantChange');
  return actions;
}

/** The activity's last day as the case now has it. */
function activityEndDate({ input, memory }: CaseContext): string {
  return memory.activityEndDate ?? input.activityEndDate;
}

/** The Updates of changes after the grant; the validators refuse what the state does not allow. */
export function installGrantChangeHandlers(context: CaseContext, caseState: () => CaseState, requireAction: (action: CaseAction) => void): void {
  const { input, memory, journal } = context;
  const { applicationId } = input;

  setHandler(
    declineGrantUpdate,
    async (decline) => {
      const { reasons } = decline;
      // The process after the decision stops here; see untilGrantDeclined.
      memory.grantDeclined = true;
      const { exportedOre } = await journal.inOrder(() => activities.cancelDeclinedPayout({ applicationId }));
      await cancelReport(applicationId);
      const amountGrantedOre = memory.decision?.amountGrantedOre ?? 0;
      await journal.record('grant_declined', applicantActor(decline), 'GRANT_DECLINED', { reasons, amountGrantedOre, payout: exportedOre > 0 ? 'claimed_back' : 'cancelled', exportedOre });
      await journal.email('grant_declined', { amountGrantedOre, exportedOre });
      return caseState();
    },
    {
      validator: ({ reasons }) => {
        requireAction('declineGrant');
        if (!reasons.trim()) throw invalidInput({ field: 'reasons', messageKey: 'errors.grantChanges.declineReasonsRequired' });
      },
    },
  );
}

/** The Updates of change requests: the association asks, a caseworker decides. */
export function installChangeRequestHandlers(context: CaseContext, caseState: () => CaseState, requireAction: (action: CaseAction) => void): void {
  const { input, memory, journal } = context;
  const { applicationId } = input;

  setHandler(
    requestGrantChangeUpdate,
    async ({ kind, activity, startDate, endDate, reasons, at, enteredBy }) => {
      memory.grantChangeCount += 1;
      const open: OpenGrantChange = { sequence: memory.grantChangeCount, kind, requestedAt: at, ...(kind === 'period' ? { startDate, endDate } : {}) };
      memory.grantChange = open;
      await journal.inOrder(() =>
        activities.saveGrantChangeRequest({ applicationId, sequence: open.sequence, kind, reasons, requestedAt: at, ...(kind === 'activity' ? { activity } : { startDate, endDate }) }),
      );
      await journal.record('change_requested', applicantActor({ enteredBy }), memory.status, { sequence: open.sequence, kind });
      return caseState();
    },
    {
      validator: (request) => {
        requireAction('requestGrantChange');
        const [problem] = grantChangeProblems(request, { activityEndDate: activityEndDate(context), today: calendarDateIn(new Date(), DANISH_TIME_ZONE) });
        if (problem) throw invalidInput(problem);
      },
    },
  );

  setHandler(
    decideGrantChangeUpdate,
    async ({ caseworker, approve, reasons }) => {
      const open = memory.grantChange!;
      const decidedAt = new Date().toISOString();
      const newPeriod = approve && open.kind === 'period' ? { startDate: open.startDate!, endDate: open.endDate! } : null;
      const terms = newPeriod ? reportTermsFor({ ...context, input: { ...input, activityEndDate: newPeriod.endDate } }, memory.decision!) : null;
      await journal.inOrder(() =>
        activities.recordGrantChangeDecision({ applicationId, sequence: open.sequence, approve, reasons, decidedBy: caseworker, decidedAt, ...(terms ? { newReportDueAt: terms.dueAt } : {}) }),
      );
      if (newPeriod && terms) {
        memory.activityEndDate = newPeriod.endDate;
        await moveReport(context, newPeriod.endDate, terms);
      }
      const letter = await journal.inOrder(() => activities.storeGrantChangeLetter({ applicationId, sequence: open.sequence }));
      memory.grantChange = null;
      await journal.record('change_decided', caseworker, memory.status, { sequence: open.sequence, kind: open.kind, outcome: approve ? 'approved' : 'refused', ...(terms ? { reportDueAt: terms.dueAt } : {}) });
      await journal.email('grant_change_decided', { sequence: open.sequence }, [letter.documentId]);
      return caseState();
    },
    {
      validator: ({ reasons }) => {
        requireAction('decideGrantChange');
        if (!reasons.trim()) throw invalidInput({ field: 'reasons', messageKey: 'errors.grantChanges.decisionReasonsRequired' });
      },
    },
  );
}

/** An approved new period sets the report still owed anew: its due date and the day its form opens. */
async function moveReport({ input, memory }: CaseContext, activityEnd: string, terms: { requirement: string; dueAt: string }): Promise<void> {
  const opensBeforeDueMs = input.round.timings.reportOpensBeforeDueMs;
  const opensAt = opensBeforeDueMs === undefined ? {} : { opensAt: reportOpensAt({ activityEndDate: activityEnd, dueAt: new Date(terms.dueAt), opensBeforeDueMs }).toISOString() };
  try {
    await getExternalWorkflowHandle(reportWorkflowId(input.applicationId)).signal(reportTermsSignal, { ...terms, amountGrantedOre: memory.decision?.amountGrantedOre ?? 0, ...opensAt });
  } catch {
    // The report already ended: there is nothing left to move.
  }
}

/** The report of a declined grant is no longer owed; a report child already ended has nothing to stop. */
async function cancelReport(applicationId: string): Promise<void> {
  try {
    await getExternalWorkflowHandle(reportWorkflowId(applicationId)).cancel();
  } catch {
    // Already closed: nothing to cancel.
  }
}

/**
 * Runs the rest of a granted case (the reconsideration period, the report) unless the association
 * declines the grant first; then the case ends as the decline left it.
 */
export async function untilGrantDeclined(context: CaseContext, rest: () => Promise<CaseStatus>): Promise<CaseStatus> {
  const { memory, journal } = context;
  if (!patched(GRANT_CHANGES_PATCH)) return rest();
  memory.grantChangesOpen = true;
  const declined = condition(() => memory.grantDeclined).then(async () => {
    await condition(allHandlersFinished);
    await journal.settled();
    return memory.status;
  });
  return Promise.race([rest(), declined]);
}
