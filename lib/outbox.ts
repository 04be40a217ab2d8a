import type { Database } from './db';
import { isUniqueViolation } from './db';

export interface ComposedEmail {
  recipient: string;
  subject: string;
  text: string;
  html: string;
  /** Where a reply goes: the round's contact person (the sender is a no-reply address). */
  replyTo?: string;
  /**
   * A list email's one-click unsubscribe address (RFC 8058): the mailer sends it as
   * List-Unsubscribe with List-Unsubscribe-Post, so mail programs offer their own button.
   */
  listUnsubscribe?: string;
}

/** A reply reaches the contact person the email names, when that person has an address. */
export function replyToContact(contactEmail: string): { replyTo?: string } {
  const address = contactEmail.trim();
  return address.includes('@') ? { replyTo: address } : {};
}

/** The channel a queued message is announced on, so the mailer need not wait for its next poll. */
export const OUTBOX_CHANNEL = 'grantflow_outbox';

/**
 * Only a wake-up call: a lost notification costs one polling interval, never the message. Inside a
 * transaction it is delivered when the transaction commits.
 */
export function wakeMailer(client: Pick<Database, '$executeRawUnsafe'>): Promise<unknown> {
  return client.$executeRawUnsafe(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
}

/**
 * Puts an email in the outbox once per message key (the table's unique index decides): a retried
 * activity or request finds the stored message and composes nothing again. Delivery is the
 * mailer's job, so a process that dies while composing can never have sent anything.
 */
export async function enqueueOnce(
  db: Database,
  message: { messageKey: string; applicationId: string | null; kind: string; attachmentIds: string[] },
  compose: () => Promise<ComposedEmail>,
): Promise<{ queued: boolean }> {
  const existing = await db.outboxEmail.findUnique({ where: { messageKey: message.messageKey }, select: { id: true } });
  if (existing) return { queued: false };
  const composed = await compose();
  try {
    await db.outboxEmail.create({ data: { ...composed, ...message } });
    await wakeMailer(db).catch(() => undefined);
    return { queued: true };
  } catch (error) {
    if (isUniqueViolation(error)) return { queued: false };
    throw error;
  }
}

/** Private links carry a token; once a message is sent its stored copy keeps the link's shape only. */
export function redactAccessLinks(content: string): string {
  return content.replace(/([?&#]adgang=)[A-Za-z0-9_-]{16,}/g, '$1[fjernet]');
}

/** The Message-ID every copy of an outbox message carries (a resend too): what to look for in the relay's log. */
export function outboxMessageId(outboxEmailId: string): string {
  return `<${outboxEmailId}@grantflow>`;
}
