import type { Database } from '../../../lib/db';
import { processSettingsSchema, toProcessTimings } from '../../../domain/round-settings';
import { caseTimelineFacts, localDay, type CaseRound, type TimelineEvent } from '../../../domain/stats/case-timeline';
import { activityTerm } from '../../../domain/stats/activity-term';
import type { CaseStatus } from '../../../domain/status';
import { REBUILD_ALL_SQL, REBUILD_DAYS_SQL, TIME_ZONE } from './rollup-sql';

// The statistics read the event table incrementally: every case with an event newer than the
// watermark gets its facts row recomputed from all its events, and the day and month rollups it
// touches (before and after) are re-counted. Event IDs come from a sequence, and a transaction
// can commit an ID lower than one already read; re-reading the last OVERLAP events each time
// catches those.

const OVERLAP = 500;
const BATCH = 2_000;
const BULK_BATCH = 5_000;
const LOCK_ID = 0x67_66_73_74; // "gfst": one refresher at a time
const STATE_ID = 1;

interface ApplicationRow {
  id: string;
  round_id: string;
  submitted_at: Date;
  volunteers: number;
  target_group: string;
  amount_requested_ore: bigint | string;
  first_time: boolean;
  start_date: Date;
  end_date: Date;
}

interface EventRow {
  application_id: string;
  type: string;
  from_status: CaseStatus | null;
  to_status: CaseStatus | null;
  occurred_at: Date;
  details: Record<string, unknown>;
}

interface DecisionRow {
  application_id: string;
  sequence: number;
  outcome: string;
  amount_granted_ore: bigint | string;
  reasons: { criteria?: unknown; text?: unknown };
}

/** Raw SQL through Prisma (the service) or a plain pg client (bulk rebuilds, where it is faster). */
export interface SqlRunner {
  query<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  execute(sql: string, ...params: unknown[]): Promise<unknown>;
}

type Tx = Pick<Database, '$queryRawUnsafe' | '$executeRawUnsafe'>;

export function prismaRunner(tx: Tx): SqlRunner {
  return { query: (sql, ...params) => tx.$queryRawUnsafe(sql, ...params), execute: (sql, ...params) => tx.$executeRawUnsafe(sql, ...params) };
}

export function pgRunner(client: { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }> }): SqlRunner {
  return {
    query: async <T>(sql: string, ...params: unknown[]) => (await client.query(sql, params)).rows as T[],
    execute: (sql, ...params) => client.query(sql, params),
  };
}

export interface RefreshResult {
  cases: number;
  lastEventId: bigint;
}

/** Brings the statistics up to date with the event table; cheap when nothing happened. */
export async function refreshStatistics(db: Database): Promise<RefreshResult> {
  // One round trip when nothing changed, which is what almost every request finds.
  const [check] = await db.$queryRawUnsafe<{ up_to_date: boolean; last_event_id: bigint | null }[]>(
    `SELECT s.last_event_id, (s.last_event_id >= coalesce((SELECT max(id) FROM case_events), 0)
       AND coalesce((SELECT max(updated_at) FROM application_drafts), '-infinity') <= s.refreshed_at - $2::int * interval '1 millisecond') AS up_to_date
     FROM (SELECT 1) AS one LEFT JOIN stats_refresh_state s ON s.id = $1`,
    STATE_ID,
    DRAFT_OVERLAP_MS,
  );
  if (check?.up_to_date && check.last_event_id !== null) return { cases: 0, lastEventId: check.last_event_id };

  return db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${LOCK_ID})`);
      const current = await tx.statsRefreshState.findUnique({ where: { id: STATE_ID } });
      const [top] = await tx.$queryRawUnsafe<{ max: bigint | null }[]>(`SELECT max(id) AS max FROM case_events`);
      const upTo = top?.max ?? 0n;
      const startedAt = new Date();
      if (current && current.lastEventId >= upTo && !(await draftsChangedSince(prismaRunner(tx), current.refreshedAt))) return { cases: 0, lastEventId: current.lastEventId };
      const from = current ? current.lastEventId - BigInt(OVERLAP) : 0n;
      const changed = await tx.$queryRawUnsafe<{ application_id: string }[]>(
        `SELECT DISTINCT application_id FROM case_events WHERE id > $1 AND id <= $2`,
        from,
        upTo,
      );
      const ids = changed.map((row) => row.application_id);
      const days = new Set<string>();
      for (let i = 0; i < ids.length; i += BATCH) {
        for (const day of await recomputeFacts(prismaRunner(tx), ids.slice(i, i + BATCH))) days.add(day);
      }
      for (const day of await draftDaysChangedSince(prismaRunner(tx), current?.refreshedAt ?? new Date(0))) days.add(day);
      if (days.size > 0) {
        for (const sql of REBUILD_DAYS_SQL) await tx.$executeRawUnsafe(sql, [...days]);
      }
      await tx.statsRefreshState.upsert({
        where: { id: STATE_ID },
        create: { id: STATE_ID, lastEventId: upTo, refreshedAt: startedAt },
        update: { lastEventId: upTo, refreshedAt: startedAt },
      });
      return { cases: ids.length, lastEventId: upTo };
    },
    { maxWait: 30_000, timeout: 600_000 },
  );
}

/**
 * Recomputes every case from scratch (after a bulk load, or to repair): facts, then rollups.
 * Takes a plain SQL runner, so a bulk rebuild can use a pg client of its own.
 */
export async function rebuildStatistics(sql: SqlRunner, onProgress?: (done: number, total: number) => void): Promise<RefreshResult> {
  const [top] = await sql.query<{ max: bigint | string | null }>(`SELECT max(id) AS max FROM case_events`);
  const upTo = BigInt(top?.max ?? 0);
  const startedAt = new Date();
  await sql.execute(`TRUNCATE stats_case_facts`);
  const all = await sql.query<{ id: string }>(`SELECT id FROM applications WHERE submitted_at IS NOT NULL ORDER BY id`);
  for (let i = 0; i < all.length; i += BULK_BATCH) {
    await recomputeFacts(sql, all.slice(i, i + BULK_BATCH).map((row) => row.id), { skipOldDays: true });
    onProgress?.(Math.min(i + BULK_BATCH, all.length), all.length);
  }
  for (const statement of REBUILD_ALL_SQL) await sql.execute(statement);
  await sql.execute(
    `INSERT INTO stats_refresh_state (id, last_event_id, refreshed_at) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET last_event_id = EXCLUDED.last_event_id, refreshed_at = EXCLUDED.refreshed_at`,
    STATE_ID,
    upTo.toString(),
    startedAt,
  );
  return { cases: all.length, lastEventId: upTo };
}

// Drafts have no events; their updated_at (indexed) says which days to re-count. A draft saved by
// a transaction that was still open at the last refresh is caught by looking a minute further back.
const DRAFT_OVERLAP_MS = 60_000;

async function draftsChangedSince(sql: SqlRunner, refreshedAt: Date): Promise<boolean> {
  const rows = await sql.query<unknown>(`SELECT 1 FROM application_drafts WHERE updated_at > $1 LIMIT 1`, new Date(refreshedAt.getTime() - DRAFT_OVERLAP_MS));
  return rows.length > 0;
}

async function draftDaysChangedSince(sql: SqlRunner, refreshedAt: Date): Promise<string[]> {
  const rows = await sql.query<{ day: string }>(
    `SELECT DISTINCT to_char(created_at AT TIME ZONE '${TIME_ZONE}', 'YYYY-MM-DD') AS day FROM application_drafts WHERE updated_at > $1`,
    new Date(refreshedAt.getTime() - DRAFT_OVERLAP_MS),
  );
  return rows.map((row) => row.day);
}

const FACT_DAY_COLUMNS = ['submitted_day', 'decided_day', 'lapsed_day', 'withdrawn_day', 'report_due_day'] as const;

/** Replaces the facts rows of the cases; returns every metric day they had before or have now. */
async function recomputeFacts(sql: SqlRunner, ids: string[], options: { skipOldDays?: boolean } = {}): Promise<string[]> {
  if (ids.length === 0) return [];
  const days = new Set<string>();
  if (!options.skipOldDays) {
    const old = await sql.query<Record<string, string | null>>(
      `SELECT ${FACT_DAY_COLUMNS.map((c) => `to_char(${c}, 'YYYY-MM-DD') AS ${c}`).join(', ')} FROM stats_case_facts WHERE application_id = ANY($1::uuid[])`,
      ids,
    );
    for (const row of old) for (const column of FACT_DAY_COLUMNS) if (row[column]) days.add(row[column]!);
  }

  const applications = await sql.query<ApplicationRow>(
    // An association is new until it has applied in an earlier round (by its CVR number).
    `SELECT a.id, a.round_id, a.submitted_at, a.volunteers, a.target_group, a.amount_requested_ore, a.start_date, a.end_date,
            NOT EXISTS (SELECT 1 FROM applications b WHERE b.organization_cvr = a.organization_cvr AND b.submitted_at < a.submitted_at AND b.round_id <> a.round_id) AS first_time
     FROM applications a WHERE a.id = ANY($1::uuid[]) AND a.submitted_at IS NOT NULL`,
    ids,
  );
  const events = await sql.query<EventRow>(
    `SELECT application_id, type, from_status::text AS from_status, to_status::text AS to_status, occurred_at, details
     FROM case_events WHERE application_id = ANY($1::uuid[]) ORDER BY application_id, occurred_at, id`,
    ids,
  );
  const decisions = await sql.query<DecisionRow>(
    `SELECT application_id, sequence, outcome, amount_granted_ore, reasons FROM decisions WHERE application_id = ANY($1::uuid[])`,
    ids,
  );
  const rounds = await roundsOf(sql, [...new Set(applications.map((a) => a.round_id))]);

  const eventsOf = groupBy(events, (e) => e.application_id);
  const decisionsOf = groupBy(decisions, (d) => d.application_id);
  const rows = applications.map((application) => {
    const timeline: TimelineEvent[] = (eventsOf.get(application.id) ?? []).map((e) => ({
      type: e.type,
      from: e.from_status,
      to: e.to_status,
      at: e.occurred_at,
      details: e.details ?? {},
    }));
    const facts = caseTimelineFacts(application.submitted_at, timeline, rounds.get(application.round_id)!);
    // The decision in force (after any reconsideration) gives the outcome, the amount and the reasons.
    const final = (decisionsOf.get(application.id) ?? []).find((d) => d.sequence === facts.decisionSequence);
    const day = (at: Date | null) => (at ? localDay(at) : null);
    const row = {
      application_id: application.id,
      round_id: application.round_id,
      submitted_day: localDay(application.submitted_at),
      decided_day: day(facts.decidedAt),
      outcome: facts.outcome,
      turnaround_seconds: facts.turnaroundSeconds,
      applicant_seconds: facts.applicantSeconds,
      within_target: facts.withinTarget,
      screening_seconds: facts.stageSeconds.screening,
      queue_seconds: facts.stageSeconds.queue,
      round_wait_seconds: facts.stageSeconds.round_wait,
      review_seconds: facts.stageSeconds.review,
      approval_seconds: facts.stageSeconds.approval,
      information_requests: facts.informationRequests,
      missing_items: facts.missingItems,
      reason_codes: final && final.outcome !== 'approved' ? reasonCodes(final.reasons) : [],
      lapsed_day: day(facts.lapsedAt),
      withdrawn_day: day(facts.withdrawnAt),
      first_time: application.first_time,
      volunteers: application.volunteers,
      target_group: application.target_group,
      amount_requested_ore: String(application.amount_requested_ore),
      amount_granted_ore: facts.decidedAt && final ? String(final.amount_granted_ore) : null,
      case_state: facts.state,
      activity_term: activityTerm(application.start_date, application.end_date),
      report_due_day: day(facts.report.dueAt),
      report_on_time: facts.report.onTime,
      report_seconds: facts.report.secondsToSubmit,
      report_reminders: facts.report.reminders,
      reports_returned: facts.report.returned,
      repayment_ore: facts.report.repaymentOre === null ? null : String(facts.report.repaymentOre),
    };
    for (const column of FACT_DAY_COLUMNS) if (row[column]) days.add(row[column]!);
    return row;
  });

  await sql.execute(`DELETE FROM stats_case_facts WHERE application_id = ANY($1::uuid[])`, ids);
  if (rows.length > 0) {
    await sql.execute(
      `INSERT INTO stats_case_facts
       SELECT * FROM jsonb_populate_recordset(NULL::stats_case_facts, $1::jsonb)`,
      JSON.stringify(rows),
    );
  }
  return [...days];
}

/** Criteria codes the decision cited; reasons given only as free text count as "free_text". */
function reasonCodes(reasons: DecisionRow['reasons']): string[] {
  const criteria = Array.isArray(reasons?.criteria) ? reasons.criteria.filter((c): c is string => typeof c === 'string') : [];
  if (criteria.length > 0) return criteria;
  return typeof reasons?.text === 'string' && reasons.text.trim() ? ['free_text'] : [];
}

async function roundsOf(sql: SqlRunner, ids: string[]): Promise<Map<string, CaseRound>> {
  if (ids.length === 0) return new Map();
  const rows = await sql.query<{ id: string; mode: 'continuous' | 'deadline'; closes_at: Date | null; process_settings: unknown }>(
    `SELECT id, mode::text AS mode, closes_at, process_settings FROM funding_rounds WHERE id = ANY($1::uuid[])`,
    ids,
  );
  return new Map(rows.map((round) => [round.id, { mode: round.mode, closesAt: round.closes_at, decisionTargetMs: decisionTargetMs(round.process_settings) }]));
}

/** The round's decision target; a round whose settings no longer parse falls back to the default. */
export function decisionTargetMs(processSettings: unknown): number {
  const parsed = processSettingsSchema.safeParse(processSettings ?? {});
  return toProcessTimings(parsed.success ? parsed.data : processSettingsSchema.parse({})).decisionTargetMs;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
