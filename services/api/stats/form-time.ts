import type { Language } from '../../../lib/languages';
import { histogramPercentile } from '../../../domain/stats/percentile';
import { shownCount, shownFigure, type Count } from '../../../domain/stats/suppression';
import { t } from '../../../locale';
import type { Rollup } from './rollup-reader';
import { FORM_TIME_BY_APPLICANT } from './rollup-sql';

// Form time (the active seconds of a submitted draft, summed over its steps) for associations
// applying the first time and for returning ones: each draft says which it is from its start
// (application_drafts.returning_applicant), and the rollup counts it under that key.

export const APPLICANT_GROUPS = ['first', 'returning'] as const;

export interface FormTimeGroup {
  group: (typeof APPLICANT_GROUPS)[number];
  label: string;
  /** Submitted drafts of the group (fewer than five shown as "<5"). */
  submitted: Count;
  /** Median form time in minutes (one decimal), or null under five drafts. */
  medianFormMinutes: number | null;
}

export function formTimeByApplicant(rollup: Rollup, language: Language): FormTimeGroup[] {
  return APPLICANT_GROUPS.map((group) => {
    const rows = rollup.of(FORM_TIME_BY_APPLICANT).filter((row) => row.key === group);
    const submitted = rows.reduce((sum, row) => sum + Number(row.cases), 0);
    const median = histogramPercentile(rows.map((row) => ({ value: row.bucket, count: Number(row.cases) })), 0.5);
    return {
      group,
      label: t(language, group === 'first' ? 'stats.formTime.first' : 'stats.formTime.returning'),
      submitted: shownCount(submitted),
      medianFormMinutes: shownFigure(submitted, median === null ? null : Math.round(median / 6) / 10),
    };
  });
}
