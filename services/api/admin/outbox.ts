import { z } from 'zod';
import type { Database } from '../../../lib/db';
import type { Language } from '../../../lib/languages';
import { OUTBOX_CHANNEL, outboxMessageId, redactAccessLinks } from '../../../lib/outbox';
import type { StaffIdentity } from '../../../lib/staff-auth';
import { recordAudit } from '../audit/log';
import { ApiError } from '../http/errors';
import { validated } from './validated';

// Messages the outbox set aside for a person, shared by the JSON API and the admin page: the same
// rules and the same audit rows either way. An uncertain message (its mailer stopped, or lost the
// connection, after the SMTP server may have taken it) is never sent again by itself: an admin
// looks for its Message-ID in the relay's log and says "sent" (found) or "resend" (not found). A
// dead letter (refused every time, or for good) may be resent once its cause is fixed.

export const outboxResolutionSchema = z.strictObject({
  resolution: z.enum(['sent', 'resend']).meta({ description: 'sent: the relay has it (marked sent, never sent again); resend: send it again, with the same Message-ID' }),
});

export type SetAsideStatus = 'uncertain' | 'dead';

export interface SetAsideMessage {
  id: string;
  /** What to search the relay's log for; a resend carries the same. */
  messageId: string;
  status: string;
  kind: string;
  applicationId: string | null;
  recipient: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  /** The last claim: which mailer (host:pid:random) sent it, and when it began. */
  claimedBy: string | null;
  claimedAt: string | null;
}

const VIEW_FIELDS = { id: true, status: true, kind: true, applicationId: true, recipient: true, subject: true, attempts: true, lastError: true, createdAt: true, claimedBy: true, claimedAt: true } as const;

/** What the list shows of a message: never its body (it may hold a private link's token). */
function viewOf(row: Omit<SetAsideMessage, 'messageId' | 'createdAt' | 'claimedAt'> & { createdAt: Date; claimedAt: Date | null }): SetAsideMessage {
  const { id, status, kind, applicationId, recipient, subject, attempts, lastError, claimedBy } = row;
  return {
    id,
    messageId: outboxMessageId(id),
    status,
    kind,
    applicationId,
    recipient,
    subject,
    attempts,
    lastError,
    createdAt: row.createdAt.toISOString(),
    claimedBy,
    claimedAt: row.claimedAt?.toISOString() ?? null,
  };
}

/** The uncertain messages, or the dead letters, oldest first (at most 500). */
export async function setAsideMessages(db: Database, status: SetAsideStatus): Promise<SetAsideMessage[]> {
  const rows = await db.outboxEmail.findMany({ where: { status }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 500, select: VIEW_FIELDS });
  return rows.map(viewOf);
}

/**
 * Resolves an uncertain message ("sent" or "resend") or a dead letter ("resend"): 404 when there is
 * no such message, 409 when it is in no state that resolution applies to (or was resolved just
 * now). A resend is pending again at once with its attempts counted afresh. Audited.
 */
export async function resolveSetAside(db: Database, staff: StaffIdentity, id: string, input: unknown, language: Language): Promise<SetAsideMessage> {
  const { resolution } = validated(outboxResolutionSchema, input, language);
  const message = /^[0-9a-f-]{36}$/i.test(id) ? await db.outboxEmail.findUnique({ where: { id } }) : null;
  if (!message) throw new ApiError(404, 'not_found', 'errors.outbox.notFound');
  const from = message.status;
  if (!(from === 'uncertain' || (from === 'dead' && resolution === 'resend'))) throw new ApiError(409, 'not_resolvable', 'errors.outbox.notResolvable');
  const data =
    resolution === 'sent'
      ? // It went when its last send began, as near as anyone knows; its copy loses the link's token like any sent one.
        { status: 'sent' as const, sentAt: message.claimedAt ?? new Date(), nextAttemptAt: null, text: redactAccessLinks(message.text), html: redactAccessLinks(message.html) }
      : { status: 'pending' as const, attempts: 0, nextAttemptAt: null };
  const { count } = await db.outboxEmail.updateMany({ where: { id, status: from }, data });
  if (count !== 1) throw new ApiError(409, 'not_resolvable', 'errors.outbox.notResolvable');
  await recordAudit(db, staff, 'outbox.resolve', {
    ...(message.applicationId ? { applicationId: message.applicationId } : {}),
    details: { outboxEmailId: id, messageId: outboxMessageId(id), kind: message.kind, from, resolution },
  });
  // Only a wake-up call: the mailers find it at their next poll anyway.
  if (resolution === 'resend') await db.$executeRawUnsafe(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`).catch(() => undefined);
  // As the resolution left it (a mailer may claim a resent one the next moment).
  return viewOf({ ...message, ...data });
}
