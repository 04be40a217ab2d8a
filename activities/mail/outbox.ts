import type { Database } from '../../lib/db';
import { isUniqueViolation } from '../../lib/db';
import type { Mailer } from '../../lib/mailer';

export interface ComposedEmail {
  recipient: string;
  subject: string;
  text: string;
  html: string;
}

/** Private links carry a token; once a message is sent its stored copy keeps the link's shape only. */
export function redactAccessLinks(content: string): string {
  return content.replace(/([?&#]adgang=)[A-Za-z0-9_-]{16,}/g, '$1[fjernet]');
}

/**
 * Sends a case email at most once per message key: the message is written to the outbox first
 * (unique key), and delivered only while it is not marked sent. A retried activity finds the
 * stored message and does not compose it again.
 */
export async function deliverOnce(
  { db, mailer }: { db: Database; mailer: Mailer },
  message: { messageKey: string; applicationId: string | null; kind: string; attachmentIds: string[] },
  compose: () => Promise<ComposedEmail>,
): Promise<{ sent: boolean }> {
  let stored = await db.outboxEmail.findUnique({ where: { messageKey: message.messageKey } });
  if (stored?.status === 'sent') return { sent: false };
  if (!stored) {
    const composed = await compose();
    try {
      stored = await db.outboxEmail.create({
        data: { ...composed, messageKey: message.messageKey, applicationId: message.applicationId, kind: message.kind, attachmentIds: message.attachmentIds },
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      stored = await db.outboxEmail.findUniqueOrThrow({ where: { messageKey: message.messageKey } });
      if (stored.status === 'sent') return { sent: false };
    }
  }

  const attachments = stored.attachmentIds.length
    ? await db.document.findMany({ where: { id: { in: stored.attachmentIds } }, select: { filename: true, contentType: true, content: true } })
    : [];
  try {
    await mailer.send({
      messageId: `<${stored.id}@grantflow>`,
      to: stored.recipient,
      subject: stored.subject,
      text: stored.text,
      html: stored.html,
      attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) })),
    });
  } catch (error) {
    await db.outboxEmail.update({ where: { id: stored.id }, data: { attempts: { increment: 1 }, lastError: String((error as Error).message).slice(0, 500) } });
    throw error;
  }
  await db.outboxEmail.update({
    where: { id: stored.id },
    data: { status: 'sent', sentAt: new Date(), attempts: { increment: 1 }, lastError: null, text: redactAccessLinks(stored.text), html: redactAccessLinks(stored.html) },
  });
  return { sent: true };
}
