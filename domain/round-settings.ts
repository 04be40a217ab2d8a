import { z } from 'zod';
import { parseDuration } from '../lib/durations';
import type { ReportDueRule } from './tiers';
import { reportDueRuleSchema } from './tier-schemas';
import { messageKey } from './message-key';

const duration = z.string().refine((value) => {
  try {
    parseDuration(value);
    return true;
  } catch {
    return false;
  }
}, messageKey('errors.round.duration'));

/** A duration relative to a due date: "-P30D" is thirty days before it. */
const signedDuration = z.string().refine((value) => {
  try {
    parseDuration(value.replace(/^[-+]/, ''));
    return true;
  } catch {
    return false;
  }
}, messageKey('errors.round.offset'));

export function parseSignedDuration(value: string): number {
  const ms = parseDuration(value.replace(/^[-+]/, ''));
  return value.startsWith('-') ? -ms : ms;
}

/**
 * Every duration the process of a round uses. Real rounds speak in days; tests set seconds, so
 * the whole process runs in moments against a real server.
 */
export const processSettingsSchema = z.object({
  /** Time an association has to answer an information request. */
  answerDeadline: duration.default('P14D'),
  /** Reminders after an information request was sent. */
  answerReminders: z.array(duration).max(5).default(['P7D', 'P12D']),
  /** Target from submission to decision; past it the case counts as an SLA breach. */
  decisionTarget: duration.default('P30D'),
  /** From the decision to the date the grant is paid to the NemKonto. */
  payoutAfter: duration.default('P5D'),
  reportDue: reportDueRuleSchema.default({ kind: 'after_activity_end', duration: 'P90D' }),
  /**
   * The report form opens on the activity's end date, or this long before the due date if that
   * comes first, so the association always has at least this long to write it.
   */
  reportOpensBeforeDue: duration.default('P30D'),
  /** Report reminders relative to the due date. */
  reportReminders: z.array(signedDuration).max(6).default(['-P30D', 'P0D', 'P14D']),
  /** After the due date, the caseworker is alerted if still no report. */
  reportEscalationAfter: duration.default('P21D'),
  /** Time to send a corrected report when one was sent back. */
  reportResubmissionDeadline: duration.default('P30D'),
  /**
   * Time after a decision in which the association may ask for it to be reconsidered (in a
   * Norwegian round: to complain, which fvl § 29 sets to three weeks).
   */
  reconsiderationPeriod: duration.default('P4W'),
  /** From a repayment claim to its payment deadline. */
  repaymentDue: duration.default('P30D'),
  /** Repayment reminders relative to the payment deadline. */
  repaymentReminders: z.array(signedDuration).max(4).default(['-P7D', 'P7D']),
  /**
   * Time the association's signatory has to accept the grant's conditions before it is paid; past
   * it the grant lapses. "P0D": no acceptance step (the payout is registered with the decision).
   */
  acceptancePeriod: duration.default('P30D'),
  /** Acceptance reminders relative to its deadline. */
  acceptanceReminders: z.array(signedDuration).max(3).default(['-P7D']),
});

export type ProcessSettings = z.infer<typeof processSettingsSchema>;

/** The same settings in milliseconds: what the workflow receives in its round snapshot. */
export interface ProcessTimings {
  answerDeadlineMs: number;
  answerRemindersMs: number[];
  decisionTargetMs: number;
  payoutAfterMs: number;
  reportDue: ReportDueRule;
  reportRemindersMs: number[];
  /** Absent in the round snapshots of cases started before the report window existed. */
  reportOpensBeforeDueMs?: number;
  reportEscalationAfterMs: number;
  reportResubmissionDeadlineMs: number;
  reconsiderationPeriodMs: number;
  /** Absent in the snapshots of cases started before repayments were decided. */
  repaymentDueMs?: number;
  repaymentRemindersMs?: number[];
  /** Absent (or 0) in the snapshots of cases started before grants were accepted: no acceptance step. */
  acceptancePeriodMs?: number;
  acceptanceRemindersMs?: number[];
}

export function toProcessTimings(settings: ProcessSettings): ProcessTimings {
  return {
    answerDeadlineMs: parseDuration(settings.answerDeadline),
    answerRemindersMs: settings.answerReminders.map(parseDuration).sort((a, b) => a - b),
    decisionTargetMs: parseDuration(settings.decisionTarget),
    payoutAfterMs: parseDuration(settings.payoutAfter),
    reportDue: settings.reportDue,
    reportRemindersMs: settings.reportReminders.map(parseSignedDuration).sort((a, b) => a - b),
    reportOpensBeforeDueMs: parseDuration(settings.reportOpensBeforeDue),
    reportEscalationAfterMs: parseDuration(settings.reportEscalationAfter),
    reportResubmissionDeadlineMs: parseDuration(settings.reportResubmissionDeadline),
    reconsiderationPeriodMs: parseDuration(settings.reconsiderationPeriod),
    repaymentDueMs: parseDuration(settings.repaymentDue),
    repaymentRemindersMs: settings.repaymentReminders.map(parseSignedDuration).sort((a, b) => a - b),
    acceptancePeriodMs: parseDuration(settings.acceptancePeriod),
    acceptanceRemindersMs: settings.acceptanceReminders.map(parseSignedDuration).sort((a, b) => a - b),
  };
}
