import type { Client } from '@temporalio/client';
import type { Database } from '../../../lib/db';
import { grantApplicationWorkflowId } from '../../../domain/workflow-ids';
import { caseStateQuery } from '../../../workflows/messages';

// Row counts and a hash of every table of the database, but those that change with any request by
// design. Two fingerprints taken before and after a fuzz run must be equal.

/**
 * Tables left out, and why:
 * - rate_limits: the counters of every request (the rate limits count refused requests too);
 * - staff_access_log: every staff view of a case's personal data is logged, by design;
 * - staff_login_attempts: every failed sign-in is logged (the throttle counts them);
 * - stats_case_facts, stats_rollup, stats_refresh_state: the statistics' derived cache, rebuilt
 *   from case_events when the statistics are read;
 * - _prisma_migrations: not data.
 */
export const EXCLUDED_TABLES = ['rate_limits', 'staff_access_log', 'staff_login_attempts', 'stats_case_facts', 'stats_rollup', 'stats_refresh_state', '_prisma_migrations'];

/** Columns that move on every use of a row: a staff session's last use and the idle expiry it extends. */
export const EXCLUDED_COLUMNS: Record<string, string[]> = { staff_sessions: ['last_seen_at', 'expires_at'] };

/** Rows left out: a staff search for a data subject (access log, audit log) is itself logged, by design. */
export const EXCLUDED_ROWS: Record<string, string> = { staff_audit_log: `action NOT LIKE '%.search'` };

export interface Fingerprint {
  /** table → "<rows> <md5 of the rows>" */
  tables: Record<string, string>;
}

/**
 * The fingerprint of every table but the excluded ones. `skipRows` leaves out rows by id (the
 * scratch draft, whose step form keeps what was typed), still counting them.
 */
export async function fingerprint(db: Database, skipRows: Record<string, string[]> = {}): Promise<Fingerprint> {
  const tables = await db.$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const result: Record<string, string> = {};
  for (const { table_name: table } of tables) {
    if (EXCLUDED_TABLES.includes(table)) continue;
    const drop = (EXCLUDED_COLUMNS[table] ?? []).map((column) => ` - '${column}'`).join('');
    const skipped = skipRows[table]?.length ? `CASE WHEN t.id::text IN (${skipRows[table]!.map((id) => `'${id.replace(/'/g, '')}'`).join(',')}) THEN 'skipped' ELSE ` : '';
    const row = `md5((to_jsonb(t)${drop})::text)`;
    const [{ rows, hash }] = await db.$queryRawUnsafe<{ rows: bigint; hash: string | null }[]>(
      `SELECT count(*) AS rows, md5(string_agg(h, ',' ORDER BY h)) AS hash FROM (SELECT ${skipped ? `${skipped}${row} END` : row} AS h FROM "${table}" t${EXCLUDED_ROWS[table] ? ` WHERE ${EXCLUDED_ROWS[table]}` : ''}) s`,
    ) as [{ rows: bigint; hash: string | null }];
    result[table] = `${rows} ${hash ?? '-'}`;
  }
  return { tables: result };
}

/** The tables whose fingerprints differ, with both. */
export function differences(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...Object.keys(before.tables), ...Object.keys(after.tables)]);
  return [...names].filter((name) => before.tables[name] !== after.tables[name]).map((name) => `${name}: ${before.tables[name]} → ${after.tables[name]}`);
}

/** The rows of the given tables as JSON, by primary key (or the whole row), to say what changed. */
export async function rowsOf(db: Database, tables: string[]): Promise<Map<string, Record<string, unknown>>> {
  const rows = new Map<string, Record<string, unknown>>();
  for (const table of tables) {
    const drop = (EXCLUDED_COLUMNS[table] ?? []).map((column) => ` - '${column}'`).join('');
    const found = await db.$queryRawUnsafe<{ row: Record<string, unknown> }[]>(`SELECT (to_jsonb(t)${drop}) AS row FROM "${table}" t${EXCLUDED_ROWS[table] ? ` WHERE ${EXCLUDED_ROWS[table]}` : ''}`);
    for (const { row } of found) rows.set(`${table} ${String(row.id ?? row.token_hash ?? row.key ?? JSON.stringify(row))}`, row);
  }
  return rows;
}

/** Rows added, removed or changed between two rowsOf() readings, with the columns that changed. */
export function rowChanges(before: Map<string, Record<string, unknown>>, after: Map<string, Record<string, unknown>>): string[] {
  const changes: string[] = [];
  const cut = (value: unknown) => JSON.stringify(value)?.slice(0, 300);
  for (const [key, row] of after) {
    const old = before.get(key);
    if (!old) changes.push(`added ${key}: ${cut(row)}`);
    else {
      const columns = Object.keys(row).filter((column) => JSON.stringify(row[column]) !== JSON.stringify(old[column]));
      if (columns.length) changes.push(`changed ${key}: ${columns.map((column) => `${column} ${cut(old[column])} → ${cut(row[column])}`).join('; ')}`);
    }
  }
  for (const key of before.keys()) if (!after.has(key)) changes.push(`removed ${key}`);
  return changes;
}

/**
 * A case's workflow as the fingerprint sees it: its state, and the activities it waits on. A
 * request a workflow took in but an activity cannot store shows here (the tables stay as they were).
 */
export async function caseWorkflowFingerprint(temporal: Client, applicationId: string): Promise<Record<string, string>> {
  const handle = temporal.workflow.getHandle(grantApplicationWorkflowId(applicationId));
  const [state, description] = await Promise.all([handle.query(caseStateQuery), handle.describe()]);
  const pending = (description.raw.pendingActivities ?? []).map((activity) => `${activity.activityType?.name} attempt ${activity.attempt}`);
  return { [`workflow ${applicationId}`]: `${JSON.stringify(state)} pending: ${pending.join(', ') || 'none'}` };
}
