import { allHandlersFinished, condition, patched, setHandler } from '@temporalio/workflow';
import { DANISH_TIME_ZONE, deadlineAfter } from '../domain/time-zone';
import { decisionProblems } from '../domain/decision-rules';
import { answerReasonsProblems, answersAllowed, payoutDifferenceOre } from '../domain/reconsideration';
import type { CaseStatus } from '../domain/status';
import { activities } from './activities';
import type { CaseContext } from './case-journal';
import { letterYears, replannedGrantYears } from './grant-years';
import { statusAfterPayoutAdjustment } from './payout';
import {
  answerReconsiderationUpdate,
  applicantActor,
  registerBoardDecisionUpdate,
  requestReconsiderationUpdate,
  type BoardDecisionInput,
  type CaseAction,
  type CaseState,
  type ChangedDecisionInput,
  type DecisionReasons,
  type OpenReconsideration,
  type ProposedDecision,
  type ReconsiderationAnswerInput,
} from './messages';
import { invalidInput, notAllowed } from './refusals';
import { reportTermsFor, type ReportChild } from './report-child';

// After a decision the association may, within the round's period, ask for it to be reconsidered
// (in a Norwegian case: complain). A caseworker upholds it with reasons, or changes it (a new
// decision, its own letter, the payout difference, the report set anew); a klage the municipality
// does not grant goes to the klagenemnd, whose decision a caseworker registers.

/** What the association and the caseworkers may do about reconsideration right now. */
export function reconsiderationActions({ memory }: CaseContext): CaseAction[] {
  const open = memory.reconsideration;
  if (!open) {
    const until = memory.reconsiderableUntil;
    return until && Date.now() < Date.parse(until) ? ['requestReconsideration'] : [];
  }
  if (memory.reconsiderationStep || memory.proposal) return [];
  return [open.stage === 'requested' ? 'answerReconsideration' : 'registerBoardDecision'];
}

/** The Updates of reconsideration; the validators refuse what the state or the rules do not allow. */
export function installReconsiderationHandlers(context: CaseContext, caseState: () => CaseState, requireAction: (action: CaseAction) => void): void {
  const { input, memory, journal } = context;

  function checkChangedDecision(decision: ChangedDecisionInput | undefined, reasons: DecisionReasons): void {
    if (!decision) throw invalidInput({ field: 'outcome', messageKey: 'errors.reconsideration.newDecisionRequired' });
    // Reconsideration at the association's request does not take a grant away: that would be a new case.
    if (decision.outcome === 'rejected' && memory.decision?.outcome !== 'rejected') {
      throw invalidInput({ field: 'outcome', messageKey: 'errors.reconsideration.noRefusalOfGrant' });
    }
    const amountGrantedOre = decision.outcome === 'rejected' ? 0 : decision.amountGrantedOre;
    const [problem] = decisionProblems({ outcome: decision.outcome, amountRequestedOre: input.amountRequestedOre, amountGrantedOre, reasons }, 'codes');
    if (problem) throw invalidInput(problem);
  }

  setHandler(
    requestReconsiderationUpdate,
    async ({ procedure, reasons, documentIds, at, enteredBy }) => {
      memory.reconsiderationCount += 1;
      const open: OpenReconsideration = {
        sequence: memory.reconsiderationCount,
        procedure,
        decisionSequence: memory.decision!.sequence,
        requestedAt: at,
        stage: 'requested',
        answersAllowed: answersAllowed(procedure),
      };
      memory.reconsideration = open;
      memory.statusBeforeReconsideration = memory.status;
      await journal.inOrder(() => activities.saveReconsiderationRequest({ applicationId: input.applicationId, ...open, reasons, documentIds }));
      await journal.record('reconsideration_requested', applicantActor({ enteredBy }), 'RECONSIDERATION_REQUESTED', { sequence: open.sequence, procedure, documents: documentIds.length });
      await journal.email('reconsideration_received', { sequence: open.sequence });
      return caseState();
    },
    {
      validator: ({ reasons }) => {
        requireAction('requestReconsideration');
        if (!reasons.trim()) throw invalidInput({ field: 'reasons', messageKey: 'errors.reconsideration.reasonsRequired' });
      },
    },
  );

  setHandler(
    answerReconsiderationUpdate,
    async (answer) => {
      memory.reconsiderationStep = { kind: 'answer', input: answer };
      await condition(() => memory.reconsiderationStep === null);
      return caseState();
    },
    {
      validator: ({ answer, reasons, decision }) => {
        requireAction('answerReconsideration');
        if (!memory.reconsideration!.answersAllowed.includes(answer)) throw invalidInput({ field: 'answer', messageKey: 'errors.reconsideration.answerNotAllowed' });
        if (answer === 'change') return checkChangedDecision(decision, reasons);
        const [problem] = answerReasonsProblems(reasons);
        if (problem) throw invalidInput(problem);
      },
    },
  );

  setHandler(
    registerBoardDecisionUpdate,
    async (board) => {
      memory.reconsiderationStep = { kind: 'board', input: board };
      await condition(() => memory.reconsiderationStep === null);
      return caseState();
    },
    {
      validator: ({ boardOutcome, text, decision }) => {
        requireAction('registerBoardDecision');
        if (!text.trim()) throw invalidInput({ field: 'text', messageKey: 'errors.reconsideration.boardTextRequired' });
        if (boardOutcome === 'changed') checkChangedDecision(decision, { criteria: [], text });
      },
    },
  );
}

/**
 * The reconsideration period: open from now for the round's period, and again from every changed
 * decision; it waits for requests and carries out the caseworkers' answers. A klagenemnd's
 * decision is final and closes the period.
 */
export async function reconsiderationPeriod(context: CaseContext, report: ReportChild): Promise<void> {
  const { input, memory } = context;
  const periodMs = input.round.timings.reconsiderationPeriodMs;
  // A period of whole days ends as its last day ends, as the letter's "senest <dato>" says.
  const endOfDay = patched('reconsideration-end-of-day');
  const periodEnd = () => (endOfDay ? deadlineAfter(new Date(), periodMs, DANISH_TIME_ZONE) : new Date(Date.now() + periodMs)).toISOString();
  memory.reconsiderableUntil = periodEnd();
  for (;;) {
    const open = memory.reconsideration;
    if (!open) {
      const remaining = Date.parse(memory.reconsiderableUntil ?? '') - Date.now();
      if (!(remaining > 0) || !(await condition(() => memory.reconsideration !== null, remaining))) break;
      continue;
    }
    await condition(() => memory.reconsiderationStep !== null);
    const step = memory.reconsiderationStep!;
    const settled = step.kind === 'answer' ? await carryOutAnswer(context, report, open, step.input) : await carryOutBoardDecision(context, report, open, step.input);
    if (settled === 'changed') memory.reconsiderableUntil = periodEnd();
    if (settled === 'final') memory.reconsiderableUntil = new Date(Date.now()).toISOString();
    memory.reconsiderationStep = null;
  }
  // reconsiderableUntil stays: it tells when the period ended.
  await condition(allHandlersFinished);
}

type Settled = 'open' | 'upheld' | 'changed' | 'final';

async function carryOutAnswer(context: CaseContext, report: ReportChild, open: OpenReconsideration, answer: ReconsiderationAnswerInput): Promise<Settled> {
  const { input, memory, journal } = context;
  const { applicationId } = input;
  const base = { applicationId, sequence: open.sequence, answeredBy: answer.caseworker, answeredAt: new Date().toISOString() };
  if (answer.answer === 'change') {
    const change = { ...answer.decision!, reasons: answer.reasons, decidedBy: answer.caseworker, basis: open.procedure === 'klage' ? ('fvl33' as const) : ('reconsideration' as const) };
    // Above the round's four-eyes threshold a changed grant needs a second signature, as any decision does.
    const previous = memory.decision!;
    let approved: ProposedDecision | null = null;
    if (change.outcome !== 'rejected' && change.amountGrantedOre > input.round.fourEyesThresholdOre) {
      approved = await secondSignature(context, change);
      if (!approved) return 'open';
    }
    const changed = await changeDecision(context, report, { ...change, previous, ...(approved ? { approved } : {}) });
    await journal.inOrder(() => activities.recordReconsiderationAnswer({ ...base, outcome: 'changed', answerReasons: answer.reasons, newDecisionSequence: changed.sequence }));
    close(context);
    return 'changed';
  }
  const outcome = answer.answer === 'uphold' ? 'upheld' : 'forwarded';
  await journal.inOrder(() => activities.recordReconsiderationAnswer({ ...base, outcome, answerReasons: answer.reasons }));
  const letter = await journal.inOrder(() => activities.storeReconsiderationLetter({ applicationId, sequence: open.sequence, kind: outcome }));
  if (outcome === 'upheld') {
    await journal.record('reconsideration_upheld', answer.caseworker, resumeStatus(memory), { sequence: open.sequence });
    await journal.email('reconsideration_upheld', { sequence: open.sequence }, [letter.documentId]);
    close(context);
    return 'upheld';
  }
  open.stage = 'forwarded';
  await journal.record('reconsideration_forwarded', answer.caseworker, 'FORWARDED_TO_APPEALS_BOARD', { sequence: open.sequence });
  await journal.email('reconsideration_forwarded', { sequence: open.sequence }, [letter.documentId]);
  return 'open';
}

async function carryOutBoardDecision(context: CaseContext, report: ReportChild, open: OpenReconsideration, board: BoardDecisionInput): Promise<Settled> {
  const { input, memory, journal } = context;
  const { applicationId } = input;
  const registered = { applicationId, sequence: open.sequence, boardOutcome: board.boardOutcome, decidedOn: board.decidedOn, text: board.text, registeredBy: board.caseworker, at: new Date().toISOString() };
  if (board.boardOutcome === 'changed') {
    const changed = await changeDecision(context, report, { ...board.decision!, reasons: { criteria: [], text: board.text }, decidedBy: board.caseworker, basis: 'board', boardDecidedOn: board.decidedOn });
    await journal.inOrder(() => activities.recordBoardDecision({ ...registered, newDecisionSequence: changed.sequence }));
  } else {
    await journal.inOrder(() => activities.recordBoardDecision(registered));
    const letter = await journal.inOrder(() => activities.storeReconsiderationLetter({ applicationId, sequence: open.sequence, kind: 'board_upheld' }));
    await journal.record('appeals_board_decision_registered', board.caseworker, resumeStatus(memory), { sequence: open.sequence, boardOutcome: 'upheld', decidedOn: board.decidedOn });
    await journal.email('appeals_board_decision', { sequence: open.sequence }, [letter.documentId]);
  }
  close(context);
  return 'final';
}

function resumeStatus(memory: CaseContext['memory']): CaseStatus {
  return memory.statusBeforeReconsideration ?? 'DECIDED';
}

function close({ memory }: CaseContext): void {
  memory.reconsideration = null;
  memory.statusBeforeReconsideration = null;
}

type ChangeBasis = 'reconsideration' | 'fvl33' | 'board';
type ChangeInput = ChangedDecisionInput & { reasons: DecisionReasons; decidedBy: string; basis: ChangeBasis; boardDecidedOn?: string };

function proposedChange(memory: CaseContext['memory'], change: ChangeInput, needsApproval: boolean): ProposedDecision {
  memory.decisionCount += 1;
  const granted = change.outcome !== 'rejected';
  return {
    sequence: memory.decisionCount,
    outcome: change.outcome,
    amountGrantedOre: granted ? change.amountGrantedOre : 0,
    reasons: change.reasons,
    conditions: change.conditions,
    decidedBy: change.decidedBy,
    decidedAt: new Date().toISOString(),
    needsApproval,
  };
}

/**
 * Proposes the changed decision for a second signature (the approvals page and the approval
 * Update, as for any decision) and waits for it. The caseworker's answer returns at once; a
 * returned proposal leaves the request open for another answer.
 */
async function secondSignature(context: CaseContext, change: ChangeInput): Promise<ProposedDecision | null> {
  const { input, memory, journal } = context;
  const proposal = proposedChange(memory, change, true);
  await journal.inOrder(() => activities.saveDecision({ applicationId: input.applicationId, decision: proposal }));
  memory.proposal = proposal;
  await journal.record('decision_proposed', change.decidedBy, 'AWAITING_APPROVAL', { sequence: proposal.sequence, outcome: proposal.outcome, reconsideration: memory.reconsideration?.sequence });
  memory.reconsiderationStep = null;
  await condition(() => memory.status !== 'AWAITING_APPROVAL');
  await condition(allHandlersFinished);
  return memory.decision?.sequence === proposal.sequence ? proposal : null;
}

/** A new decision replaces the one asked about: its letter, the payout difference, the report set anew. */
async function changeDecision(
  context: CaseContext,
  report: ReportChild,
  change: ChangeInput & { approved?: ProposedDecision; previous?: ProposedDecision },
): Promise<ProposedDecision> {
  const { input, memory, journal } = context;
  const { applicationId, round } = input;
  const previous = change.previous ?? memory.decision!;
  const granted = change.outcome !== 'rejected';
  // An approved proposal is already saved and approved; otherwise the change is decided now.
  const decision: ProposedDecision = change.approved ?? proposedChange(memory, change, false);
  if (!change.approved) await journal.inOrder(() => activities.saveDecision({ applicationId, decision }));
  memory.decision = decision;
  const basis = { basis: change.basis, previousSequence: previous.sequence, ...(change.boardDecidedOn ? { boardDecidedOn: change.boardDecidedOn } : {}) };
  await journal.record('decision_changed', change.decidedBy, 'DECIDED', { sequence: decision.sequence, outcome: decision.outcome, ...basis });

  let differenceOre = payoutDifferenceOre(previous.amountGrantedOre, decision.amountGrantedOre);
  const payoutDate = new Date(Date.now() + round.timings.payoutAfterMs).toISOString().slice(0, 10);
  let terms = reportTermsFor(context, decision);
  // ── long-term grants: the first year's share is what has been paid; the years are set anew ──
  const years = memory.grantYearPlan && granted ? replannedGrantYears(memory.grantYearPlan, decision.amountGrantedOre, terms) : null;
  if (memory.grantYearPlan && !granted) differenceOre = -memory.grantYearPlan[0]!.amountOre;
  if (years) {
    differenceOre = years.firstYearDifferenceOre;
    terms = years.plan[0]!.terms;
  }
  memory.grantYearPlan = years?.plan ?? null;
  const letter = await journal.inOrder(() =>
    activities.storeDecisionLetter({
      applicationId,
      decisionSequence: decision.sequence,
      ...(granted ? { payoutDate, reporting: terms } : {}),
      ...(years ? { grantYears: letterYears(years.plan) } : {}),
      supersedes: { ...basis, differenceOre },
    }),
  );
  if (differenceOre !== 0) {
    await journal.inOrder(() => activities.registerPayout({ applicationId, amountOre: differenceOre, scheduledFor: payoutDate, decisionSequence: decision.sequence }));
  }
  await journal.email('decision', { outcome: decision.outcome, amountGrantedOre: decision.amountGrantedOre, decisionSequence: decision.sequence, differenceOre }, [letter.documentId]);
  if (differenceOre !== 0) await journal.record('payout_adjusted', 'system', statusAfterPayoutAdjustment(context, granted, differenceOre), { sequence: decision.sequence, differenceOre, scheduledFor: payoutDate });
  if (granted) {
    if (report.started) await report.setTerms(terms, years ? years.plan[0]!.amountOre : decision.amountGrantedOre);
    else await report.start(terms, decision.amountGrantedOre);
  }
  return decision;
}
