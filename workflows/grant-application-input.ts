import type { ProcessTimings } from '../domain/round-settings';
import type { ReportingTier } from '../domain/tiers';

/** The round as it was when the application was submitted: later edits do not change a case. */
export interface RoundSnapshot {
  id: string;
  name: string;
  mode: 'continuous' | 'deadline';
  closesAt: string | null;
  maxAmountOre: number;
  fourEyesThresholdOre: number;
  reportingTiers: ReportingTier[];
  timings: ProcessTimings;
}

export interface GrantApplicationInput {
  applicationId: string;
  amountRequestedOre: number;
  activityEndDate: string;
  round: RoundSnapshot;
}
