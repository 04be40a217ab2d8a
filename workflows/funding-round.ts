import { allHandlersFinished, condition, getExternalWorkflowHandle, setHandler, sleep } from '@temporalio/workflow';
import { activities } from './activities';
import { grantApplicationWorkflowId } from '../domain/workflow-ids';
import { allocationProblem } from '../domain/allocation';
import { invalidInput, notAllowed } from './refusals';
import {
  allocationDecidedSignal,
  confirmAllocationUpdate,
  roundStateQuery,
  type ConfirmAllocationInput,
  type RoundState,
} from './messages';

export interface FundingRoundInput {
  roundId: string;
  closesAt: string;
  budgetOre: number;
}

/** A deadline round: closes at its deadline, proposes an allocation, fans out the confirmed decisions. */
export async function fundingRound(input: FundingRoundInput): Promise<RoundState> {
  const state: RoundState = { status: 'OPEN', closesAt: input.closesAt, budgetOre: input.budgetOre, proposal: [], confirmedBy: null };
  let confirmed: ConfirmAllocationInput | null = null;

  setHandler(roundStateQuery, () => state);
  setHandler(
    confirmAllocationUpdate,
    async (confirmation) => {
      confirmed = confirmation;
      await condition(() => state.status === 'ALLOCATED');
      return state;
    },
    {
      validator: ({ decisions }: ConfirmAllocationInput) => {
        if (state.status !== 'CLOSED' || confirmed) {
          throw notAllowed('confirmAllocation', state.status, `the allocation can be confirmed only once, after the round has closed; the round is ${state.status}`);
        }
        const problem = allocationProblem(decisions, state.proposal, state.budgetOre);
        if (problem) throw invalidInput(problem);
      },
    },
  );

  await sleep(Math.max(0, Date.parse(input.closesAt) - Date.now()));
  state.proposal = await activities.proposeRoundAllocation({ roundId: input.roundId, budgetOre: input.budgetOre });
  state.status = 'CLOSED';

  await condition(() => confirmed !== null);
  const confirmation = confirmed!;
  const at = new Date().toISOString();
  for (const decision of confirmation.decisions) {
    await getExternalWorkflowHandle(grantApplicationWorkflowId(decision.applicationId)).signal(allocationDecidedSignal, {
      ...decision,
      decidedBy: confirmation.approver,
      at,
    });
  }
  state.confirmedBy = confirmation.approver;
  state.status = 'ALLOCATED';
  await condition(allHandlersFinished);
  return state;
}
