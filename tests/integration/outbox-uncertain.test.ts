import crypto from 'node:crypto';
import os from 'node:os';
import { createDatabase, createSqlPool, type Database } from '../../lib/db';
import { createLogger } from '../../lib/logger';
import { createSmtpMailer } from '../../lib/mailer';
import { createOutboxDispatcher } from '../../services/mailer/dispatcher';
import { eventually, postJson } from '../support/fixtures';
import { startMailerProcess } from '../support/mailer-process';
import { startSmtpGate } from '../support/smtp-gate';
import { messageIdOf, startSmtpSink, type ReceivedMail } from '../support/smtp-sink';
import { startTestStack, testConfig } from '../support/stack';
import { signedInStaff } from '../support/staff';

// SMTP has no two-phase commit: a mailer killed after the SMTP server took a message and before it
// recorded that leaves the message's fate unknown. Such a message must never be sent again by
// itself (a second copy is a side effect the association sees): it becomes `uncertain` once its
// claim is stale, /metrics counts it, and an admin resolves it — "sent" when the relay has it,
// "resend" when not. A message refused before anything was handed over is tried again by itself.
// The mailer is the real process (services/mailer/main.ts), SIGKILLed while the SMTP server holds
// back its 250 to a message it has already received whole. The suite has a database of its own:
// other suites' dispatchers would otherwise deliver its messages.

const silent = createLogger('outbox-test', 'silent');
const FROM = 'no-reply@grantflow.local';
/** Short limits for this file's own dispatchers: a claim is abandoned after 1.5 s. */
const QUICK = { connection: 500, greeting: 500, socket: 500, total: 1_000 };

describe('the outbox when the SMTP server may have taken a message its mailer never recorded', () => {
  const url = process.env.DATABASE_URL!;
  let db: Database;
  beforeAll(async () => {
    db = createDatabase(url);
  });
  afterAll(async () => {
    await db?.$disconnect();
  });

  async function queue(subject: string, state: { status: 'dead'; attempts: number; lastError: string } | Record<string, never> = {}): Promise<string> {
    const row = await db.outboxEmail.create({
      data: { messageKey: `uncertain-test:${crypto.randomUUID()}`, kind: 'receipt', recipient: 'kasserer@faellesbord.dk', subject, text: 'Tak', html: '<p>Tak</p>', ...state },
    });
    return row.id;
  }
  const row = (id: string) => db.outboxEmail.findUniqueOrThrow({ where: { id } });

  it('tries again by itself a message whose connection was refused before anything was handed over', async () => {
    const sink = await startSmtpSink();
    const gate = await startSmtpGate(sink.smtpUrl);
    await gate.close();
    const mailer = createSmtpMailer(gate.smtpUrl, FROM, 1, QUICK);
    const dispatcher = createOutboxDispatcher({ db, sql: createSqlPool(url), mailer, log: silent, intervalMs: 20, staleClaimAfterMs: 1_500, retry: { baseMs: 200, maxMs: 400, maxAttempts: 15 } });
    const id = await queue('Kvittering (afvist forbindelse)');
    dispatcher.start();
    try {
      const refused = await eventually(async () => {
        const current = await row(id);
        return current.attempts >= 1 && current.status === 'pending' ? current : undefined;
      }, 'a refused attempt');
      expect(refused.lastError).toMatch(/ECONNREFUSED|connect/i);
      await gate.reopen();
      const sent = await eventually(async () => {
        const current = await row(id);
        return current.status === 'sent' ? current : undefined;
      }, 'the message to go out once the server takes connections again');
      expect(sent.attempts).toBeGreaterThanOrEqual(2);
      expect(sink.messages.map(messageIdOf)).toEqual([`<${id}@grantflow>`]);
    } finally {
      await dispatcher.stop();
      mailer.close();
      await gate.stop();
      await sink.stop();
    }
  });

  it('sets a message aside at once, and never sends it again, when the connection breaks after its body went out', async () => {
    let cut: () => Promise<void> = async () => undefined;
    const sink = await startSmtpSink({ beforeReply: () => cut() });
    const gate = await startSmtpGate(sink.smtpUrl);
    cut = () => gate.close(); // the whole message is there; the connection breaks before the 250
    const mailer = createSmtpMailer(gate.smtpUrl, FROM, 1, QUICK);
    const dispatcher = createOutboxDispatcher({ db, sql: createSqlPool(url), mailer, log: silent, staleClaimAfterMs: 1_500 });
    const id = await queue('Kvittering (afbrudt efter data)');
    try {
      await expect(dispatcher.dispatchPending()).rejects.toThrow(/closed|ECONNRESET|socket/i);
      expect(await row(id)).toMatchObject({ status: 'uncertain', attempts: 1, nextAttemptAt: null });
      await gate.reopen();
      expect(await dispatcher.dispatchPending()).toBe(0);
      expect(sink.messages.map(messageIdOf)).toEqual([`<${id}@grantflow>`]);
      await db.outboxEmail.update({ where: { id }, data: { status: 'sent' } }); // out of the next test's way
    } finally {
      mailer.close();
      await gate.stop();
      await sink.stop();
    }
  });

  it('leaves a message whose mailer was SIGKILLed between the acceptance and the record uncertain, delivered once, until an admin resolves it', async () => {
    // Phase 1: the real mailer process sends two messages; the server keeps each whole and holds its 250 back.
    let holding = true;
    const held: ReceivedMail[] = [];
    let release = () => undefined as void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const sink = await startSmtpSink({
      beforeReply: async (mail) => {
        if (!holding) return;
        held.push(mail);
        await released;
      },
    });
    const first = await queue('Kvittering 1');
    const second = await queue('Kvittering 2');
    const mailerProcess = await startMailerProcess({ DATABASE_URL: url, SMTP_URL: sink.smtpUrl, MAILER_HEALTH_PORT: '0' });
    let stack: Awaited<ReturnType<typeof startTestStack>> | undefined;
    try {
      await eventually(async () => (held.length === 2 ? true : undefined), 'both messages to reach the SMTP server', 30_000);
      const exited = new Promise((resolve) => mailerProcess.child.once('exit', resolve));
      mailerProcess.child.kill('SIGKILL');
      await exited;
      holding = false;
      release();
      const claimant = `${os.hostname()}:${mailerProcess.child.pid}:`;
      for (const id of [first, second]) {
        const left = await row(id);
        expect(left).toMatchObject({ status: 'sending', attempts: 1, sentAt: null });
        expect(left.claimedBy!.startsWith(claimant)).toBe(true);
      }

      // Phase 2: the API with its mailer, and a mailer that counts a claim as abandoned after 1.5 s.
      stack = await startTestStack({ worker: false, db, config: testConfig({ DATABASE_URL: url, SMTP_URL: sink.smtpUrl }) });
      const quickMailer = createSmtpMailer(sink.smtpUrl, FROM, 1, QUICK);
      const sweeper = createOutboxDispatcher({ db, sql: createSqlPool(url), mailer: quickMailer, log: silent, staleClaimAfterMs: 1_500 });
      try {
        await eventually(async () => {
          await sweeper.dispatchPending();
          const rows = await db.outboxEmail.findMany({ where: { id: { in: [first, second] } } });
          return rows.every((r) => r.status === 'uncertain') ? true : undefined;
        }, 'the abandoned claims to be set aside');
        expect(await sweeper.dispatchPending()).toBe(0);
      } finally {
        quickMailer.close();
      }
      const copies = (id: string) => sink.messages.filter((mail) => messageIdOf(mail) === `<${id}@grantflow>`);
      expect([copies(first).length, copies(second).length]).toEqual([1, 1]);
      const metrics = await (await fetch(`${stack.baseUrl}/metrics`)).text();
      expect(metrics).toMatch(/^grantflow_email_outbox_uncertain 2$/m);

      // The operator: the list, then "sent" for the one the relay has, "resend" for the other.
      const admin = await signedInStaff(stack, ['admin']);
      const caseworker = await signedInStaff(stack, ['caseworker']);
      const listUrl = `${stack.baseUrl}/api/v1/admin/outbox/uncertain`;
      expect((await fetch(listUrl, { headers: caseworker.headers })).status).toBe(403);
      const listed = (await (await fetch(listUrl, { headers: admin.headers })).json()) as { messages: Array<Record<string, unknown>> };
      expect(listed.messages.map((m) => m.id).sort()).toEqual([first, second].sort());
      expect(listed.messages.find((m) => m.id === first)).toMatchObject({
        messageId: `<${first}@grantflow>`,
        status: 'uncertain',
        recipient: 'kasserer@faellesbord.dk',
        subject: 'Kvittering 1',
        claimedBy: expect.stringMatching(new RegExp(`^${claimant}`)),
        claimedAt: expect.any(String),
        createdAt: expect.any(String),
      });
      const resolve = (id: string, body: unknown) => postJson(`${stack!.baseUrl}/api/v1/admin/outbox/${id}/resolution`, body, admin.headers);
      expect((await resolve(first, { resolution: 'maybe' })).status).toBe(400);
      expect((await resolve(first, { resolution: 'sent' })).body).toMatchObject({ id: first, status: 'sent' });
      expect(await row(first)).toMatchObject({ status: 'sent', sentAt: (await row(first)).claimedAt });
      expect((await resolve(first, { resolution: 'resend' })).status).toBe(409);
      const resent = await resolve(second, { resolution: 'resend' });
      expect(resent.body).toMatchObject({ id: second, status: 'pending', attempts: 0 });
      expect(Object.keys(resent.body).sort()).toEqual(['applicationId', 'attempts', 'claimedAt', 'claimedBy', 'createdAt', 'id', 'kind', 'lastError', 'messageId', 'recipient', 'status', 'subject']);
      await eventually(async () => ((await row(second)).status === 'sent' ? true : undefined), 'the resent message to go out');
      // The resend carries the same Message-ID, so a mail program shows the two copies as one.
      expect(copies(second).map(messageIdOf)).toEqual([`<${second}@grantflow>`, `<${second}@grantflow>`]);
      expect(copies(first)).toHaveLength(1);

      // A dead letter may be resent (never marked sent: it was refused).
      // Stored dead at once: stored pending, the running mailer could send it before it was marked.
      const dead = await queue('Kvittering (opgivet)', { status: 'dead', attempts: 15, lastError: '550 No such mailbox' });
      const deadLetters = (await (await fetch(`${stack.baseUrl}/api/v1/admin/outbox/dead`, { headers: admin.headers })).json()) as { messages: Array<{ id: string }> };
      expect(deadLetters.messages.map((m) => m.id)).toEqual([dead]);
      expect((await resolve(dead, { resolution: 'sent' })).status).toBe(409);
      expect((await resolve(dead, { resolution: 'resend' })).status).toBe(200);
      await eventually(async () => ((await row(dead)).status === 'sent' ? true : undefined), 'the dead letter to go out');
      expect(copies(dead)).toHaveLength(1);

      const audited = await db.staffAuditLog.findMany({ where: { action: 'outbox.resolve' }, orderBy: { id: 'asc' } });
      expect(audited.map((entry) => [entry.staffEmail, (entry.details as { outboxEmailId: string }).outboxEmailId, (entry.details as { resolution: string }).resolution])).toEqual([
        [admin.email, first, 'sent'],
        [admin.email, second, 'resend'],
        [admin.email, dead, 'resend'],
      ]);
      expect(await (await fetch(`${stack.baseUrl}/metrics`)).text()).toMatch(/^grantflow_email_outbox_uncertain 0$/m);
    } finally {
      if (mailerProcess.child.exitCode === null && mailerProcess.child.signalCode === null) mailerProcess.child.kill('SIGKILL');
      release();
      await stack?.stop();
      await sink.stop();
    }
  }, 90_000);
});
