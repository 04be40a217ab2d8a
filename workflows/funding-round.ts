import { ApplicationFailure, allHandlersFinished, condition, getExternalWorkflowHandle, setHandler, sleep } from '@temporalio/workflow';
import { activities } from './activities';
import { grantApplicationWorkflowId } from '../domain/workflow-ids';
import {
  FAILURE_TYPES,
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
          throw ApplicationFailure.create({
            type: FAILURE_TYPES.notAllowed,
            message: `the allocation can be confirmed only once, after the round has closed; the round is ${state.status}`,
            details: [{ action: 'confirmAllocation', status: state.status }],
            nonRetryable: true,
          });
        }
        const inProposal = new Map(state.proposal.map((line) => [line.applicationId, line]));
        const total = decisions.reduce((sum, d) => sum + (d.outcome === 'rejected' ? 0 : d.amountGrantedOre), 0);
        const invalid = (message: string, field: string) =>
          ApplicationFailure.create({ type: FAILURE_TYPES.invalidInput, message, details: [{ field }], nonRetryable: true });
        if (total > state.budgetOre) throw invalid('The allocation exceeds the round’s budget', 'decisions');
        if (decisions.length !== inProposal.size || decisions.some((d) => !inProposal.has(d.applicationId))) {
          throw invalid('Decide every application of the allocation, and only those', 'decisions');
        }
        for (const d of decisions) {
          const requested = inProposal.get(d.applicationId)!.requestedOre;
          const full = d.outcome === 'approved' && d.amountGrantedOre === requested;
          const partial = d.outcome === 'partially_approved' && d.amountGrantedOre > 0 && d.amountGrantedOre < requested;
          const rejected = d.outcome === 'rejected' && d.amountGrantedOre === 0;
          if (!full && !partial && !rejected) throw invalid('An amount does not match its outcome', 'decisions');
          if (!full && d.reasons.criteria.length === 0 && !d.reasons.text.trim()) throw invalid('Every decision that does not grant everything needs reasons', 'reasons');
        }
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
