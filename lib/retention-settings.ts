import { z } from 'zod';
import { parseDuration, wholeYears } from './durations';
import { durationSetting } from './duration-setting';

// The retention periods (README "Retention") and when the retention workflow runs; keyed by
// variable name for `...retentionSettingsSchema.shape`. domain/retention.ts says which rule
// reads which period.

const period = (fallback: string) => durationSetting(fallback, 0, 'must be a duration such as P90D, P3Y or PT1H');

const yearsPeriod = (fallback: string) =>
  z
    .string()
    .refine((value) => {
      try {
        return wholeYears(value) >= 0;
      } catch {
        return false;
      }
    }, 'must be whole years, such as P5Y (counted from the end of the financial year)')
    .default(fallback);

const CRON = /^(\S+\s+){4}\S+$/;

/** A five-field cron expression ("0 3 * * *", in MUNICIPALITY_TIME_ZONE) or an interval ("PT12H", "1d"). */
export type RetentionSchedule = { cron: string } | { everyMs: number };

export function parseRetentionSchedule(value: string): RetentionSchedule {
  const trimmed = value.trim();
  if (CRON.test(trimmed)) return { cron: trimmed.replace(/\s+/g, ' ') };
  const everyMs = parseDuration(trimmed);
  if (everyMs < 60_000) throw new Error(`Invalid schedule ${JSON.stringify(value)}: an interval is at least a minute`);
  return { everyMs };
}

/** A schedule setting: a cron expression (in MUNICIPALITY_TIME_ZONE) or an interval of at least a minute. */
export function scheduleSetting(fallback: string) {
  return z
    .string()
    .superRefine((value, context) => {
      try {
        parseRetentionSchedule(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: `${(error as Error).message}; or a cron expression such as "0 3 * * *"` });
      }
    })
    .default(fallback);
}

export const retentionSettingsSchema = z.object({
  /** Unsubmitted drafts (contact data, answers, uploads): anonymised this long after their last change. */
  RETENTION_DRAFTS: period('P90D'),
  /** Cases refused, withdrawn, lapsed or declined (nothing paid): anonymised this long after they ended. */
  RETENTION_REFUSED_CASES: period('P3Y'),
  /** Cases with a payout: anonymised these whole years after the end of the financial year in which they ended. */
  RETENTION_GRANTED_CASES: yearsPeriod('P5Y'),
  /** Payout runs' export files: removed these whole years after the end of the financial year of the run. */
  RETENTION_PAYOUT_RUNS: yearsPeriod('P5Y'),
  /** Sent emails: body, subject and recipient removed this long after sending. */
  RETENTION_EMAIL_BODIES: period('P30D'),
  /** Staff sign-in attempts (email and address): deleted this long after the attempt. */
  RETENTION_LOGIN_ATTEMPTS: period('P90D'),
  /**
   * Staff sessions, private links, rate-limit counters, and the organisations' sign-in links and
   * member sessions: deleted this long after they expired, were used up or were revoked.
   */
  RETENTION_EXPIRED_GRACE: period('P1D'),
  /** Staff access log, audit log and the organisations' membership log entries: deleted this long after the entry. */
  RETENTION_STAFF_LOGS: period('P5Y'),
  /**
   * Documents organisations keep once (statutes, annual accounts; they may name board members):
   * a replaced version is deleted this long after it was replaced. An organisation with no members
   * and no application or draft within this period no longer applies: every document of it and its
   * profile are deleted.
   */
  RETENTION_ORGANISATION_DOCUMENTS: period('P1Y'),
  /** When the retention workflow runs (a Temporal Schedule the worker creates or updates at start-up). */
  RETENTION_SCHEDULE: scheduleSetting('0 3 * * *'),
  /**
   * How long the Temporal namespace keeps the histories of closed workflows (which hold case data).
   * `npm start` sets it on its dev server; on a cluster it is set with `temporal operator namespace update`.
   */
  TEMPORAL_NAMESPACE_RETENTION: durationSetting('P30D', 24 * 3600 * 1000, 'must be a duration of at least a day, such as P30D'),
});

export type RetentionSettingsConfig = z.infer<typeof retentionSettingsSchema>;
