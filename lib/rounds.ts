import type { FundingRound } from '../prisma/generated/client';
import { processSettingsSchema, toProcessTimings } from '../domain/round-settings';
import { DEFAULT_REPORTING_TIERS, type ReportingTier } from '../domain/tiers';
import { reportingTiersSchema } from '../domain/tier-schemas';
import type { RoundSnapshot } from '../workflows/grant-application';

/** The round's reporting tiers, or the defaults where the round has none of its own. */
export function roundReportingTiers(round: Pick<FundingRound, 'reportingTiers'>): ReportingTier[] {
  const tiers = Array.isArray(round.reportingTiers) && round.reportingTiers.length > 0 ? round.reportingTiers : DEFAULT_REPORTING_TIERS;
  return reportingTiersSchema.parse(tiers) as ReportingTier[];
}

/** What a workflow keeps of its round: a later edit of the round does not change running cases. */
export function roundSnapshot(round: FundingRound): RoundSnapshot {
  return {
    id: round.id,
    name: round.name,
    mode: round.mode,
    closesAt: round.closesAt?.toISOString() ?? null,
    maxAmountOre: Number(round.maxAmountOre),
    fourEyesThresholdOre: Number(round.fourEyesThresholdOre),
    reportingTiers: roundReportingTiers(round),
    timings: toProcessTimings(processSettingsSchema.parse(round.processSettings ?? {})),
  };
}
