import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  executeChild,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { CaseActivities } from '../activities';
import { activities } from './activities';
import { BEFORE_DECISION, type CaseStatus } from '../domain/status';
import { reportWorkflowId } from '../domain/workflow-ids';
import { reportDueDate, reportRequirementFor } from '../domain/tiers';
import { decisionProblems } from '../domain/decision-rules';
import type { GrantApplicationInput } from './grant-application-input';
import { invalidInput, notAllowed, sameApprover } from './refusals';
import { followUpReport } from './follow-up-report';
import {
  allocationDecidedSignal,
  approvalUpdate,
  caseStateQuery,
  claimUpdate,
  decideSeparatelySignal,
  decideUpdate,
  releaseUpdate,
  reportStatusSignal,
  requestInformationUpdate,
  statusQuery,
  supplementSignal,
  timelineQuery,
  withdrawSignal,
  type TimelineEntry,
  type CaseAction,
  type CaseState,
  type ClaimInput,
  type ReleaseInput,
  type DecideInput,
  type OpenInformationRequest,
  type ProposedDecision,
  type Supplement,
} from './messages';

export type { GrantApplicationInput } from './grant-application-input';
export type { RoundSnapshot } from '../domain/rounds';

/** One grant application, from submission to a closed case. */
export async function grantApplication(input: GrantApplicationInput): Promise<CaseStatus> {
  const { applicationId, round } = input;
  const workflowId = workflowInfo().workflowId;
  const submittedAt = workflowInfo().startTime;

  let status = 'SUBMITTED' as CaseStatus;
  let assignee: string | null = null;
  let openRequest: OpenInformationRequest | null = null;
  let requestCount = 0;
  let answer: Supplement | null = null;
  let proposal: ProposedDecision | null = null;
  let decision: ProposedDecision | null = null;
  let decisionCount = 0;
  let withdrawal: { reason: string; at: string } | null = null;
  let slaBreached = false;
  // A deadline round's case its round's allocation did not decide: a caseworker decides it alone.
  let decidedSeparately = false;
  let eventCount = 0;
  const timeline: TimelineEntry[] = [{ type: 'submitted', from: null, to: 'SUBMITTED', actor: 'applicant', at: submittedAt.toISOString() }];

  // Activities that write the read model run one after another, in the order things happened,
  // even when an Update handler and the main flow both record something.
  let writes: Promise<unknown> = Promise.resolve();
  function inOrder<T>(write: () => Promise<T>): Promise<T> {
    const next = writes.then(write);
    writes = next.catch(() => undefined);
    return next;
  }

  function record(type: string, actor: string, to: CaseStatus = status, details: Record<string, unknown> = {}, assigneeChange?: { assignee: string | null }): Promise<unknown> {
    const from = status;
    status = to;
    eventCount += 1;
    const eventKey = `${workflowId}:${eventCount}`;
    const occurredAt = new Date().toISOString();
    timeline.push({ type, from, to, actor, at: occurredAt });
    return inOrder(() => activities.recordTransition({ eventKey, applicationId, type, from, to, actor, occurredAt, details, ...assigneeChange }));
  }

  const emailCounts: Record<string, number> = {};
  function email(kind: Parameters<CaseActivities['queueCaseEmail']>[0]['kind'], extra: Record<string, unknown> = {}, attachmentIds: string[] = []) {
    emailCounts[kind] = (emailCounts[kind] ?? 0) + 1;
    const messageKey = `${applicationId}:${kind}:${emailCounts[kind]}`;
    return inOrder(() => activities.queueCaseEmail({ messageKey, applicationId, kind, extra, attachmentIds }));
  }

  function allowedActions(): CaseAction[] {
    const actions: CaseAction[] = [];
    if (status === 'IN_QUEUE') actions.push('claim');
    if (status === 'IN_REVIEW') actions.push('claim', 'release', 'requestInformation');
    // In a deadline round the decision comes from the round's confirmed allocation, unless the
    // allocation left this case out: then it is decided on its own.
    if (status === 'IN_REVIEW' && (round.mode === 'continuous' || decidedSeparately)) actions.push('decide');
    if (status === 'AWAITING_APPROVAL') actions.push('approve');
    if (status === 'AWAITING_APPLICANT') actions.push('supplement');
    if (BEFORE_DECISION.includes(status) && !withdrawal) actions.push('withdraw');
    return actions;
  }

  function caseState(): CaseState {
    return { status, assignee, openRequest, proposal, decision, slaBreached, decidedSeparately, allowedActions: allowedActions() };
  }

  function requireAction(action: CaseAction): void {
    if (withdrawal || !allowedActions().includes(action)) throw notAllowed(action, status);
  }

  setHandler(statusQuery, () => status);
  setHandler(caseStateQuery, caseState);
  setHandler(timelineQuery, () => timeline);

  setHandler(withdrawSignal, (request) => {
    if (BEFORE_DECISION.includes(status) && !withdrawal) withdrawal = request;
  });

  setHandler(supplementSignal, (supplement) => {
    if (openRequest && supplement.requestSequence === openRequest.sequence && !answer) answer = supplement;
  });

  /** Once, when the round's allocation leaves the case out: it is then decided on its own. */
  async function decideSeparately(reason: 'not_ready_at_close' | 'not_ready_at_allocation'): Promise<void> {
    if (decidedSeparately || decision || withdrawal || !BEFORE_DECISION.includes(status)) return;
    decidedSeparately = true;
    await record('outside_allocation', 'system', status, { reason });
  }

  setHandler(decideSeparatelySignal, () => decideSeparately('not_ready_at_close'));

  setHandler(allocationDecidedSignal, async (allocation) => {
    if (withdrawal || decision) return;
    if (status !== 'IN_QUEUE' && status !== 'IN_REVIEW') {
      // Waiting for the association when the allocation came: decided on its own once it is ready.
      if (patched('allocation-missed-decided-separately')) await decideSeparately('not_ready_at_allocation');
      return;
    }
    decisionCount += 1;
    const allocated: ProposedDecision = {
      sequence: decisionCount,
      outcome: allocation.outcome,
      amountGrantedOre: allocation.amountGrantedOre,
      reasons: allocation.reasons,
      conditions: [],
      decidedBy: allocation.decidedBy,
      decidedAt: allocation.at,
      needsApproval: allocation.approvedBy !== undefined,
    };
    decision = allocated;
    const recorded = record('decided', allocation.decidedBy, 'DECIDED', { sequence: allocated.sequence, outcome: allocated.outcome, allocation: true });
    await inOrder(() => activities.saveDecision({ applicationId, decision: allocated }));
    const approvedBy = allocation.approvedBy;
    if (approvedBy !== undefined) {
      await inOrder(() => activities.recordApproval({ applicationId, sequence: allocated.sequence, approver: approvedBy, approve: true, comment: null, at: allocation.at }));
    }
    await recorded;
  });

  setHandler(reportStatusSignal, ({ status: reportStatus }) => {
    timeline.push({ type: 'report_status_changed', from: status, to: reportStatus, actor: 'system', at: new Date().toISOString() });
    status = reportStatus;
  });

  setHandler(
    claimUpdate,
    async ({ caseworker, assignee: to }) => {
      assignee = to ?? caseworker;
      await record(status === 'IN_QUEUE' ? 'claimed' : 'reassigned', caseworker, 'IN_REVIEW', { assignee }, { assignee });
      return caseState();
    },
    { validator: (_claim: ClaimInput) => requireAction('claim') },
  );

  setHandler(
    releaseUpdate,
    async ({ caseworker }) => {
      assignee = null;
      await record('released', caseworker, 'IN_QUEUE', {}, { assignee: null });
      return caseState();
    },
    { validator: (_release: ReleaseInput) => requireAction('release') },
  );

  setHandler(
    requestInformationUpdate,
    async ({ caseworker, items, message }) => {
      await askApplicant(caseworker, items, message);
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
    decideUpdate,
    async (decide) => {
      decisionCount += 1;
      const proposed: ProposedDecision = {
        sequence: decisionCount,
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
        proposal = proposed;
        await record('decision_proposed', decide.caseworker, 'AWAITING_APPROVAL', { sequence: proposed.sequence, outcome: proposed.outcome });
      } else {
        decision = proposed;
        await record('decided', decide.caseworker, 'DECIDED', { sequence: proposed.sequence, outcome: proposed.outcome });
      }
      return caseState();
    },
    { validator: (decide) => validateDecision(decide) },
  );

  setHandler(
    approvalUpdate,
    async ({ approver, approve, comment }) => {
      const proposed = proposal!;
      proposal = null;
      await inOrder(() =>
        activities.recordApproval({ applicationId, sequence: proposed.sequence, approver, approve, comment: comment ?? null, at: new Date().toISOString() }),
      );
      if (approve) {
        decision = proposed;
        await record('decision_approved', approver, 'DECIDED', { sequence: proposed.sequence, outcome: proposed.outcome });
      } else {
        await record('decision_returned', approver, 'IN_REVIEW', { sequence: proposed.sequence, comment });
      }
      return caseState();
    },
    {
      validator: ({ approver, approve, comment }) => {
        requireAction('approve');
        if (proposal && proposal.decidedBy === approver) {
          throw sameApprover();
        }
        if (!approve && !comment?.trim()) throw invalidInput({ field: 'comment', messageKey: 'errors.approval.commentRequired' });
      },
    },
  );

  function validateDecision({ outcome, amountGrantedOre, reasons }: DecideInput): void {
    requireAction('decide');
    const [problem] = decisionProblems({ outcome, amountRequestedOre: input.amountRequestedOre, amountGrantedOre, reasons }, 'codes');
    if (problem) throw invalidInput(problem);
  }

  async function askApplicant(requestedBy: string, items: string[], message: string): Promise<void> {
    requestCount += 1;
    answer = null;
    const sequence = requestCount;
    const createdAt = new Date();
    openRequest = { sequence, requestedBy, items, message, answerBy: new Date(createdAt.getTime() + round.timings.answerDeadlineMs).toISOString() };
    const request = openRequest;
    await inOrder(() => activities.createInformationRequest({ applicationId, ...request, createdAt: createdAt.toISOString() }));
    await record('information_requested', requestedBy, 'AWAITING_APPLICANT', { sequence, items });
    await email('information_request', { sequence });
  }

  /** Waits for the applicant's answer with reminders; no answer by the deadline lapses the case. */
  async function awaitAnswer(request: OpenInformationRequest): Promise<'answered' | 'withdrawn' | 'lapsed'> {
    const requestedAt = Date.parse(request.answerBy) - round.timings.answerDeadlineMs;
    for (const offset of round.timings.answerRemindersMs) {
      if (offset >= round.timings.answerDeadlineMs) break;
      const wait = Math.max(0, requestedAt + offset - Date.now());
      if (await condition(() => answer !== null || withdrawal !== null, wait)) break;
      await record('information_reminder_sent', 'system', status, { sequence: request.sequence });
      await email('information_reminder', { sequence: request.sequence });
    }
    const untilDeadline = Math.max(0, Date.parse(request.answerBy) - Date.now());
    await condition(() => answer !== null || withdrawal !== null, untilDeadline);
    if (withdrawal) return 'withdrawn';
    if (!answer) {
      await inOrder(() => activities.markInformationRequestLapsed({ applicationId, sequence: request.sequence, at: new Date().toISOString() }));
      await record('lapsed', 'system', 'LAPSED', { sequence: request.sequence });
      await email('lapsed');
      return 'lapsed';
    }
    const received = answer;
    await inOrder(() => activities.saveSupplement({ applicationId, supplement: received }));
    openRequest = null;
    await record('information_received', 'applicant', 'IN_QUEUE', { sequence: request.sequence, documents: received.documentIds.length });
    return 'answered';
  }

  async function withdraw(): Promise<CaseStatus> {
    await condition(allHandlersFinished);
    await record('withdrawn', 'applicant', 'WITHDRAWN', { reason: withdrawal?.reason ?? '' });
    await email('withdrawn');
    return status;
  }

  // --- The process ---------------------------------------------------------------------------
  await email('receipt');
  await record('screening_started', 'system', 'SCREENING');
  const screening = await inOrder(() => activities.screenApplication({ applicationId, screeningKey: `${workflowId}:screening:1` }));

  if (screening.lateSubmission) {
    decisionCount += 1;
    decision = {
      sequence: decisionCount,
      outcome: 'rejected',
      amountGrantedOre: 0,
      reasons: { criteria: ['late_submission'], text: '' },
      conditions: [],
      decidedBy: 'system',
      decidedAt: new Date().toISOString(),
      needsApproval: false,
    };
    const late = decision;
    await inOrder(() => activities.saveDecision({ applicationId, decision: late }));
    await record('decided', 'system', 'DECIDED', { sequence: late.sequence, outcome: 'rejected', automatic: true });
  } else if (screening.missingItems.length > 0) {
    await askApplicant('system', screening.missingItems, '');
  } else {
    await record('queued', 'system', 'IN_QUEUE');
  }

  // The decision target runs from submission; passing it is recorded once, for the approver's
  // overview and the statistics.
  const slaDeadline = submittedAt.getTime() + round.timings.decisionTargetMs;

  while (status !== 'DECIDED') {
    if (withdrawal) return withdraw();
    if (status === 'AWAITING_APPLICANT' && openRequest) {
      const outcome = await awaitAnswer(openRequest);
      if (outcome === 'lapsed') {
        await condition(allHandlersFinished);
        return status;
      }
      continue;
    }
    const before = status;
    const stateChanged = () => status !== before || withdrawal !== null;
    if (slaBreached) {
      await condition(stateChanged);
    } else if (!(await condition(stateChanged, Math.max(0, slaDeadline - Date.now())))) {
      slaBreached = true;
      await record('sla_breached', 'system', status, { targetMs: round.timings.decisionTargetMs });
    }
  }
  await condition(allHandlersFinished);
  await writes;

  // --- Decided: letter, payout, follow-up report ----------------------------------------------
  const final = decision!;
  const granted = final.outcome !== 'rejected';
  const payoutDate = new Date(Date.now() + round.timings.payoutAfterMs).toISOString().slice(0, 10);
  const requirement = reportRequirementFor(BigInt(final.amountGrantedOre), round.reportingTiers);
  const dueAt = reportDueDate(round.timings.reportDue, {
    decidedAt: new Date(final.decidedAt),
    activityEnd: new Date(`${input.activityEndDate}T23:59:59Z`),
  }).toISOString();

  const letter = await inOrder(() =>
    activities.storeDecisionLetter({
      applicationId,
      decisionSequence: final.sequence,
      ...(granted ? { payoutDate, reporting: { requirement, dueAt } } : {}),
    }),
  );
  if (granted) await inOrder(() => activities.registerPayout({ applicationId, amountOre: final.amountGrantedOre, scheduledFor: payoutDate }));
  // After the payout is registered, so the email can tell when the money arrives.
  await email('decision', { outcome: final.outcome, amountGrantedOre: final.amountGrantedOre }, [letter.documentId]);
  if (!granted) return status;
  await record('paid', 'system', 'PAID', { amountOre: final.amountGrantedOre, scheduledFor: payoutDate });

  await executeChild(followUpReport, {
    workflowId: reportWorkflowId(applicationId),
    args: [
      {
        applicationId,
        parentWorkflowId: workflowId,
        requirement,
        dueAt,
        amountGrantedOre: final.amountGrantedOre,
        assignee,
        timings: round.timings,
      },
    ],
    parentClosePolicy: ParentClosePolicy.ABANDON,
  });
  status = 'CLOSED';
  return status;
}
