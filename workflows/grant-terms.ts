import type { ReportRequirement } from '../domain/tiers';

/** What the association must report on a grant and by when. */
export interface ReportTerms {
  requirement: ReportRequirement;
  dueAt: string;
}

/** One year of a multi-year grant: its share of the amount and its report's terms. */
export interface GrantYearPlan {
  year: number;
  amountOre: number;
  terms: ReportTerms;
}
