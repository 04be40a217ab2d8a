import crypto from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { SMTPServer } from 'smtp-server';
import { findFreePort } from '../../infra/ports';
import { createDatabase, createSqlPool, type Database } from '../../lib/db';
import { createLogger } from '../../lib/logger';
import { createSmtpMailer, SMTP_TIMEOUTS_MS } from '../../lib/mailer';
import { createOutboxDispatcher } from '../../services/mailer/dispatcher';
import { eventually } from '../support/fixtures';
import { createTestApp, testConfig } from '../support/stack';

// The outbox against real SMTP servers that refuse: it waits longer after each failure (with
// jitter), sets a message aside as a dead letter after the last attempt — or at once when the
// recipient is refused for good — and /metrics counts the dead letters. A server that accepts
// the connection and then says nothing costs one attempt, ended by the greeting timeout well
// before the message's claim could look abandoned. The suite has a database of its own: other
// suites' dispatchers would otherwise deliver its messages.

const silent = createLogger('outbox-test', 'silent');

/** An SMTP server that answers every RCPT TO with `code`, noting when each attempt came. */
async function refusingSmtpServer(code: number) {
  const attempts: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      attempts.push(Date.now());
      callback(Object.assign(new Error(code >= 500 ? 'No such mailbox' : 'Try again later'), { responseCode: code }));
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    attempts,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the outbox when the SMTP server refuses', () => {
  const url = process.env.DATABASE_URL!;
  let db: Database;
  beforeAll(async () => {
    db = createDatabase(url);
  });
  afterAll(async () => {
    await db?.$disconnect();
  });

  async function queue(recipient: string): Promise<string> {
    const row = await db.outboxEmail.create({
      data: { messageKey: `outbox-test:${crypto.randomUUID()}`, kind: 'test', recipient, subject: 'Kvittering', text: 'Tak', html: '<p>Tak</p>' },
    });
    return row.id;
  }

  it('backs off exponentially with jitter and sets the message aside after the last attempt', async () => {
    const smtp = await refusingSmtpServer(451);
    const mailer = createSmtpMailer(smtp.url, 'no-reply@grantflow.local');
    const retry = { baseMs: 400, maxMs: 1_600, maxAttempts: 4 };
    const dispatcher = createOutboxDispatcher({ db, sql: createSqlPool(url), mailer, log: silent, intervalMs: 20, retry });
    const id = await queue('kasserer@faellesbord.dk');
    dispatcher.start();
    try {
      const dead = await eventually(async () => {
        const row = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
        return row.status === 'dead' ? row : undefined;
      }, 'the dead letter', 20_000);
      expect(dead).toMatchObject({ attempts: 4, nextAttemptAt: null, sentAt: null });
      expect(dead.lastError).toMatch(/451/);
      expect(smtp.attempts).toHaveLength(4);
      // Each wait is at least half of base × 2^(n-1), capped: 200, 400, 800 ms — never the old
      // fixed 500 ms, and never earlier than the back-off allows. (How much later depends on the
      // poll interval and the machine's load, so only the floor is checked here; the delays'
      // exact range, jitter included, is the unit test of retryDelayMs.)
      const gaps = smtp.attempts.slice(1).map((at, i) => at - smtp.attempts[i]!);
      [200, 400, 800].forEach((floor, i) => expect(gaps[i]).toBeGreaterThanOrEqual(floor - 20));
      // A dead letter is never tried again.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(smtp.attempts).toHaveLength(4);
    } finally {
      await dispatcher.stop();
      mailer.close();
      await smtp.stop();
    }
  });

  it('gives up at once on a recipient the server refuses for good (550)', async () => {
    const smtp = await refusingSmtpServer(550);
    const mailer = createSmtpMailer(smtp.url, 'no-reply@grantflow.local');
    const dispatcher = createOutboxDispatcher({ db, sql: createSqlPool(url), mailer, log: silent, retry: { baseMs: 60_000, maxMs: 60_000, maxAttempts: 15 } });
    const id = await queue('findes-ikke@faellesbord.dk');
    try {
      await expect(dispatcher.dispatchPending()).rejects.toThrow(/550/);
      expect(await db.outboxEmail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'dead', attempts: 1 });
    } finally {
      mailer.close();
      await smtp.stop();
    }
  });

  it('counts the dead letters in /metrics, which the alert rule watches', async () => {
    const config = testConfig({ DATABASE_URL: url });
    const temporal = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await findFreePort()}` }) });
    const { app } = createTestApp(config, db, temporal, { log: silent });
    const server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    try {
      const text = await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`)).text();
      expect(text).toMatch(/^grantflow_email_outbox_dead_letters 2$/m);
    } finally {
      server.close();
    }
  });

  it('ends an attempt on a server that never answers within its timeouts, long before its claim could look abandoned', async () => {
    expect(SMTP_TIMEOUTS_MS.connection + SMTP_TIMEOUTS_MS.greeting).toBeLessThan(SMTP_TIMEOUTS_MS.total);
    expect(SMTP_TIMEOUTS_MS.socket).toBeLessThan(SMTP_TIMEOUTS_MS.total);
    // A claim that may count as abandoned while its send could still be running is refused outright.
    const tooPatient = createSmtpMailer('smtp://127.0.0.1:1', 'x@grantflow.local', 1, { connection: 120_000, greeting: 30_000, socket: 600_000, total: 600_000 });
    expect(() => createOutboxDispatcher({ db, sql: createSqlPool(url), mailer: tooPatient, log: silent, staleClaimAfterMs: 60_000 })).toThrow(/must be below the age at which a claim counts as abandoned/);
    tooPatient.close();

    const sockets: net.Socket[] = [];
    const mute = net.createServer((socket) => sockets.push(socket)); // accepts, never greets
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    const mailer = createSmtpMailer(`smtp://127.0.0.1:${(mute.address() as AddressInfo).port}`, 'no-reply@grantflow.local', 1, {
      connection: 300,
      greeting: 300,
      socket: 300,
      total: 1_000,
    });
    const dispatcher = createOutboxDispatcher({ db, sql: createSqlPool(url), mailer, log: silent, staleClaimAfterMs: 3_000, retry: { baseMs: 60_000, maxMs: 60_000, maxAttempts: 15 } });
    const id = await queue('kasserer@faellesbord.dk');
    const started = Date.now();
    try {
      await expect(dispatcher.dispatchPending()).rejects.toThrow(/greeting|timeout|timed out|longer than/i);
      expect(Date.now() - started).toBeLessThan(3_000);
      const row = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 20_000);
      // Waiting for its next attempt, it is not picked up again now.
      expect(await dispatcher.dispatchPending()).toBe(0);
    } finally {
      mailer.close();
      for (const socket of sockets) socket.destroy();
      mute.close();
    }
  });
});
