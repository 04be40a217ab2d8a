import type { Database } from '../../lib/db';
import type { Logger } from '../../lib/logger';
import type { Mailer } from '../../lib/mailer';
import { isPermanentRejection, retryDelayMs, type RetryPolicy } from './retry';

/** Private links carry a token; once a message is sent its stored copy keeps the link's shape only. */
export function redactAccessLinks(content: string): string {
  return content.replace(/([?&#]adgang=)[A-Za-z0-9_-]{16,}/g, '$1[fjernet]');
}

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

/** How long one message's row may stay locked while the SMTP server is asked to take it. */
export const OUTBOX_TRANSACTION_TIMEOUT_MS = 60_000;

/**
 * Delivers the outbox over SMTP. Each message is sent while its row is locked and marked sent in
 * the same transaction, so replicas never send the same message (SKIP LOCKED) and a crash leaves
 * at most the one message in flight to be sent again (SMTP has no two-phase commit). A message
 * that fails waits before its next attempt (exponential backoff with jitter), and after
 * `retry.maxAttempts` failures — or at once when the server refuses its recipient for good — it
 * becomes a dead letter (status `dead`), which /metrics counts and an alert reports.
 */
export function createOutboxDispatcher({
  db,
  mailer,
  log,
  intervalMs = 500,
  concurrency = 4,
  retry = DEFAULT_RETRY_POLICY,
  transactionTimeoutMs = OUTBOX_TRANSACTION_TIMEOUT_MS,
}: {
  db: Database;
  mailer: Mailer;
  log: Logger;
  intervalMs?: number;
  /** Messages sent at once; each waits for the SMTP server while holding its row's lock. */
  concurrency?: number;
  retry?: RetryPolicy;
  transactionTimeoutMs?: number;
}): OutboxDispatcher {
  // A send that outlived the transaction would finish on a row whose lock is gone: another
  // replica could send the same message meanwhile, and "sent" could never be recorded.
  if (mailer.timeoutMs >= transactionTimeoutMs) {
    throw new Error(`the SMTP send limit (${mailer.timeoutMs} ms) must be below the outbox transaction's (${transactionTimeoutMs} ms)`);
  }
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  async function sendOne(): Promise<boolean> {
    const outcome = await db.$transaction(
      async (tx) => {
        const [next] = await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM outbox_emails
          WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= now())
          ORDER BY attempts, created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`;
        if (!next) return 'empty' as const;
        const message = await tx.outboxEmail.findUniqueOrThrow({ where: { id: next.id } });
        const attachments = message.attachmentIds.length
          ? await tx.document.findMany({ where: { id: { in: message.attachmentIds } }, select: { filename: true, contentType: true, content: true } })
          : [];
        try {
          await mailer.send({
            messageId: `<${message.id}@grantflow>`,
            to: message.recipient,
            subject: message.subject,
            text: message.text,
            html: message.html,
            ...(message.replyTo ? { replyTo: message.replyTo } : {}),
            attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) })),
          });
        } catch (error) {
          // Recorded while the row is still locked, in one statement, so no other sender can
          // pick the message up between the failure and its next attempt's time. The callback
          // returns normally: the transaction commits the failure, never a half-sent state.
          const attempts = message.attempts + 1;
          const dead = attempts >= retry.maxAttempts || isPermanentRejection(error);
          await tx.outboxEmail.update({
            where: { id: message.id },
            data: {
              attempts,
              lastError: (error as Error).message.slice(0, 500),
              status: dead ? 'dead' : 'pending',
              nextAttemptAt: dead ? null : new Date(Date.now() + retryDelayMs(attempts, retry)),
            },
          });
          return { failedId: message.id, error: error as Error, dead, attempts };
        }
        await tx.outboxEmail.update({
          where: { id: message.id },
          data: { status: 'sent', sentAt: new Date(), attempts: { increment: 1 }, lastError: null, text: redactAccessLinks(message.text), html: redactAccessLinks(message.html) },
        });
        return 'sent' as const;
      },
      { maxWait: 10_000, timeout: transactionTimeoutMs },
    );
    if (outcome === 'empty') return false;
    if (outcome === 'sent') return true;
    if (outcome.dead) log.error({ outboxEmailId: outcome.failedId, attempts: outcome.attempts, err: outcome.error }, 'email set aside as a dead letter');
    throw outcome.error;
  }

  async function dispatchPending(limit = 100): Promise<number> {
    let sent = 0;
    // Parallel senders never pick the same row (SKIP LOCKED); all of them finish before this
    // returns, so stop() never leaves a message half-sent.
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
