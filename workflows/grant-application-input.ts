import type { RoundSnapshot } from '../domain/rounds';

export interface GrantApplicationInput {
  applicationId: string;
  amountRequestedOre: number;
  activityEndDate: string;
  round: RoundSnapshot;
  /** The association's CVR, for the declared-ties check (absent in cases started before it). */
  organizationCvr?: string;
}
