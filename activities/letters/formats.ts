import { formatDate as formatLocaleDate, formatMoney, localeSettings, type Language } from '../../locale';

// The formatting the email templates used to take from the decision letter, now answered by the
// language layer. It goes when the templates render through documents/email.

export { describeReportRequirement } from '../../documents/letter';
export type { DecisionOutcome } from '../../domain/decision-rules';
export type { ReportRequirement } from '../../domain/tiers';

export function formatDate(value: Date | string, language: Language): string {
  return formatLocaleDate(language, value);
}

/** The emails have always written amounts the Danish way, with an ordinary space before "kr.". */
export function formatKroner(ore: bigint): string {
  return formatMoney('da', ore).replace(/\u00a0/g, ' ');
}

export function timeZoneFor(_language: Language): string {
  return localeSettings().timeZone;
}
