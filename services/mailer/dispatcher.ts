import type { Database } from '../../lib/db';
import type { Logger } from '../../lib/logger';
import type { Mailer } from '../../lib/mailer';
import { outboxMessageId, redactAccessLinks } from '../../lib/outbox';
import { claimantIdentity, claimNext, markStaleClaimsUncertain, recordOutcome, type Claim, type ClaimedMessage, type Outcome, type SqlClient } from './claims';
import { classifySendFailure, isPermanentRejection, retryDelayMs, type RetryPolicy } from './retry';

export interface OutboxDispatcher {
  /** Sends what is pending, oldest first; returns how many were sent. */
  dispatchPending(limit?: number): Promise<number>;
  /** Delivers now rather than at the next poll (a message was just queued). */
  wake(): void;
  start(): void;
  stop(): Promise<void>;
}

/** The defaults of OUTBOX_RETRY_BASE, OUTBOX_RETRY_MAX and OUTBOX_MAX_ATTEMPTS. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 10_000, maxMs: 3_600_000, maxAttempts: 15 };

/**
 * How much longer than the SMTP send limit a claim may stand before its mailer counts as dead:
 * a live mailer has its answer by the limit, and records it well within this.
 */
export const OUTBOX_CLAIM_MARGIN_MS = 20_000;

/** How often, and how long apart, recording an outcome is tried while PostgreSQL does not answer. */
const RECORD_ATTEMPTS = 6;
const RECORD_RETRY_MS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Delivers the outbox over SMTP. Each message is first claimed (`pending` → `sending`, committed at
 * once; replicas skip each other's rows), then sent with no transaction open, then marked `sent`.
 * A send that failed before the SMTP server could have taken the message waits before its next
 * attempt (exponential backoff with jitter), and after `retry.maxAttempts` failures — or at once
 * when the server refuses its recipient for good — it becomes a dead letter (status `dead`). A
 * send that may have delivered it (the connection cut or timed out once the body was on its way)
 * becomes `uncertain`, as does a claim older than the send limit plus a margin (its mailer died
 * between the server's "250" and the record): SMTP has no two-phase commit, so rather than send
 * such a message twice it is set aside for an admin, who looks for its Message-ID in the relay's
 * log and marks it sent or has it resent. /metrics counts both kinds and alerts report them.
 */
export function createOutboxDispatcher({
  db,
  sql,
  mailer,
  log,
  intervalMs = 500,
  concurrency = 4,
  retry = DEFAULT_RETRY_POLICY,
  staleClaimAfterMs = mailer.timeoutMs + OUTBOX_CLAIM_MARGIN_MS,
  claimant = claimantIdentity(),
}: {
  /** For attachments (documents); the outbox's own statements run on `sql`. */
  db: Database;
  sql: SqlClient;
  mailer: Mailer;
  log: Logger;
  intervalMs?: number;
  /** Messages sent at once. */
  concurrency?: number;
  retry?: RetryPolicy;
  /** A claim older than this was left by a mailer that died: its message becomes `uncertain`. */
  staleClaimAfterMs?: number;
  /** This dispatcher's identity in `claimed_by`. */
  claimant?: string;
}): OutboxDispatcher {
  // A live mailer's claim must never look abandoned: its send ends (by the limit) before that.
  if (mailer.timeoutMs >= staleClaimAfterMs) {
    throw new Error(`the SMTP send limit (${mailer.timeoutMs} ms) must be below the age at which a claim counts as abandoned (${staleClaimAfterMs} ms)`);
  }
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  /** Records an outcome, trying again for a while when PostgreSQL does not answer (it may be restarting). */
  async function record(claim: Claim, outcome: Outcome): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        if (!(await recordOutcome(sql, claimant, claim, outcome))) {
          log.warn({ outboxEmailId: claim.id, outcome: outcome.status }, 'the message was resolved meanwhile; its outcome is not recorded');
        }
        return;
      } catch (error) {
        if (attempt >= RECORD_ATTEMPTS) {
          // The row stays `sending` and becomes `uncertain` once its claim is stale.
          log.error({ outboxEmailId: claim.id, outcome: outcome.status, err: error }, 'could not record the outcome of a send');
          return;
        }
        await sleep(RECORD_RETRY_MS * attempt);
      }
    }
  }

  /** Sends one claimed message and records what became of it; returns the error of a failed send. */
  async function deliver(message: ClaimedMessage): Promise<Error | undefined> {
    const claim: Claim = message;
    let attachments: { filename: string; contentType: string; content: Uint8Array }[] = [];
    try {
      if (message.attachmentIds.length) {
        attachments = await db.document.findMany({ where: { id: { in: message.attachmentIds } }, select: { filename: true, contentType: true, content: true } });
      }
    } catch (error) {
      // Nothing went to the SMTP server: a definite failure.
      await record(claim, { status: 'pending', nextAttemptAt: new Date(Date.now() + retryDelayMs(claim.attempts, retry)), lastError: (error as Error).message });
      return error as Error;
    }
    try {
      await mailer.send({
        messageId: outboxMessageId(message.id),
        to: message.recipient,
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        ...(message.listUnsubscribe ? { listUnsubscribe: message.listUnsubscribe } : {}),
        attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) })),
      });
    } catch (error) {
      const lastError = (error as Error).message;
      if (classifySendFailure(error) === 'uncertain') {
        log.error({ outboxEmailId: claim.id, messageId: outboxMessageId(claim.id), err: error }, 'the SMTP server may or may not have taken the email; set aside as uncertain for an admin');
        await record(claim, { status: 'uncertain', lastError });
        return error as Error;
      }
      const dead = claim.attempts >= retry.maxAttempts || isPermanentRejection(error);
      if (dead) log.error({ outboxEmailId: claim.id, attempts: claim.attempts, err: error }, 'email set aside as a dead letter');
      await record(claim, dead ? { status: 'dead', lastError } : { status: 'pending', nextAttemptAt: new Date(Date.now() + retryDelayMs(claim.attempts, retry)), lastError });
      return error as Error;
    }
    await record(claim, {
      status: 'sent',
      text: redactAccessLinks(message.text),
      html: redactAccessLinks(message.html),
      listUnsubscribe: message.listUnsubscribe ? redactAccessLinks(message.listUnsubscribe) : null,
    });
    return undefined;
  }

  async function sendOne(): Promise<boolean> {
    const claim = await claimNext(sql, claimant);
    if (!claim) return false;
    const failure = await deliver(claim);
    if (failure) throw failure;
    return true;
  }

  async function setAsideAbandonedClaims(): Promise<void> {
    for (const row of await markStaleClaimsUncertain(sql, staleClaimAfterMs)) {
      log.error({ outboxEmailId: row.id, messageId: outboxMessageId(row.id), claimedBy: row.claimedBy, claimedAt: row.claimedAt }, 'a mailer stopped while sending this email; set aside as uncertain for an admin');
    }
  }

  async function dispatchPending(limit = 100): Promise<number> {
    let sent = 0;
    await setAsideAbandonedClaims();
    // Parallel senders never claim the same row; all of them finish before this returns, so
    // stop() never leaves a claim without its outcome.
    const senders = await Promise.allSettled(
      Array.from({ length: concurrency }, async () => {
        while (sent < limit && (await sendOne())) sent += 1;
      }),
    );
    const failed = senders.find((sender): sender is PromiseRejectedResult => sender.status === 'rejected');
    if (failed) throw failed.reason;
    return sent;
  }

  let ticking = false;
  let wokenWhileTicking = false;
  function tick(): void {
    ticking = true;
    wokenWhileTicking = false;
    running = dispatchPending()
      .catch((error) => log.warn({ err: error }, 'outbox delivery failed; will retry'))
      .finally(() => {
        ticking = false;
        if (!stopped) timer = setTimeout(tick, wokenWhileTicking ? 0 : intervalMs);
      });
  }

  return {
    dispatchPending,
    wake() {
      if (stopped) return;
      if (ticking) {
        wokenWhileTicking = true;
        return;
      }
      if (timer) clearTimeout(timer);
      tick();
    },
    start() {
      stopped = false;
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
