import type { Database } from '../../../lib/db';
import type { StatsPeriod } from './period';

/** A short excerpt of a follow-up report whose association agreed to share it. */
export interface Story {
  association: string;
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
 * The newest reports in the period whose content says shareStory: true (the association's own
 * consent, given with the report). The story field is used, or the narrative when no separate
 * story was written. Only the association (a legal entity) is named, never a person.
 */
export async function consentedStories(db: Database, period: StatsPeriod, roundId: string | null, limit: number, schemeId: string | null = null): Promise<Story[]> {
  const rows = await db.$queryRawUnsafe<{ association: string; round: string; activity: string; month: string; story: string | null; narrative: string | null }[]>(
    `SELECT a.organization_name AS association, r.name AS round, a.project_title AS activity, to_char(f.submitted_at, 'YYYY-MM') AS month,
            f.content->>'story' AS story, f.content->>'narrative' AS narrative
     FROM follow_up_reports f JOIN applications a ON a.id = f.application_id JOIN funding_rounds r ON r.id = a.round_id
     WHERE f.submitted_at IS NOT NULL AND (f.content->>'shareStory') = 'true'
       AND f.submitted_at >= ($1::date::timestamp AT TIME ZONE 'Europe/Copenhagen')
       AND f.submitted_at < (($2::date + 1)::timestamp AT TIME ZONE 'Europe/Copenhagen')
       AND ($3::uuid IS NULL OR a.round_id = $3::uuid)
       AND ($5::uuid IS NULL OR r.scheme_id = $5::uuid)
     ORDER BY f.submitted_at DESC LIMIT $4`,
    period.from,
    period.to,
    roundId,
    limit,
    schemeId,
  );
  return rows
    .map((row) => ({ association: row.association, round: row.round, activity: row.activity, month: row.month, text: excerpt(row.story?.trim() || row.narrative || '') }))
    .filter((story) => story.text.length > 0);
}
