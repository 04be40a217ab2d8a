import { z } from 'zod';
import { Prisma, type Database } from '../../../lib/db';
import { TARGET_GROUPS } from '../../../domain/categories';
import { oreToKroner } from '../../../domain/money';
import { formatCaseReference } from '../../../domain/reference';
import type { CaseStatus } from '../../../domain/status';
import { roundDecisionTargets, slaOf, SLA_STATES, SLA_DUE_SOON_SHARE, type SlaState } from './sla';

/** The statuses in which a case waits for someone in the municipality to act. */
export const WAITING_FOR_STAFF = ['IN_QUEUE', 'IN_REVIEW', 'AWAITING_APPROVAL', 'REPORT_SUBMITTED', 'RECONSIDERATION_REQUESTED', 'FORWARDED_TO_APPEALS_BOARD'] as const satisfies readonly CaseStatus[];
export type WaitingStatus = (typeof WAITING_FOR_STAFF)[number];

/** Before a decision the round's decision target runs; a submitted report has no such target. */
const UNDER_DECISION_TARGET: readonly WaitingStatus[] = ['IN_QUEUE', 'IN_REVIEW', 'AWAITING_APPROVAL'];

export const QUEUE_SORTS = ['oldest', 'newest', 'amount'] as const;
export const QUEUE_PAGE_SIZES = [25, 50, 100, 200] as const;

// Query strings and forms send "" for "any"; that means no filter.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** The queue's filters, sort and page: one schema for the JSON API and the queue page. */
export const queueFilterSchema = z.object({
  status: optional(z.enum(WAITING_FOR_STAFF)),
  roundId: optional(z.uuid()),
  /** "me" for my cases, "none" for cases no one has claimed, or a staff member's email. */
  assignee: optional(z.string().trim().toLowerCase().min(1).max(254)),
  targetGroup: optional(z.enum(TARGET_GROUPS)),
  sla: optional(z.enum(SLA_STATES)),
  /** Only cases where an automatic check did not pass (failed or asks for judgement). */
  flagged: optional(z.enum(['true', 'false']).transform((value) => value === 'true')),
  sort: optional(z.enum(QUEUE_SORTS)).transform((value) => value ?? 'oldest'),
  page: optional(z.coerce.number().int().min(1).max(100_000)).transform((value) => value ?? 1),
  pageSize: optional(z.coerce.number().int().min(1).max(200)).transform((value) => value ?? 50),
});

export type QueueFilter = z.infer<typeof queueFilterSchema>;

export interface QueueItem {
  id: string;
  reference: string;
  status: WaitingStatus;
  assignee: string | null;
  organization: string;
  title: string;
  targetGroup: string;
  round: { id: string; name: string };
  amountRequested: number;
  submittedAt: string;
  daysWaiting: number;
  /** Null for a submitted report: the decision target no longer runs. */
  sla: { state: SlaState; targetDays: number } | null;
  flagged: boolean;
}

export interface QueuePage {
  page: number;
  pageSize: number;
  /** Cases matching every filter. */
  total: number;
  /** Cases per status matching every filter except the status itself. */
  counts: Partial<Record<WaitingStatus, number>>;
  items: QueueItem[];
}

interface QueueRow {
  id: string;
  reference_number: number;
  submitted_at: Date;
  status: WaitingStatus;
  assignee: string | null;
  organization_name: string;
  project_title: string;
  amount_requested_ore: bigint;
  target_group: string;
  round_id: string;
  round_name: string;
  flagged: boolean;
}

// A check that did not pass: failed, or left for a caseworker's judgement.
// A constant in the SQL (not a parameter), so a partial index on the same condition can serve it.
const NOT_PASSED = Prisma.raw(`'$.rules[*] ? (@.outcome != "pass")'::jsonpath`);
const FLAGGED = Prisma.sql`EXISTS (SELECT 1 FROM screenings s WHERE s.application_id = a.id AND s.results @? ${NOT_PASSED})`;

/**
 * Every case waiting for staff, filtered, sorted and paged, with counts per status. One query
 * for the page and one for the counts, both on the applications table's own columns; the SLA
 * filter becomes a range on the submission time per round, so it can use the same index.
 */
export async function loadQueue(db: Database, filter: QueueFilter, viewer: { email: string }, now = new Date()): Promise<QueuePage> {
  const targets = await roundDecisionTargets(db);
  const conditions: Prisma.Sql[] = [];
  if (filter.roundId) conditions.push(Prisma.sql`a.round_id = ${filter.roundId}::uuid`);
  if (filter.assignee === 'none') conditions.push(Prisma.sql`a.assignee IS NULL`);
  else if (filter.assignee) conditions.push(Prisma.sql`a.assignee = ${filter.assignee === 'me' ? viewer.email : filter.assignee}`);
  if (filter.targetGroup) conditions.push(Prisma.sql`a.target_group = ${filter.targetGroup}`);
  if (filter.flagged !== undefined) conditions.push(filter.flagged ? FLAGGED : Prisma.sql`NOT ${FLAGGED}`);
  let statuses: readonly WaitingStatus[] = WAITING_FOR_STAFF;
  if (filter.sla) {
    statuses = UNDER_DECISION_TARGET;
    const perRound = [...targets].map(([roundId, targetMs]) => {
      const breachedBefore = new Date(now.getTime() - targetMs);
      const dueSoonBefore = new Date(now.getTime() - targetMs * SLA_DUE_SOON_SHARE);
      const range =
        filter.sla === 'breached'
          ? Prisma.sql`a.submitted_at < ${breachedBefore}`
          : filter.sla === 'due_soon'
            ? Prisma.sql`a.submitted_at >= ${breachedBefore} AND a.submitted_at < ${dueSoonBefore}`
            : Prisma.sql`a.submitted_at >= ${dueSoonBefore}`;
      return Prisma.sql`(a.round_id = ${roundId}::uuid AND ${range})`;
    });
    conditions.push(perRound.length ? Prisma.sql`(${Prisma.join(perRound, ' OR ')})` : Prisma.sql`FALSE`);
  }
  // Statuses are constants in the SQL (our own fixed list), so partial indexes on them apply.
  const inStatuses = (list: readonly WaitingStatus[]) => Prisma.raw(`a.status IN (${list.map((status) => `'${status}'`).join(', ')})`);
  const countWhere = Prisma.join([inStatuses(statuses), ...conditions], ' AND ');
  const listStatuses = filter.status ? statuses.filter((s) => s === filter.status) : statuses;
  const listWhere = listStatuses.length ? Prisma.join([inStatuses(listStatuses), ...conditions], ' AND ') : Prisma.sql`FALSE`;
  const order = (table: string) =>
    filter.sort === 'newest'
      ? Prisma.raw(`${table}.submitted_at DESC, ${table}.id DESC`)
      : filter.sort === 'amount'
        ? Prisma.raw(`${table}.amount_requested_ore DESC, ${table}.submitted_at ASC, ${table}.id ASC`)
        : Prisma.raw(`${table}.submitted_at ASC, ${table}.id ASC`);

  // The page is chosen first; the round's name and the flag are looked up for its rows only.
  const [rows, countRows] = await Promise.all([
    db.$queryRaw<QueueRow[]>`
      SELECT q.*, r.name AS round_name, EXISTS (SELECT 1 FROM screenings s WHERE s.application_id = q.id AND s.results @? ${NOT_PASSED}) AS flagged
      FROM (
        SELECT a.id, a.reference_number, a.submitted_at, a.status, a.assignee, a.organization_name, a.project_title,
               a.amount_requested_ore, a.target_group, a.round_id
        FROM applications a
        WHERE ${listWhere}
        ORDER BY ${order('a')}
        LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}
      ) q JOIN funding_rounds r ON r.id = q.round_id
      ORDER BY ${order('q')}`,
    db.$queryRaw<{ status: WaitingStatus; cases: bigint }[]>`
      SELECT a.status, count(*) AS cases FROM applications a WHERE ${countWhere} GROUP BY a.status`,
  ]);

  const counts: Partial<Record<WaitingStatus, number>> = {};
  for (const row of countRows) counts[row.status] = Number(row.cases);
  const total = listStatuses.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
  return {
    page: filter.page,
    pageSize: filter.pageSize,
    total,
    counts,
    items: rows.map((row) => {
      const targetMs = targets.get(row.round_id);
      return {
        id: row.id,
        reference: formatCaseReference(row.reference_number, row.submitted_at),
        status: row.status,
        assignee: row.assignee,
        organization: row.organization_name,
        title: row.project_title,
        targetGroup: row.target_group,
        round: { id: row.round_id, name: row.round_name },
        amountRequested: oreToKroner(row.amount_requested_ore),
        submittedAt: row.submitted_at.toISOString(),
        daysWaiting: Math.floor((now.getTime() - row.submitted_at.getTime()) / 86_400_000),
        sla: UNDER_DECISION_TARGET.includes(row.status) && targetMs !== undefined ? slaOf(row.submitted_at, targetMs, now) : null,
        flagged: row.flagged,
      };
    }),
  };
}
