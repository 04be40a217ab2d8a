import type { Database } from '../../lib/db';
import type { SmtpSink } from '../../tests/support/smtp-sink';

// Where a benchmark's cases have got to: when each reached IN_QUEUE (its first event row to that
// status) and when the first email to each address reached the SMTP sink.

/** Application ID → the time it first stood IN_QUEUE. */
export async function queuedTimes(db: Database): Promise<Map<string, number>> {
  const rows = await db.$queryRawUnsafe<{ application_id: string; at: Date }[]>(
    `SELECT application_id, min(occurred_at) AS at FROM case_events WHERE to_status = 'IN_QUEUE' GROUP BY application_id`,
  );
  return new Map(rows.map((row) => [row.application_id, row.at.getTime()]));
}

/** Recipient → when the first message to them arrived. */
export function firstEmailTimes(sink: SmtpSink): Map<string, number> {
  const arrived = new Map<string, number>();
  for (const message of sink.messages) for (const to of message.to) if (!arrived.has(to)) arrived.set(to, Date.parse(message.receivedAt));
  return arrived;
}
