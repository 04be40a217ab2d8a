import { parseDuration } from '../lib/durations';
import { addDays, calendarDateIn, DANISH_TIME_ZONE, endOfDayIn, isEndOfDayIn } from './time-zone';
import { kronerToOre } from './money';

export { calendarDateIn, DANISH_TIME_ZONE } from './time-zone';

// How much paperwork a grant costs the association grows with the amount: the application
// documents asked for up front, and the follow-up report afterwards (DOMAIN.md §7). Every
// municipality sets its own thresholds, so the tiers are round configuration in whole kroner;
// the domain compares them with amounts in integer øre. The zod schemas for them live in
// tier-schemas.ts: workflow code imports this module, and everything it imports is evaluated for
// each workflow the worker creates.

export const REPORT_REQUIREMENTS = ['declaration', 'short_report', 'accounts', 'audited_accounts'] as const;
/**
 * - declaration: a signed statement "på tro og love" that the money was used as granted
 *   (the Slots- og Kulturstyrelsen pattern: signed, false statements are punishable, spot checks).
 * - short_report: a short narrative plus an itemised list of what the money was spent on.
 * - accounts: a narrative plus accounts for the activity.
 * - audited_accounts: accounts endorsed by an auditor from outside the board.
 */
export type ReportRequirement = (typeof REPORT_REQUIREMENTS)[number];

export const APPLICATION_DOCUMENT_KINDS = ['statutes', 'budget', 'annual_accounts'] as const;
/** statutes = vedtægter; budget = a full budget for the activity; annual_accounts = the latest årsregnskab. */
export type ApplicationDocumentKind = (typeof APPLICATION_DOCUMENT_KINDS)[number];

export interface ReportingTier {
  /** Inclusive upper bound in whole kroner; null for the last, open-ended tier. */
  upToKroner: number | null;
  requirement: ReportRequirement;
  applicationDocuments: ApplicationDocumentKind[];
}

/**
 * Defaults modelled on Frivilligværket (under 10,000 kr a declaration, up to 100,000 kr accounts,
 * above that an external auditor) with Glostrup's and Vordingborg's habit of asking more of large
 * grants:
 * - Statutes at every amount: they are the only proof the association exists and is non-profit
 *   (E3), and an association has them already, so they cost nothing to upload.
 * - Annual accounts from 10,000 kr: small grants (a typical one is about 9,500 kr) go to small
 *   associations, and asking for accounts there is the kind of barrier the service exists to
 *   remove; above that the municipality needs to see the association's finances and capital (E12).
 * - A separate full budget only above 100,000 kr: below that the itemised budget lines in the
 *   form are enough to assess the application; large grants are usually part of a bigger activity
 *   whose whole financing needs to be seen.
 * - Declaration up to 10,000 kr, accounts up to 100,000 kr, audited accounts above: the amount at
 *   risk then justifies the cost of an auditor.
 */
export const DEFAULT_REPORTING_TIERS: readonly ReportingTier[] = Object.freeze([
  { upToKroner: 10_000, requirement: 'declaration', applicationDocuments: ['statutes'] },
  { upToKroner: 100_000, requirement: 'accounts', applicationDocuments: ['statutes', 'annual_accounts'] },
  { upToKroner: null, requirement: 'audited_accounts', applicationDocuments: ['statutes', 'annual_accounts', 'budget'] },
] satisfies ReportingTier[]);

/** The tier an amount falls in; a tier's limit is inclusive (exactly 10,000 kr is "up to 10,000 kr"). */
export function tierFor(amountOre: bigint, tiers: readonly ReportingTier[]): ReportingTier {
  if (amountOre < 0n) throw new RangeError(`An amount cannot be negative: ${amountOre} øre`);
  const tier = tiers.find((candidate) => candidate.upToKroner === null || amountOre <= kronerToOre(candidate.upToKroner));
  if (!tier) throw new Error('The reporting tiers have no open-ended last tier; validate them with reportingTiersSchema.');
  return tier;
}

/** The follow-up report is set by what was granted, not what was asked for. */
export function reportRequirementFor(grantedOre: bigint, tiers: readonly ReportingTier[]): ReportRequirement {
  return tierFor(grantedOre, tiers).requirement;
}

/** Before a decision only the requested amount is known, so it decides what must be uploaded. */
export function requiredApplicationDocuments(requestedOre: bigint, tiers: readonly ReportingTier[]): ApplicationDocumentKind[] {
  return [...tierFor(requestedOre, tiers).applicationDocuments];
}

// ── Report due date ─────────────────────────────────────────────────────────────────────────

/**
 * When the follow-up report is due: a fixed date in the year after the decision (Billund and
 * Glostrup 1 April, Vordingborg 1 June), or a period after the activity ends (Horsens: three
 * months, i.e. "P3M").
 */
export type ReportDueRule =
  | { kind: 'fixed_date_next_year'; month: number; day: number }
  | { kind: 'after_activity_end'; duration: string };


const DAY_MS = 86_400_000;

// A year without 29 February: a fixed yearly date must exist every year.
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function isDateInEveryYear(month: number, day: number): boolean {
  const daysInMonth = DAYS_IN_MONTH[month - 1];
  return Number.isInteger(month) && Number.isInteger(day) && daysInMonth !== undefined && day >= 1 && day <= daysInMonth;
}

/**
 * The last moment a report is on time. A fixed date means the whole of that day in Danish time
 * (a volunteer sending it in the evening of 1 April is not late); a period after the activity is
 * counted exactly from the activity's end.
 */
export function reportDueDate(
  rule: ReportDueRule,
  dates: { decidedAt: Date; activityEnd: Date },
  timeZone: string = DANISH_TIME_ZONE,
): Date {
  switch (rule.kind) {
    case 'fixed_date_next_year': {
      assertValidDate(dates.decidedAt, 'decidedAt');
      if (!isDateInEveryYear(rule.month, rule.day)) {
        throw new RangeError(`Not a date that exists every year: month ${rule.month}, day ${rule.day}`);
      }
      const decisionYear = Number(calendarDateIn(dates.decidedAt, timeZone).slice(0, 4));
      return endOfDayIn(`${String(decisionYear + 1).padStart(4, '0')}-${String(rule.month).padStart(2, '0')}-${String(rule.day).padStart(2, '0')}`, timeZone);
    }
    case 'after_activity_end': {
      assertValidDate(dates.activityEnd, 'activityEnd');
      const periodMs = parseDuration(rule.duration);
      // Whole days after an activity that ends with its day are counted on the calendar and end
      // with their day, also across a change to or from daylight saving time (never "kl. 22.59"
      // or a day late); shorter periods are exact.
      if (periodMs % DAY_MS === 0 && isEndOfDayIn(dates.activityEnd, timeZone)) {
        return endOfDayIn(addDays(calendarDateIn(dates.activityEnd, timeZone), periodMs / DAY_MS), timeZone);
      }
      return new Date(dates.activityEnd.getTime() + periodMs);
    }
  }
}

function assertValidDate(value: Date, name: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new RangeError(`${name} is not a valid date`);
}
