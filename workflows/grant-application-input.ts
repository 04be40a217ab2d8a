import type { RoundSnapshot } from '../domain/rounds';

export interface GrantApplicationInput {
  applicationId: string;
  amountRequestedOre: number;
  activityEndDate: string;
  round: RoundSnapshot;
}
