import type { Database } from '../../../lib/db';
import type { StatsPeriod } from './period';

/**
 * A story from a follow-up report, as a caseworker approved it for publication: anonymised, under
 * the activity of its own case. It names no association and no person.
 */
export interface Story {
  round: string;
  activity: string;
  /** The month the report came in (YYYY-MM). */
  month: string;
  text: string;
}

const EXCERPT_LENGTH = 320;

/** Cuts at a word boundary and marks the cut. */
export function excerpt(text: string, length = EXCERPT_LENGTH): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= length) return clean;
  const cut = clean.slice(0, length);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), length * 0.6)).replace(/[\s,;:.–-]+$/, '')} …`;
}

/**
 * The newest approved stories of reports that came in during the period. A story is published
 * only when the association consented with that report (common.consent.storyAnonymous) and a
 * caseworker approved its anonymised wording; round and activity are read from the report's own
 * case.
 */
export async function approvedStories(db: Database, period: StatsPeriod, roundId: string | null, limit: number, schemeId: string | null = null): Promise<Story[]> {
  return db.$queryRawUnsafe<Story[]>(
    `SELECT r.name AS round, f.published_activity AS activity, to_char(f.submitted_at AT TIME ZONE 'Europe/Copenhagen', 'YYYY-MM') AS month, f.published_story AS text
     FROM follow_up_reports f JOIN applications a ON a.id = f.application_id JOIN funding_rounds r ON r.id = a.round_id
     WHERE f.story_review = 'approved' AND f.story_consent AND f.published_story IS NOT NULL AND f.published_activity IS NOT NULL
       AND f.submitted_at >= ($1::date::timestamp AT TIME ZONE 'Europe/Copenhagen')
       AND f.submitted_at < (($2::date + 1)::timestamp AT TIME ZONE 'Europe/Copenhagen')
       AND ($3::uuid IS NULL OR a.round_id = $3::uuid)
       AND ($5::uuid IS NULL OR r.scheme_id = $5::uuid)
     ORDER BY f.submitted_at DESC, f.id
     LIMIT $4`,
    period.from,
    period.to,
    roundId,
    limit,
    schemeId,
  );
}
