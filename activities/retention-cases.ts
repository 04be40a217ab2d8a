import type { Prisma } from '../lib/db';
import { redactPersonalData } from '../domain/retention';

// Anonymising a case that ended long enough ago: its contact data, free-text answers, uploads,
// letters, notes and emails go; its events, decisions, payouts and statistics facts stay, so the
// statistics and the accounts stay true. Everything here runs inside the caller's transaction.

type Tx = Prisma.TransactionClient;

/** A case ends in one of these (a refusal stays DECIDED; a grant moves on to its payout). */
export const ENDED_CASE_STATUSES = ['CLOSED', 'WITHDRAWN', 'LAPSED', 'GRANT_DECLINED', 'GRANT_LAPSED', 'DECIDED'] as const;

/**
 * Up to `limit` ended cases not yet anonymised whose last event lies before `cutoff`: with a
 * payout (`granted`) or without. Locked, so two runs never anonymise the same case at once.
 */
export async function expiredCases(tx: Tx, options: { granted: boolean; cutoff: Date; limit: number }): Promise<string[]> {
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
    `SELECT a.id FROM applications a
     WHERE a.anonymised_at IS NULL AND a.status::text = ANY($1::text[])
       AND EXISTS (SELECT 1 FROM payouts p WHERE p.application_id = a.id) = $2
       AND (SELECT max(e.occurred_at) FROM case_events e WHERE e.application_id = a.id) < $3
     ORDER BY a.id LIMIT $4 FOR UPDATE OF a SKIP LOCKED`,
    [...ENDED_CASE_STATUSES],
    options.granted,
    options.cutoff,
    options.limit,
  );
  return rows.map((row) => row.id);
}

/** JSON columns whose free text is redacted in place (their codes, numbers and dates stay). */
const JSON_COLUMNS = [
  { table: 'information_requests', column: 'answer', idType: 'uuid' },
  { table: 'consultations', column: 'facts', idType: 'uuid' },
  { table: 'consultations', column: 'answer', idType: 'uuid' },
  { table: 'follow_up_reports', column: 'content', idType: 'uuid' },
  { table: 'reconsiderations', column: 'answer_reasons', idType: 'uuid' },
  // The events stay (the statistics are computed from them), without a withdrawal's or a
  // returned decision's written reasons.
  { table: 'case_events', column: 'details', idType: 'bigint' },
] as const;

/** Free-text columns emptied on the case's own rows. */
const TEXT_COLUMNS: readonly string[] = [
  `UPDATE information_requests SET message = '' WHERE application_id = ANY($1::uuid[])`,
  `UPDATE consultations SET message = '' WHERE application_id = ANY($1::uuid[])`,
  `UPDATE follow_up_reports SET review_comment = NULL WHERE application_id = ANY($1::uuid[])`,
  `UPDATE decisions SET approver_comment = NULL WHERE application_id = ANY($1::uuid[])`,
  `UPDATE reconsiderations SET reasons = '', board_text = NULL, document_ids = '{}' WHERE application_id = ANY($1::uuid[])`,
  `UPDATE grant_changes SET reasons = '', decision_reasons = NULL WHERE application_id = ANY($1::uuid[])`,
  `UPDATE repayments SET reasons = NULL WHERE application_id = ANY($1::uuid[])`,
  `UPDATE outbox_emails SET recipient = '', subject = '', text = '', html = '', reply_to = NULL, last_error = NULL, attachment_ids = '{}'
   WHERE application_id = ANY($1::uuid[])`,
  `DELETE FROM documents WHERE application_id = ANY($1::uuid[])`,
  `DELETE FROM case_notes WHERE application_id = ANY($1::uuid[])`,
  `DELETE FROM access_tokens WHERE application_id = ANY($1::uuid[])`,
  // The draft the case was submitted from: its counts for the statistics stay, its answers go.
  `UPDATE application_drafts SET data = '{}'::jsonb, resume_email = NULL, anonymised_at = $2,
     token_hash = md5(random()::text || id::text) || md5(clock_timestamp()::text || id::text)
   WHERE application_id = ANY($1::uuid[])`,
];

/** Removes the personal data of the given cases (also a Norwegian payout account); the organisation's name and CVR number, the
 *  project title (published with the grant), and every figure stay. */
export async function anonymiseCases(tx: Tx, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  const submissions = await tx.$queryRawUnsafe<{ id: string; submission: unknown }[]>(
    `SELECT id, submission FROM applications WHERE id = ANY($1::uuid[])`,
    ids,
  );
  await tx.$executeRawUnsafe(
    `UPDATE applications a SET contact_name = '', contact_email = '', organization_email = '', project_purpose = '', payout_account = NULL,
       submission = r.submission, idempotency_key_hash = NULL, access_token_sealed = NULL, request_fingerprint = NULL, anonymised_at = $2
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, submission jsonb) WHERE a.id = r.id`,
    JSON.stringify(submissions.map((row) => ({ id: row.id, submission: redactPersonalData(row.submission) }))),
    now,
  );
  for (const { table, column, idType } of JSON_COLUMNS) {
    const rows = await tx.$queryRawUnsafe<{ id: string; value: unknown }[]>(
      `SELECT id, ${column} AS value FROM ${table} WHERE application_id = ANY($1::uuid[]) AND ${column} IS NOT NULL`,
      ids,
    );
    if (rows.length === 0) continue;
    await tx.$executeRawUnsafe(
      `UPDATE ${table} t SET ${column} = r.value FROM jsonb_to_recordset($1::jsonb) AS r(id ${idType}, value jsonb) WHERE t.id = r.id`,
      JSON.stringify(rows.map((row) => ({ id: String(row.id), value: redactPersonalData(row.value) }))),
    );
  }
  for (const statement of TEXT_COLUMNS) {
    if (statement.includes('$2')) await tx.$executeRawUnsafe(statement, ids, now);
    else await tx.$executeRawUnsafe(statement, ids);
  }
}
