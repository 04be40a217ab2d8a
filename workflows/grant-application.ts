import { allHandlersFinished, condition, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { activities } from './activities';
import { BEFORE_DECISION, type CaseStatus } from '../domain/status';
import { decisionProblems } from '../domain/decision-rules';
import type { GrantApplicationInput } from './grant-application-input';
import { conflicted, invalidInput, notAllowed, sameApprover } from './refusals';
import { isConflicted } from '../domain/inhabilitet';
import { caseJournal, newCaseMemory, type CaseContext } from './case-journal';
import { askApplicant, awaitAnswer } from './information-request';
import { awaitComments, sendConsultation, validateConsultation } from './consultation';
import { afterDecision } from './after-decision';
import { installReconsiderationHandlers, reconsiderationActions } from './reconsideration';
import { grantChangeActions, installChangeRequestHandlers, installGrantChangeHandlers } from './grant-changes';
import { payoutConfirmed } from './payout';
import { ARRIVAL_AS_LOCAL_ACTIVITY_PATCH, ARRIVAL_IN_ONE_STEP_PATCH, arrivalSettled, receiveApplication } from './arrival';
import type { ScreeningOutcome } from '../activities/screening';
import {
  allocationDecidedSignal,
  approvalUpdate,
  caseStateQuery,
  claimUpdate,
  decideSeparatelySignal,
  consultationCommentsSignal,
  consultUpdate,
  decideUpdate,
  payoutConfirmedSignal,
  releaseUpdate,
  reportStatusSignal,
  requestInformationUpdate,
  statusQuery,
  supplementSignal,
  timelineQuery,
  withdrawSignal,
  type CaseAction,
  type CaseState,
  type ClaimInput,
  type ReleaseInput,
  type DecideInput,
  type ProposedDecision,
  applicantActor,
} from './messages';

export type { GrantApplicationInput } from './grant-application-input';
export type { RoundSnapshot } from '../domain/rounds';

/** Cases that end since this wait for their signal handlers (e.g. the payment email) before they end. */
export const HANDLERS_BEFORE_END_PATCH = 'handlers-before-end';

/** One grant application, from submission to a closed case. */
export async function grantApplication(input: GrantApplicationInput): Promise<CaseStatus> {
  const { applicationId, round } = input;
  const workflowId = workflowInfo().workflowId;
  const submittedAt = workflowInfo().startTime;
  const memory = newCaseMemory();
  const journal = caseJournal(applicationId, memory);
  const { record, email, inOrder } = journal;
  const context: CaseContext = { input, memory, journal };
  // The arrival runs inside the case's first workflow task. A worker that dies after the arrival's
  // transaction committed (the queue already shows the case) but before the task completed leaves
  // the task to run again together with whatever came meanwhile: a claim waits for the arrival.
  if (patched(ARRIVAL_AS_LOCAL_ACTIVITY_PATCH)) memory.arriving = true;

  function allowedActions(): CaseAction[] {
    const { status, withdrawal } = memory;
    const actions: CaseAction[] = [];
    if (status === 'IN_QUEUE') actions.push('claim');
    if (status === 'IN_REVIEW') actions.push('claim', 'release', 'requestInformation', 'consult');
    // In a deadline round the decision comes from the round's confirmed allocation, unless the
    // allocation left this case out: then it is decided on its own.
    if (status === 'IN_REVIEW' && (round.mode === 'continuous' || memory.decidedSeparately)) actions.push('decide');
    if (status === 'AWAITING_APPROVAL') actions.push('approve');
    if (status === 'AWAITING_APPLICANT') actions.push('supplement');
    if (status === 'AWAITING_COMMENTS') actions.push('comment');
    // A changed decision awaiting its second signature is after the decision: no withdrawal then.
    if (BEFORE_DECISION.includes(status) && !withdrawal && !memory.decision) actions.push('withdraw');
    actions.push(...reconsiderationActions(context));
    actions.push(...grantChangeActions(context));
    return actions;
  }

  function caseState(): CaseState {
    const { status, assignee, openRequest, openConsultation, proposal, decision, slaBreached, decidedSeparately, reconsiderableUntil, reconsideration, grantChange } = memory;
    return { status, assignee, openRequest, openConsultation, proposal, decision, slaBreached, decidedSeparately, allowedActions: allowedActions(), reconsiderableUntil, reconsideration, grantChange };
  }

  function requireAction(action: CaseAction): void {
    if (memory.withdrawal || !allowedActions().includes(action)) throw notAllowed(action, memory.status);
  }

  setHandler(statusQuery, () => memory.status);
  setHandler(caseStateQuery, caseState);
  setHandler(timelineQuery, () => journal.timeline);

  setHandler(withdrawSignal, (request) => {
    if (BEFORE_DECISION.includes(memory.status) && !memory.withdrawal && !memory.decision) memory.withdrawal = request;
  });

  setHandler(supplementSignal, (supplement) => {
    if (memory.openRequest && supplement.requestSequence === memory.openRequest.sequence && !memory.answer) memory.answer = supplement;
  });

  setHandler(consultationCommentsSignal, (comments) => {
    if (memory.openConsultation && comments.consultationSequence === memory.openConsultation.sequence && !memory.comments) memory.comments = comments;
  });

  /** Once, when the round's allocation leaves the case out: it is then decided on its own. */
  async function decideSeparately(reason: 'not_ready_at_close' | 'not_ready_at_allocation'): Promise<void> {
    if (memory.decidedSeparately || memory.decision || memory.withdrawal || !BEFORE_DECISION.includes(memory.status)) return;
    memory.decidedSeparately = true;
    await record('outside_allocation', 'system', memory.status, { reason });
  }

  setHandler(decideSeparatelySignal, () => decideSeparately('not_ready_at_close'));

  setHandler(allocationDecidedSignal, async (allocation) => {
    await arrivalSettled(context);
    if (memory.withdrawal || memory.decision) return;
    if (memory.status !== 'IN_QUEUE' && memory.status !== 'IN_REVIEW') {
      // Waiting for the association when the allocation came: decided on its own once it is ready.
      if (patched('allocation-missed-decided-separately')) await decideSeparately('not_ready_at_allocation');
      return;
    }
    memory.decisionCount += 1;
    const allocated: ProposedDecision = {
      sequence: memory.decisionCount,
      outcome: allocation.outcome,
      amountGrantedOre: allocation.amountGrantedOre,
      reasons: allocation.reasons,
      conditions: [],
      decidedBy: allocation.decidedBy,
      decidedAt: allocation.at,
      needsApproval: allocation.approvedBy !== undefined,
    };
    memory.decision = allocated;
    const recorded = record('decided', allocation.decidedBy, 'DECIDED', { sequence: allocated.sequence, outcome: allocated.outcome, allocation: true });
    await inOrder(() => activities.saveDecision({ applicationId, decision: allocated }));
    const approvedBy = allocation.approvedBy;
    if (approvedBy !== undefined) {
      await inOrder(() => activities.recordApproval({ applicationId, sequence: allocated.sequence, approver: approvedBy, approve: true, comment: null, at: allocation.at }));
    }
    await recorded;
  });

  setHandler(reportStatusSignal, ({ status: reportStatus }) => {
    journal.timeline.push({ type: 'report_status_changed', from: memory.status, to: reportStatus, actor: 'system', at: new Date().toISOString() });
    // While a reconsideration waits for an answer the case shows that; the report's status returns after.
    if (memory.reconsideration && !memory.reconsiderationStep) memory.statusBeforeReconsideration = reportStatus;
    else memory.status = reportStatus;
  });
  setHandler(payoutConfirmedSignal, (confirmation) => payoutConfirmed(context, confirmation));
  installReconsiderationHandlers(context, caseState, requireAction);
  installGrantChangeHandlers(context, caseState, requireAction);
  installChangeRequestHandlers(context, caseState, requireAction);

  setHandler(
    claimUpdate,
    async ({ caseworker, assignee: to }) => {
      if (memory.arriving) {
        await arrivalSettled(context);
        requireAction('claim');
      }
      memory.assignee = to ?? caseworker;
      const assignee = memory.assignee;
      await record(memory.status === 'IN_QUEUE' ? 'claimed' : 'reassigned', caseworker, 'IN_REVIEW', { assignee }, { assignee });
      return caseState();
    },
    {
      validator: ({ declaredCvrs }: ClaimInput) => {
        // A case arriving may already stand in the queue to caseworkers: the handler checks once it has.
        if (!memory.arriving) requireAction('claim');
        refuseConflicted(declaredCvrs);
      },
    },
  );

  setHandler(
    releaseUpdate,
    async ({ caseworker }) => {
      memory.assignee = null;
      await record('released', caseworker, 'IN_QUEUE', {}, { assignee: null });
      return caseState();
    },
    { validator: (_release: ReleaseInput) => requireAction('release') },
  );

  setHandler(
    requestInformationUpdate,
    async ({ caseworker, items, message }) => {
      await askApplicant(context, caseworker, items, message);
      return caseState();
    },
    {
      validator: ({ items, message }) => {
        requireAction('requestInformation');
        if (items.length === 0 && !message.trim()) throw invalidInput({ field: 'items', messageKey: 'errors.request.sayWhatIsMissing' });
      },
    },
  );

  setHandler(
    consultUpdate,
    async (consult) => {
      await sendConsultation(context, consult);
      return caseState();
    },
    {
      validator: (consult) => {
        requireAction('consult');
        validateConsultation(context, consult);
      },
    },
  );

  setHandler(
    decideUpdate,
    async (decide) => {
      memory.decisionCount += 1;
      const proposed: ProposedDecision = {
        sequence: memory.decisionCount,
        outcome: decide.outcome,
        amountGrantedOre: decide.outcome === 'rejected' ? 0 : decide.amountGrantedOre,
        reasons: decide.reasons,
        conditions: decide.conditions,
        decidedBy: decide.caseworker,
        decidedAt: new Date().toISOString(),
        needsApproval: decide.outcome !== 'rejected' && decide.amountGrantedOre > round.fourEyesThresholdOre,
      };
      await inOrder(() => activities.saveDecision({ applicationId, decision: proposed }));
      if (proposed.needsApproval) {
        memory.proposal = proposed;
        await record('decision_proposed', decide.caseworker, 'AWAITING_APPROVAL', { sequence: proposed.sequence, outcome: proposed.outcome });
      } else {
        memory.decision = proposed;
        await record('decided', decide.caseworker, 'DECIDED', { sequence: proposed.sequence, outcome: proposed.outcome });
      }
      return caseState();
    },
    { validator: (decide) => validateDecision(decide) },
  );

  setHandler(
    approvalUpdate,
    async ({ approver, approve, comment }) => {
      const proposed = memory.proposal!;
      memory.proposal = null;
      await inOrder(() =>
        activities.recordApproval({ applicationId, sequence: proposed.sequence, approver, approve, comment: comment ?? null, at: new Date().toISOString() }),
      );
      if (approve) {
        memory.decision = proposed;
        await record('decision_approved', approver, 'DECIDED', { sequence: proposed.sequence, outcome: proposed.outcome });
      } else {
        // A changed decision sent back leaves the request for reconsideration open for another answer.
        await record('decision_returned', approver, memory.reconsideration ? 'RECONSIDERATION_REQUESTED' : 'IN_REVIEW', { sequence: proposed.sequence, comment });
      }
      return caseState();
    },
    {
      validator: ({ approver, approve, comment, declaredCvrs }) => {
        requireAction('approve');
        refuseConflicted(declaredCvrs);
        if (memory.proposal && memory.proposal.decidedBy === approver) {
          throw sameApprover();
        }
        if (!approve && !comment?.trim()) throw invalidInput({ field: 'comment', messageKey: 'errors.approval.commentRequired' });
      },
    },
  );

  /** Inhabilitet: a declared tie to the association bars the acting staff member. */
  function refuseConflicted(declaredCvrs: string[] | undefined): void {
    if (isConflicted(declaredCvrs, input.organizationCvr)) throw conflicted();
  }

  function validateDecision({ outcome, amountGrantedOre, reasons, declaredCvrs }: DecideInput): void {
    requireAction('decide');
    refuseConflicted(declaredCvrs);
    const [problem] = decisionProblems({ outcome, amountRequestedOre: input.amountRequestedOre, amountGrantedOre, reasons }, 'codes');
    if (problem) throw invalidInput(problem);
  }

  async function withdraw(): Promise<CaseStatus> {
    await condition(allHandlersFinished);
    await record('withdrawn', applicantActor(memory.withdrawal), 'WITHDRAWN', { reason: memory.withdrawal?.reason ?? '' });
    await email('withdrawn');
    return memory.status;
  }

  /** How cases started before the one-step arrival began: four activities, one after another. */
  async function screenStepByStep(): Promise<ScreeningOutcome & { queuedAt?: string }> {
    await email('receipt');
    await record('screening_started', 'system', 'SCREENING');
    return inOrder(() => activities.screenApplication({ applicationId, screeningKey: `${workflowId}:screening:1` }));
  }

  // --- The process ---------------------------------------------------------------------------
  const screening = patched(ARRIVAL_IN_ONE_STEP_PATCH) ? await receiveApplication(context) : await screenStepByStep();

  if (screening.lateSubmission) {
    // An afvisning: not assessed, so its own letter and email, and nothing after them.
    const afvisning = patched('late-submission-afvisning');
    memory.decisionCount += 1;
    memory.decision = {
      sequence: memory.decisionCount,
      outcome: 'rejected',
      amountGrantedOre: 0,
      reasons: { criteria: ['late_submission'], text: '' },
      conditions: [],
      decidedBy: 'system',
      decidedAt: new Date().toISOString(),
      needsApproval: false,
    };
    const late = memory.decision;
    await inOrder(() => activities.saveDecision({ applicationId, decision: late }));
    await record('decided', 'system', 'DECIDED', { sequence: late.sequence, outcome: 'rejected', automatic: true, ...(afvisning ? { afvisning: true } : {}) });
    if (afvisning) {
      const letter = await inOrder(() => activities.storeAfvisningLetter({ applicationId, decisionSequence: late.sequence }));
      await email('afvisning', {}, [letter.documentId]);
      await condition(allHandlersFinished);
      return memory.status;
    }
  } else if (screening.missingItems.length > 0) {
    await askApplicant(context, 'system', screening.missingItems, '');
  } else if (!screening.queuedAt) {
    await record('queued', 'system', 'IN_QUEUE');
  }

  // The decision target runs from submission; passing it is recorded once, for the approver's
  // overview and the statistics.
  const slaDeadline = submittedAt.getTime() + round.timings.decisionTargetMs;

  while (memory.status !== 'DECIDED') {
    if (memory.withdrawal) return withdraw();
    if (memory.status === 'AWAITING_APPLICANT' && memory.openRequest) {
      const outcome = await awaitAnswer(context, memory.openRequest);
      if (outcome === 'lapsed') {
        await condition(allHandlersFinished);
        return memory.status;
      }
      continue;
    }
    if (memory.status === 'AWAITING_COMMENTS' && memory.openConsultation) {
      await awaitComments(context, memory.openConsultation);
      continue;
    }
    const before = memory.status;
    const stateChanged = () => memory.status !== before || memory.withdrawal !== null;
    if (memory.slaBreached) {
      await condition(stateChanged);
    } else if (!(await condition(stateChanged, Math.max(0, slaDeadline - Date.now())))) {
      memory.slaBreached = true;
      await record('sla_breached', 'system', memory.status, { targetMs: round.timings.decisionTargetMs });
    }
  }
  await condition(allHandlersFinished);
  await journal.settled();

  const end = await afterDecision(context);
  // A signal handler may still be writing (a payout confirmed shortly before the report was
  // accepted, its email activity waiting for a retry after a worker died): finish it first.
  if (patched(HANDLERS_BEFORE_END_PATCH)) await condition(allHandlersFinished);
  return end;
}
