import crypto from 'node:crypto';
import os from 'node:os';
import type pg from 'pg';

// The outbox's row states as the mailers move them. A message is claimed before it is sent: one
// short statement moves it from `pending` to `sending` with the claimer's identity and the time,
// and commits — no lock is held while the SMTP server is talked to. Its outcome is recorded
// against that claim only; a claim nobody recorded an outcome for in time (its mailer died) makes
// the message `uncertain`, which nothing sends again by itself. The statements run on plain
// connections: every email passes through them, and Prisma 6 compiled each query anew.

/** A mailer process's identity in `claimed_by`: host, process id and a random part (pids repeat). */
export function claimantIdentity(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
}

export interface Claim {
  id: string;
  claimedAt: Date;
  attempts: number;
}

/** A claimed message with what the SMTP server is sent. */
export interface ClaimedMessage extends Claim {
  recipient: string;
  subject: string;
  text: string;
  html: string;
  replyTo: string | null;
  listUnsubscribe: string | null;
  attachmentIds: string[];
}

/** What the claims run their statements on: the mailer's pool of plain connections. */
export type SqlClient = Pick<pg.Pool, 'query'>;

/**
 * Claims the next message due (oldest first, fewest attempts first) for `claimant`, or none, and
 * returns it with its content. Replicas never claim the same one (SKIP LOCKED); the attempt is
 * counted here, so a message whose mailer died mid-send has it counted too.
 */
export async function claimNext(sql: SqlClient, claimant: string): Promise<ClaimedMessage | undefined> {
  const { rows } = await sql.query<ClaimedMessage>(
    `UPDATE outbox_emails SET status = 'sending', claimed_by = $1, claimed_at = now(), attempts = attempts + 1
     WHERE id = (
       SELECT id FROM outbox_emails
       WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= now())
       ORDER BY attempts, created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING id, claimed_at AS "claimedAt", attempts, recipient, subject, text, html, reply_to AS "replyTo",
               list_unsubscribe AS "listUnsubscribe", coalesce(attachment_ids, '{}') AS "attachmentIds"`,
    [claimant],
  );
  return rows[0];
}

export type Outcome =
  | { status: 'sent'; text: string; html: string; listUnsubscribe?: string | null }
  | { status: 'pending'; nextAttemptAt: Date; lastError: string }
  | { status: 'dead' | 'uncertain'; lastError: string };

/**
 * Records what became of a claimed message, if the claim still stands: a message an admin resolved
 * meanwhile is left as they decided. A claim swept to `uncertain` (its outcome came too late) still
 * takes it, since its mailer knows now. False when the claim no longer stood.
 */
export async function recordOutcome(sql: SqlClient, claimant: string, claim: Claim, outcome: Outcome): Promise<boolean> {
  const stands = `id = $1 AND claimed_by = $2 AND claimed_at = $3 AND status IN ('sending', 'uncertain')`;
  const claimed = [claim.id, claimant, claim.claimedAt];
  const result =
    outcome.status === 'sent'
      ? await sql.query(
          `UPDATE outbox_emails SET status = 'sent', sent_at = now(), last_error = NULL, next_attempt_at = NULL, text = $4, html = $5,
             list_unsubscribe = CASE WHEN $6::boolean THEN $7 ELSE list_unsubscribe END
           WHERE ${stands}`,
          [...claimed, outcome.text, outcome.html, outcome.listUnsubscribe !== undefined, outcome.listUnsubscribe ?? null],
        )
      : await sql.query(`UPDATE outbox_emails SET status = $4::"EmailStatus", next_attempt_at = $5, last_error = $6 WHERE ${stands}`, [
          ...claimed,
          outcome.status,
          outcome.status === 'pending' ? outcome.nextAttemptAt : null,
          outcome.lastError.slice(0, 500),
        ]);
  return result.rowCount === 1;
}

/**
 * Messages left in `sending` longer than `staleAfterMs` (their mailer died between claim and
 * outcome) become `uncertain`; returns them. Times are the database's, so clocks need not agree.
 */
export async function markStaleClaimsUncertain(sql: SqlClient, staleAfterMs: number): Promise<{ id: string; claimedBy: string | null; claimedAt: Date | null }[]> {
  const { rows } = await sql.query<{ id: string; claimedBy: string | null; claimedAt: Date | null }>(
    `UPDATE outbox_emails SET status = 'uncertain'
     WHERE status = 'sending' AND claimed_at < now() - make_interval(secs => $1::float8)
     RETURNING id, claimed_by AS "claimedBy", claimed_at AS "claimedAt"`,
    [staleAfterMs / 1000],
  );
  return rows;
}
