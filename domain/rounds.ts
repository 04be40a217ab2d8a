import { processSettingsSchema, toProcessTimings, type ProcessTimings } from './round-settings';
import { DEFAULT_REPORTING_TIERS, type ReportingTier } from './tiers';
import { reportingTiersSchema } from './tier-schemas';

/**
 * The columns of a funding round (Prisma's `FundingRound`) the snapshot reads. Named here rather
 * than imported, so the rules do not depend on the database client; a round row fits as it is.
 */
export interface RoundRecord {
  id: string;
  name: string;
  mode: 'continuous' | 'deadline';
  closesAt: Date | null;
  maxAmountOre: bigint;
  fourEyesThresholdOre: bigint;
  /** JSON column: validated here. */
  reportingTiers: unknown;
  /** JSON column: validated here. */
  processSettings: unknown;
  grantYears?: number;
}

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
  /** For how many years the round grants; absent for one year (and in snapshots from before long-term grants). */
  grantYears?: number;
}

/** The round's reporting tiers, or the defaults where the round has none of its own. */
export function roundReportingTiers(round: Pick<RoundRecord, 'reportingTiers'>): ReportingTier[] {
  const tiers = Array.isArray(round.reportingTiers) && round.reportingTiers.length > 0 ? round.reportingTiers : DEFAULT_REPORTING_TIERS;
  return reportingTiersSchema.parse(tiers) as ReportingTier[];
}

/** What a workflow keeps of its round: a later edit of the round does not change running cases. */
export function roundSnapshot(round: RoundRecord): RoundSnapshot {
  return {
    id: round.id,
    name: round.name,
    mode: round.mode,
    closesAt: round.closesAt?.toISOString() ?? null,
    maxAmountOre: Number(round.maxAmountOre),
    fourEyesThresholdOre: Number(round.fourEyesThresholdOre),
    reportingTiers: roundReportingTiers(round),
    timings: toProcessTimings(processSettingsSchema.parse(round.processSettings ?? {})),
    ...((round.grantYears ?? 1) > 1 ? { grantYears: round.grantYears } : {}),
  };
}
