import type { Language } from '../../lib/languages';
import type { ReportRequirement } from '../../domain/tiers';
import { t } from '../../locale';

/** What the association must send in, worded to follow "send …" in a sentence. */
export function describeReportRequirement(requirement: ReportRequirement, language: Language): string {
  return t(language, `common.reportRequirement.${requirement}`);
}
