import crypto from 'node:crypto';
import os from 'node:os';
import type { Database } from '../../lib/db';

// The outbox's row states as the mailers move them. A message is claimed before it is sent: one
// short statement moves it from `pending` to `sending` with the claimer's identity and the time,
// and commits — no lock is held while the SMTP server is talked to. Its outcome is recorded
// against that claim only; a claim nobody recorded an outcome for in time (its mailer died) makes
// the message `uncertain`, which nothing sends again by itself.

/** A mailer process's identity in `claimed_by`: host, process id and a random part (pids repeat). */
export function claimantIdentity(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
}

export interface Claim {
  id: string;
  claimedAt: Date;
  attempts: number;
}

/**
 * Claims the next message due (oldest first, fewest attempts first) for `claimant`, or none.
 * Replicas never claim the same one (SKIP LOCKED); the attempt is counted here, so a message whose
 * mailer died mid-send has it counted too.
 */
export async function claimNext(db: Database, claimant: string): Promise<Claim | undefined> {
  const [claim] = await db.$queryRaw<Claim[]>`
    UPDATE outbox_emails SET status = 'sending', claimed_by = ${claimant}, claimed_at = now(), attempts = attempts + 1
    WHERE id = (
      SELECT id FROM outbox_emails
      WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= now())
      ORDER BY attempts, created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id, claimed_at AS "claimedAt", attempts`;
  return claim;
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
export async function recordOutcome(db: Database, claimant: string, claim: Claim, outcome: Outcome): Promise<boolean> {
  const data =
    outcome.status === 'sent'
      ? { status: 'sent' as const, sentAt: new Date(), lastError: null, nextAttemptAt: null, text: outcome.text, html: outcome.html, ...(outcome.listUnsubscribe !== undefined ? { listUnsubscribe: outcome.listUnsubscribe } : {}) }
      : outcome.status === 'pending'
        ? { status: 'pending' as const, nextAttemptAt: outcome.nextAttemptAt, lastError: outcome.lastError.slice(0, 500) }
        : { status: outcome.status, nextAttemptAt: null, lastError: outcome.lastError.slice(0, 500) };
  const { count } = await db.outboxEmail.updateMany({
    where: { id: claim.id, claimedBy: claimant, claimedAt: claim.claimedAt, status: { in: ['sending', 'uncertain'] } },
    data,
  });
  return count === 1;
}

/**
 * Messages left in `sending` longer than `staleAfterMs` (their mailer died between claim and
 * outcome) become `uncertain`; returns them. Times are the database's, so clocks need not agree.
 */
export async function markStaleClaimsUncertain(db: Database, staleAfterMs: number): Promise<{ id: string; claimedBy: string | null; claimedAt: Date | null }[]> {
  return db.$queryRaw`
    UPDATE outbox_emails SET status = 'uncertain'
    WHERE status = 'sending' AND claimed_at < now() - make_interval(secs => ${staleAfterMs / 1000}::float8)
    RETURNING id, claimed_by AS "claimedBy", claimed_at AS "claimedAt"`;
}
