// After the chaos, the suite acts as the operator the GrantflowEmailUncertain alert calls: for each
// email the outbox set aside as uncertain (its mailer was killed, or SMTP cut its connection, after
// the body went out) it looks for the Message-ID in what the SMTP server received — its "relay
// log" — and resolves it through the admin API as an admin would: "sent" when it is there,
// "resend" when not.
import crypto from 'node:crypto';
import type { Database } from '../../lib/db';
import { upsertStaffUser } from '../../lib/staff-auth';
import { sleep } from '../support/case-checks';
import { messageIdOf, type ReceivedMail } from '../support/smtp-sink';

export interface OperatorRecord {
  resolved: number;
  /** Found in the server's log: marked sent. */
  delivered: number;
  /** Not found: sent again (same Message-ID). */
  resent: number;
  failures: string[];
}

/** A request through the proxy, tried a few times (a replica may still be coming back). */
export async function call(url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) }).catch(() => undefined);
    if (response && response.status < 500) return response;
    if (attempt >= 5) return response ?? new Response(null, { status: 599 });
    await sleep(1_000 * attempt);
  }
}

export async function resolveUncertainAsOperator({ db, baseUrl, mails }: { db: Database; baseUrl: string; mails: readonly ReceivedMail[] }): Promise<OperatorRecord> {
  const record: OperatorRecord = { resolved: 0, delivered: 0, resent: 0, failures: [] };
  const email = `driftsvagt-${crypto.randomUUID().slice(0, 8)}@eksempel.dk`;
  const password = crypto.randomBytes(12).toString('base64url');
  await upsertStaffUser(db, { email, name: 'Driftsvagt', password, roles: ['admin'] });
  const json = { 'content-type': 'application/json' };
  const login = await call(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ email, password }) });
  if (login.status !== 200) return { ...record, failures: [`operator sign-in answered ${login.status}`] };
  const headers = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
  const listed = await call(`${baseUrl}/api/v1/admin/outbox/uncertain`, { headers });
  if (listed.status !== 200) return { ...record, failures: [`the list of uncertain emails answered ${listed.status}`] };
  const { messages } = (await listed.json()) as { messages: Array<{ id: string; messageId: string }> };
  const received = new Set(mails.map(messageIdOf));
  for (const message of messages) {
    const resolution = received.has(message.messageId) ? 'sent' : 'resend';
    const answer = await call(`${baseUrl}/api/v1/admin/outbox/${message.id}/resolution`, {
      method: 'POST',
      headers: { ...headers, ...json },
      body: JSON.stringify({ resolution }),
    });
    if (answer.status !== 200) {
      record.failures.push(`resolving ${message.messageId} as ${resolution} answered ${answer.status}`);
      continue;
    }
    record.resolved += 1;
    if (resolution === 'sent') record.delivered += 1;
    else record.resent += 1;
  }
  return record;
}
