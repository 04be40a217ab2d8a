import { parseDuration, wholeYears } from '../lib/durations';
import type { RetentionSettingsConfig } from '../lib/retention-settings';
import { START_OF_DAY, calendarDateIn, wallTimeToInstant } from './time-zone';

// How long each kind of personal data is kept (GDPR art. 5(1)(e)), from which event, and what
// happens then. The README's "Retention" table gives the reasons; the periods are configuration.

/** The kinds every retention run has handled from the start, in the order it handles them. */
export const FIRST_RETENTION_KINDS = [
  'draft',
  'case_refused',
  'case_granted',
  'payout_run',
  'email_body',
  'staff_session',
  'login_attempt',
  'private_link',
  'rate_limit',
  'access_log',
  'audit_log',
] as const;

/**
 * The organisations' sign-in links, member sessions and membership log, handled after the first
 * kinds by runs that started once the retention workflow knew them (workflows/retention.ts).
 */
export const ORGANISATION_RETENTION_KINDS = ['organisation_sign_in_link', 'organisation_session', 'organisation_log'] as const;

/**
 * The documents organisations keep once (README "Documents kept once"): replaced versions, and
 * every document of an organisation that no longer applies (`organisationNoLongerApplies`); handled
 * after the organisations' kinds by runs that started once the workflow knew them.
 */
export const ORGANISATION_DOCUMENT_RETENTION_KINDS = ['organisation_document'] as const;

/**
 * The associations' profiles (organisation_profiles: name, address, the association's and the
 * contact person's email and phone, a kontonummer): deleted once the organisation no longer
 * applies (`organisationNoLongerApplies`); handled after the kept documents by runs that started
 * once the workflow knew them.
 */
export const ORGANISATION_PROFILE_RETENTION_KINDS = ['organisation_profile'] as const;

export const RETENTION_KINDS = [
  ...FIRST_RETENTION_KINDS,
  ...ORGANISATION_RETENTION_KINDS,
  ...ORGANISATION_DOCUMENT_RETENTION_KINDS,
  ...ORGANISATION_PROFILE_RETENTION_KINDS,
] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** Delete the rows, or keep them with their personal parts removed (so the statistics stay true). */
export type RetentionAction = 'delete' | 'anonymise';

/**
 * `event`: the period runs from the row's own event (last change, sending, closing, expiry).
 * `financial_year_end`: whole years from the end of the financial year (the calendar year, in the
 * municipality's time zone) in which the event fell, as bogføringsloven § 10 counts them.
 */
export type RetentionCount = 'event' | 'financial_year_end';

export interface RetentionRule {
  kind: RetentionKind;
  action: RetentionAction;
  countsFrom: RetentionCount;
  /** The setting that holds the period. */
  setting: RetentionSetting;
}

/** The settings that hold the periods (lib/retention-settings.ts gives their defaults). */
export type RetentionSetting =
  | 'RETENTION_DRAFTS'
  | 'RETENTION_REFUSED_CASES'
  | 'RETENTION_GRANTED_CASES'
  | 'RETENTION_PAYOUT_RUNS'
  | 'RETENTION_EMAIL_BODIES'
  | 'RETENTION_LOGIN_ATTEMPTS'
  | 'RETENTION_EXPIRED_GRACE'
  | 'RETENTION_STAFF_LOGS'
  | 'RETENTION_ORGANISATION_DOCUMENTS';
export type RetentionSettings = Pick<RetentionSettingsConfig, RetentionSetting>;

export const RETENTION_RULES: readonly RetentionRule[] = [
  { kind: 'draft', action: 'anonymise', countsFrom: 'event', setting: 'RETENTION_DRAFTS' },
  { kind: 'case_refused', action: 'anonymise', countsFrom: 'event', setting: 'RETENTION_REFUSED_CASES' },
  { kind: 'case_granted', action: 'anonymise', countsFrom: 'financial_year_end', setting: 'RETENTION_GRANTED_CASES' },
  { kind: 'payout_run', action: 'anonymise', countsFrom: 'financial_year_end', setting: 'RETENTION_PAYOUT_RUNS' },
  { kind: 'email_body', action: 'anonymise', countsFrom: 'event', setting: 'RETENTION_EMAIL_BODIES' },
  { kind: 'staff_session', action: 'delete', countsFrom: 'event', setting: 'RETENTION_EXPIRED_GRACE' },
  { kind: 'login_attempt', action: 'delete', countsFrom: 'event', setting: 'RETENTION_LOGIN_ATTEMPTS' },
  { kind: 'private_link', action: 'delete', countsFrom: 'event', setting: 'RETENTION_EXPIRED_GRACE' },
  { kind: 'rate_limit', action: 'delete', countsFrom: 'event', setting: 'RETENTION_EXPIRED_GRACE' },
  { kind: 'access_log', action: 'delete', countsFrom: 'event', setting: 'RETENTION_STAFF_LOGS' },
  { kind: 'audit_log', action: 'delete', countsFrom: 'event', setting: 'RETENTION_STAFF_LOGS' },
  { kind: 'organisation_sign_in_link', action: 'delete', countsFrom: 'event', setting: 'RETENTION_EXPIRED_GRACE' },
  { kind: 'organisation_session', action: 'delete', countsFrom: 'event', setting: 'RETENTION_EXPIRED_GRACE' },
  { kind: 'organisation_log', action: 'delete', countsFrom: 'event', setting: 'RETENTION_STAFF_LOGS' },
  { kind: 'organisation_document', action: 'delete', countsFrom: 'event', setting: 'RETENTION_ORGANISATION_DOCUMENTS' },
  // The same period as the documents: both go once the organisation no longer applies, one line.
  { kind: 'organisation_profile', action: 'delete', countsFrom: 'event', setting: 'RETENTION_ORGANISATION_DOCUMENTS' },
];

export function retentionRule(kind: RetentionKind): RetentionRule {
  return RETENTION_RULES.find((rule) => rule.kind === kind)!;
}

/**
 * The instant before which a row's event must lie for the row to have expired at `now`: the
 * period before now, or for a financial-year rule, 1 January of the year that lies the period's
 * whole years before this one (a case closed in 2026 with P5Y is kept through 2031).
 */
export function retentionCutoff(rule: RetentionRule, settings: RetentionSettings, now: Date, timeZone: string): Date {
  const value = settings[rule.setting];
  if (rule.countsFrom === 'event') return new Date(now.getTime() - parseDuration(value));
  const year = Number(calendarDateIn(now, timeZone).slice(0, 4)) - wholeYears(value);
  return wallTimeToInstant(`${String(year).padStart(4, '0')}-01-01`, START_OF_DAY, timeZone)!;
}

/** Whether a row whose event happened at `at` has expired at `now`. */
export function hasExpired(rule: RetentionRule, settings: RetentionSettings, at: Date, now: Date, timeZone: string): boolean {
  return at.getTime() < retentionCutoff(rule, settings, now, timeZone).getTime();
}

/**
 * Whether an organisation no longer applies at the retention cutoff: it has no members (nobody can
 * sign in for it, use its profile or its kept documents) and nothing was applied for since the
 * cutoff: no application sent, no draft naming its number changed. `lastApplicationAt` is the
 * latest of those. What the organisation keeps for its next application (its profile, its kept
 * documents) is deleted then; the step's SQL is `ORGANISATION_NO_LONGER_APPLIES` in
 * activities/retention.ts.
 */
export function organisationNoLongerApplies(organisation: { members: number; lastApplicationAt: Date | null }, cutoff: Date): boolean {
  return organisation.members === 0 && (organisation.lastApplicationAt === null || organisation.lastApplicationAt.getTime() < cutoff.getTime());
}

// A string value is kept by `redactPersonalData` only when it is a code (a status, a category, an
// ID) or a date or timestamp: lower-case letters, digits and - _ . :, with at least one letter.
const CODE = /^(?=[^a-z]*[a-z])[a-z0-9_.:-]{1,64}$/;
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
/** Keys whose strings are always free text, even when one looks like a code (a name typed "anna"). */
const FREE_TEXT_KEYS = new Set(['name', 'email', 'phone', 'address', 'title', 'purpose', 'activities', 'description', 'place', 'source', 'text', 'message', 'comment', 'narrative', 'story', 'activity', 'reasons']);

/**
 * A JSON value with every free text removed: names, emails, phone numbers, addresses and written
 * answers become "", while numbers, booleans, codes (target group, budget category, round ID) and
 * dates stay, so the figures that the statistics and the accounts rest on are unchanged.
 */
export function redactPersonalData(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return !FREE_TEXT_KEYS.has(key) && (CODE.test(value) || DATE.test(value)) ? value : '';
  if (Array.isArray(value)) return value.map((item) => redactPersonalData(item, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([inner, item]) => [inner, redactPersonalData(item, inner)]));
  }
  return value;
}
