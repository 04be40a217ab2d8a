import ical, { ICalEventTransparency, type ICalEventData } from 'ical-generator';
import { t, type Language } from '../../../../locale';
import { ROUNDS_PATH, roundApplyPath } from '../../../../lib/round-links';
import { calendarDateIn, addDays, isEndOfDayIn, municipalityTimeZone, wallClockIn } from '../../../../domain/time-zone';
import { schemeText } from '../../../../domain/scheme-texts';
import type { CatalogueRound } from '../../round-catalogue/catalogue';

// The rounds' dates as iCalendar (RFC 5545), written by ical-generator (escaping, line folding,
// CRLF). Every round has two events at most, each with a UID of its own that never changes (the
// round's ID and which date it is), so a calendar that subscribed to the feed updates an event
// rather than adding a second one when a date moves. DTSTAMP and LAST-MODIFIED are when the round
// was last changed: the feed reads the same until a round changes.

/** Which of a round's dates an event is. */
export type RoundDate = 'opens' | 'closes';

/** An event's UID: the round's ID, which date, and the service's host. */
export function roundEventUid(roundId: string, which: RoundDate, publicBaseUrl: string): string {
  return `round-${roundId}-${which}@${new URL(publicBaseUrl).hostname}`;
}

/** A UTC midnight standing for a calendar date: ical-generator writes an all-day date from its UTC fields. */
function dateOnly(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function isStartOfDay(instant: Date, timeZone: string): boolean {
  const { hour, minute, second } = wallClockIn(instant, timeZone);
  return hour === 0 && minute === 0 && second === 0;
}

/**
 * When the event is: a whole day when an opening is at the day's start, or a deadline at its end,
 * on the municipality's clocks, as people read those dates; otherwise the moment itself.
 */
function when(instant: Date, which: RoundDate, timeZone: string): Pick<ICalEventData, 'start' | 'end' | 'allDay'> {
  if (which === 'opens' ? isStartOfDay(instant, timeZone) : isEndOfDayIn(instant, timeZone)) {
    const date = calendarDateIn(instant, timeZone);
    return { start: dateOnly(date), end: dateOnly(addDays(date, 1)), allDay: true };
  }
  return { start: instant, allDay: false };
}

function roundEvents(round: CatalogueRound, language: Language, publicBaseUrl: string, which: readonly RoundDate[]): ICalEventData[] {
  const timeZone = municipalityTimeZone();
  const values = { round: round.name, scheme: schemeText(round.scheme.name, language) };
  const applyUrl = new URL(roundApplyPath(round.slug), publicBaseUrl).toString();
  const catalogueUrl = new URL(ROUNDS_PATH, publicBaseUrl).toString();
  // A date to keep in mind, not time taken: it never shows the day as busy.
  const common = { stamp: round.updatedAt, lastModified: round.updatedAt, url: applyUrl, transparency: ICalEventTransparency.TRANSPARENT };
  const dates: { which: RoundDate; at: Date | null; summary: string }[] = [
    { which: 'opens', at: round.opensAt, summary: t(language, 'pages.rounds.calendar.opens', values) },
    { which: 'closes', at: round.closesAt, summary: t(language, 'pages.rounds.calendar.closes', values) },
  ];
  return dates.flatMap(({ which: date, at, summary }) =>
    at && which.includes(date)
      ? [{ id: roundEventUid(round.id, date, publicBaseUrl), ...when(at, date, timeZone), summary, description: t(language, 'pages.rounds.calendar.description', { apply: applyUrl, catalogue: catalogueUrl }), ...common }]
      : [],
  );
}

function calendar(name: string, municipalityName: string, language: Language, events: ICalEventData[]): string {
  const feed = ical({ name, prodId: { company: municipalityName, product: 'grantflow', language: language.toUpperCase() } });
  for (const event of events) feed.createEvent(event);
  return feed.toString();
}

/** Every round's opening and deadline (of the rounds the catalogue shows). */
export function roundsFeed(rounds: readonly CatalogueRound[], options: { language: Language; publicBaseUrl: string; municipalityName: string }): string {
  const { language, publicBaseUrl, municipalityName } = options;
  return calendar(
    t(language, 'pages.rounds.calendar.name', { municipality: municipalityName }),
    municipalityName,
    language,
    rounds.flatMap((round) => roundEvents(round, language, publicBaseUrl, ['opens', 'closes'])),
  );
}

/** The one event of a round worth adding to a calendar: its deadline, or its opening when it has none. */
export function roundCalendarFile(round: CatalogueRound, options: { language: Language; publicBaseUrl: string; municipalityName: string }): string {
  const { language, publicBaseUrl, municipalityName } = options;
  return calendar(round.name, municipalityName, language, roundEvents(round, language, publicBaseUrl, round.closesAt ? ['closes'] : ['opens']));
}
