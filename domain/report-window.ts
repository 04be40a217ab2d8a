/**
 * When the follow-up report form opens: on the activity's end date, or `opensBeforeDueMs` before
 * the due date if that comes first, so the association always has at least that long to write
 * it. The end date is a calendar date; the form opens as that day begins (UTC midnight, which is
 * on that date in Danish and Norwegian time too).
 */
export function reportOpensAt({ activityEndDate, dueAt, opensBeforeDueMs }: { activityEndDate: string; dueAt: Date; opensBeforeDueMs: number }): Date {
  const activityEnds = Date.parse(`${activityEndDate}T00:00:00Z`);
  if (Number.isNaN(activityEnds)) throw new RangeError(`Not a calendar date: ${activityEndDate}`);
  if (Number.isNaN(dueAt.getTime())) throw new RangeError('dueAt is not a valid date');
  return new Date(Math.min(activityEnds, dueAt.getTime() - opensBeforeDueMs));
}

/** Whether a report may be sent now: always, when the report has no window (cases from before it existed). */
export function reportWindowOpen(opensAt: Date | string | null | undefined, now: Date = new Date()): boolean {
  if (opensAt === null || opensAt === undefined) return true;
  return new Date(opensAt).getTime() <= now.getTime();
}
