// The Update and Query of a grant's acceptance before payout (workflows/acceptance.ts): the
// contract between the grant workflow and the API. Definitions and types only.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { SignedAcceptance } from '../domain/acceptance';
import type { EnteredBy } from './messages';

/** The signatory accepts the grant's conditions: the name they signed with and the signing provider's statement. */
export interface AcceptGrantInput extends EnteredBy {
  signerName: string;
  signed: SignedAcceptance;
}

/** The acceptance the case waits for, or waited for. */
export interface AcceptanceState {
  decisionSequence: number;
  acceptBy: string;
  /** The names of the people who may sign for the association. */
  signatories: string[];
  conditionsVersion: string;
  conditionsHash: string;
  acceptedAt: string | null;
  acceptedBy: string | null;
  lapsed: boolean;
}

export const acceptGrantUpdate = defineUpdate<AcceptanceState, [AcceptGrantInput]>('acceptGrant');
/** Null for a case whose grant needs no acceptance (or that has not reached it). */
export const acceptanceStateQuery = defineQuery<AcceptanceState | null>('acceptanceState');
