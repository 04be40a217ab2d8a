import { addDays, calendarDateIn, municipalityTimeZone, startOfDayIn } from './time-zone';

// The round catalogue and its alerts: where a round stands, and which emails about it are due.
// A subscriber hears of a round twice at most: when it opens, and two weeks before it closes.

/** Where a round stands for people looking for money to apply for. */
export type RoundPhase = 'upcoming' | 'open' | 'closed';

/** The alerts a subscriber can get about a round. */
export const ROUND_ALERT_KINDS = ['opened', 'closing'] as const;
export type RoundAlertKind = (typeof ROUND_ALERT_KINDS)[number];

/** How many days before a round closes its reminder goes out. */
export const CLOSING_REMINDER_DAYS = 14;

/** How long a closed round stays in the catalogue (and the calendar feed). */
export const RECENTLY_CLOSED_DAYS = 90;

/** The columns of a round the rules read (Prisma's `FundingRound` fits as it is). */
export interface AlertRound {
  id: string;
  schemeId: string;
  opensAt: Date;
  closesAt: Date | null;
  createdAt: Date;
  demo: boolean;
}

export function roundPhase(round: Pick<AlertRound, 'opensAt' | 'closesAt'>, now: Date): RoundPhase {
  if (round.opensAt > now) return 'upcoming';
  if (round.closesAt && round.closesAt <= now) return 'closed';
  return 'open';
}

/**
 * When people could first know the round was open: it opened, or — for a round entered with an
 * opening date already past — it was created.
 */
export function announcedAt(round: Pick<AlertRound, 'opensAt' | 'createdAt'>): Date {
  return round.opensAt > round.createdAt ? round.opensAt : round.createdAt;
}

/**
 * When the closing reminder is due: at the start of the day (on the municipality's clocks) two
 * weeks before the day the round closes, so it says "closes on 15 March" on 1 March.
 */
export function closingReminderAt(closesAt: Date, timeZone: string = municipalityTimeZone()): Date {
  return startOfDayIn(addDays(calendarDateIn(closesAt, timeZone), -CLOSING_REMINDER_DAYS), timeZone);
}

export interface DueAlert {
  kind: RoundAlertKind;
  /** Only subscriptions confirmed before this moment get it: a later subscriber saw the round already. */
  confirmedBefore: Date;
}

/**
 * The alerts due about a round now. Both are due only while the round is open (demo rounds never):
 * "opened" from its opening on, "closing" from its reminder day on. A round announced less than two
 * weeks before it closes gets no reminder: its opening alert says the deadline already.
 */
export function dueAlerts(round: AlertRound, now: Date, timeZone: string = municipalityTimeZone()): DueAlert[] {
  if (round.demo || roundPhase(round, now) !== 'open') return [];
  const announced = announcedAt(round);
  const due: DueAlert[] = [{ kind: 'opened', confirmedBefore: announced }];
  if (round.closesAt) {
    const reminderAt = closingReminderAt(round.closesAt, timeZone);
    if (reminderAt > announced && now >= reminderAt) due.push({ kind: 'closing', confirmedBefore: reminderAt });
  }
  return due;
}

/** The outbox key of one alert to one subscription: the same alert is never queued twice. */
export function roundAlertMessageKey(roundId: string, kind: RoundAlertKind, subscriptionId: string): string {
  return `round-alert:${roundId}:${kind}:${subscriptionId}`;
}

/** Whether a subscription follows a scheme. */
export function followsScheme(subscription: { allSchemes: boolean; schemeIds: readonly string[] }, schemeId: string): boolean {
  return subscription.allSchemes || subscription.schemeIds.includes(schemeId);
}

/** How long a confirmation link works; an unconfirmed subscription is deleted after it. */
export const CONFIRMATION_DAYS = 7;
