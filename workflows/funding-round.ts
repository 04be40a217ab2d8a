import { allHandlersFinished, condition, getExternalWorkflowHandle, patched, setHandler, sleep } from '@temporalio/workflow';
import { activities } from './activities';
import { grantApplicationWorkflowId } from '../domain/workflow-ids';
import { DEFAULT_FOUR_EYES_THRESHOLD_ORE, allocationProblem, needsSecondSignature } from '../domain/allocation';
import { conflicted, invalidInput, notAllowed, sameApprover } from './refusals';
import { conflictingCvrs } from '../domain/inhabilitet';
import {
  allocationDecidedSignal,
  approveAllocationUpdate,
  confirmAllocationUpdate,
  decideSeparatelySignal,
  roundStateQuery,
  type ApproveAllocationInput,
  type ConfirmAllocationInput,
  type RoundState,
} from './messages';

export interface FundingRoundInput {
  roundId: string;
  closesAt: string;
  budgetOre: number;
  /** Absent in rounds started before allocations had four eyes: the default threshold applies. */
  fourEyesThresholdOre?: number;
}

/**
 * A deadline round: closes at its deadline, proposes an allocation, and fans out the decisions
 * once confirmed (by a second, different approver when any grant is above the four-eyes
 * threshold). Cases the allocation left out, because they were not ready, are then told to be
 * decided one by one, so no case of the round is left without a decision.
 */
export async function fundingRound(input: FundingRoundInput): Promise<RoundState> {
  const state: RoundState = {
    status: 'OPEN',
    closesAt: input.closesAt,
    budgetOre: input.budgetOre,
    fourEyesThresholdOre: input.fourEyesThresholdOre ?? null,
    proposal: [],
    decisions: [],
    confirmedBy: null,
    approvedBy: null,
    returned: null,
    outsideAllocation: [],
  };
  let confirmed: ConfirmAllocationInput | null = null;
  let secondSignature: ApproveAllocationInput | null = null;

  setHandler(roundStateQuery, () => state);
  /** Inhabilitet: an approver with a declared tie to any association in the round may not sign its allocation. */
  const refuseConflictedInRound = (declaredCvrs: string[] | undefined) => {
    if (conflictingCvrs(declaredCvrs, state.proposal.map((line) => line.organizationCvr)).length) throw conflicted('errors.tie.conflictedAllocation');
  };
  setHandler(
    confirmAllocationUpdate,
    async (confirmation) => {
      confirmed = confirmation;
      await condition(() => state.status === 'ALLOCATED' || state.status === 'AWAITING_APPROVAL');
      return state;
    },
    {
      validator: ({ decisions, declaredCvrs }: ConfirmAllocationInput) => {
        if (state.status !== 'CLOSED' || confirmed) {
          throw notAllowed('confirmAllocation', state.status, `the allocation can be confirmed only once, after the round has closed; the round is ${state.status}`);
        }
        refuseConflictedInRound(declaredCvrs);
        const problem = allocationProblem(decisions, state.proposal, state.budgetOre);
        if (problem) throw invalidInput(problem);
      },
    },
  );
  setHandler(
    approveAllocationUpdate,
    async (answer) => {
      secondSignature = answer;
      await condition(() => state.status !== 'AWAITING_APPROVAL');
      return state;
    },
    {
      validator: ({ approver, approve, comment, declaredCvrs }: ApproveAllocationInput) => {
        if (state.status !== 'AWAITING_APPROVAL' || secondSignature) {
          throw notAllowed('approveAllocation', state.status, `only an allocation awaiting its second signature can be approved; the round is ${state.status}`);
        }
        refuseConflictedInRound(declaredCvrs);
        if (approver === state.confirmedBy) throw sameApprover('errors.approval.sameAllocationApprover');
        if (!approve && !comment?.trim()) throw invalidInput({ field: 'comment', messageKey: 'errors.approval.commentRequired' });
      },
    },
  );

  await sleep(Math.max(0, Date.parse(input.closesAt) - Date.now()));
  state.proposal = await activities.proposeRoundAllocation({ roundId: input.roundId, budgetOre: input.budgetOre });
  state.status = 'CLOSED';

  const fourEyes = patched('allocation-four-eyes');
  const thresholdOre = input.fourEyesThresholdOre ?? DEFAULT_FOUR_EYES_THRESHOLD_ORE;
  let confirmation: ConfirmAllocationInput;
  for (;;) {
    await condition(() => confirmed !== null);
    confirmation = confirmed!;
    if (!fourEyes || !needsSecondSignature(confirmation.decisions, thresholdOre)) break;
    state.decisions = confirmation.decisions;
    state.confirmedBy = confirmation.approver;
    state.status = 'AWAITING_APPROVAL';
    await condition(() => secondSignature !== null);
    const answer: ApproveAllocationInput = secondSignature!;
    secondSignature = null;
    if (answer.approve) {
      state.approvedBy = answer.approver;
      break;
    }
    // Sent back: the allocation is closed again and waits for a new confirmation.
    state.returned = { by: answer.approver, comment: answer.comment?.trim() ?? '', at: new Date().toISOString() };
    state.decisions = [];
    state.confirmedBy = null;
    state.status = 'CLOSED';
    confirmed = null;
  }

  const at = new Date().toISOString();
  for (const decision of confirmation.decisions) {
    try {
      await getExternalWorkflowHandle(grantApplicationWorkflowId(decision.applicationId)).signal(allocationDecidedSignal, {
        ...decision,
        decidedBy: confirmation.approver,
        ...(state.approvedBy ? { approvedBy: state.approvedBy } : {}),
        at,
      });
    } catch {
      // The case was withdrawn (its process ended) after the round closed: the others still get theirs.
    }
  }
  state.decisions = confirmation.decisions;
  state.confirmedBy = confirmation.approver;
  state.status = 'ALLOCATED';

  if (patched('allocation-outside-cases')) {
    const allocated = confirmation.decisions.map((d) => d.applicationId);
    state.outsideAllocation = await activities.roundCasesOutsideAllocation({ roundId: input.roundId, allocated });
    for (const applicationId of state.outsideAllocation) {
      try {
        await getExternalWorkflowHandle(grantApplicationWorkflowId(applicationId)).signal(decideSeparatelySignal, { roundId: input.roundId, at });
      } catch {
        // The case ended (withdrawn, lapsed) between the query and the signal: nothing to decide.
      }
    }
  }
  await condition(allHandlersFinished);
  return state;
}
