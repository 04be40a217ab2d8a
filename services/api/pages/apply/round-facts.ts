import type { Database } from '../../../../lib/db';
import { budgetCategoryLabel, documentKindName, formatKroner, t, type Language } from '../../../../locale';
import { roundReportingTiers } from '../../../../domain/rounds';
import { describeReportRequirement } from '../../../../documents/letter';
import { oreToKroner } from '../../../../domain/money';
import type { ReportingTier } from '../../../../domain/tiers';
import type { FundingRound } from '../../../../prisma/generated/client';

/** A budget category's name ("Løn"), from the texts screening uses to name excluded costs. */
export function categoryLabel(category: string, language: Language): string {
  return budgetCategoryLabel(language, category);
}

export function documentLabel(kind: string, language: Language): string {
  return documentKindName(language, kind);
}

export interface TierRow {
  /** "Op til 10.000 kr." / "Over 100.000 kr." */
  range: string;
  documents: string[];
  report: string;
  tier: ReportingTier;
}

/** What each amount asks of the association, up to the round's maximum (tiers above it cannot apply). */
export function tierRows(round: Pick<FundingRound, 'reportingTiers' | 'maxAmountOre'>, language: Language): TierRow[] {
  const tiers = roundReportingTiers(round);
  const maxKroner = oreToKroner(round.maxAmountOre);
  const rows: TierRow[] = [];
  let previous: number | null = null;
  for (const tier of tiers) {
    if (previous !== null && previous >= maxKroner) break;
    const top = tier.upToKroner === null ? maxKroner : Math.min(tier.upToKroner, maxKroner);
    rows.push({
      range:
        previous === null
          ? t(language, 'apply.landing.upTo', { amount: formatKroner(language, top) })
          : `${formatKroner(language, previous + 1)} – ${formatKroner(language, top)}`,
      documents: tier.applicationDocuments.map((kind) => documentLabel(kind, language)),
      report: describeReportRequirement(tier.requirement, language),
      tier,
    });
    previous = tier.upToKroner;
  }
  return rows;
}

/**
 * An honest estimate of the time the form takes: the median active time of recent submitted
 * drafts once there are enough of them, else a plain rule of thumb.
 */
export async function formTimeEstimate(db: Database, language: Language): Promise<string> {
  const recent = await db.applicationDraft.findMany({
    where: { submittedAt: { not: null } },
    orderBy: { submittedAt: 'desc' },
    take: 100,
    select: { stepSeconds: true },
  });
  if (recent.length < 5) return t(language, 'apply.landing.timeEstimateDefault');
  const totals = recent
    .map((draft) => Object.values((draft.stepSeconds ?? {}) as Record<string, number>).reduce((sum, seconds) => sum + (Number(seconds) || 0), 0))
    .sort((a, b) => a - b);
  const median = totals[Math.floor(totals.length / 2)]!;
  return t(language, 'apply.landing.timeEstimateMeasured', { minutes: Math.max(1, Math.round(median / 60)), count: recent.length });
}
