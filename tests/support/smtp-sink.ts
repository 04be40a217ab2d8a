import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  receivedAt: string;
}

/** The Message-ID header of a received message: what an operator looks for in a relay's log. */
export function messageIdOf(mail: ReceivedMail): string | undefined {
  return /^Message-ID: (.*)$/im.exec(mail.raw)?.[1]?.trim();
}

export interface SmtpSink {
  smtpUrl: string;
  /** HTTP view of what arrived, so test files in other processes can read it. */
  inspectUrl: string;
  messages: ReceivedMail[];
  /** SMTP transactions a client broke off (e.g. a worker killed mid-message). */
  readonly resets: number;
  stop(): Promise<void>;
}

/**
 * A real SMTP server that accepts every message and keeps it in memory. `beforeReply`, when given,
 * runs once a message has arrived whole (it is kept already) and before the server answers its end
 * of data with 250: a test can hold the answer there, e.g. to kill the sender in between.
 */
export async function startSmtpSink(options: { beforeReply?: (mail: ReceivedMail) => Promise<void> } = {}): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          receivedAt: new Date().toISOString(),
        };
        messages.push(mail);
        if (!options.beforeReply) return callback();
        options.beforeReply(mail).then(() => callback(), (error: Error) => callback(error));
      });
    },
  });
  // A client that dies mid-message (a killed worker) resets the connection: counted, not fatal.
  let resets = 0;
  smtp.on('error', () => {
    resets += 1;
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const inspector = http.createServer((req, res) => {
    if (req.method === 'DELETE') messages.length = 0;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(messages));
  });
  await new Promise<void>((resolve) => inspector.listen(0, '127.0.0.1', resolve));
  const inspectPort = (inspector.address() as AddressInfo).port;

  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    inspectUrl: `http://127.0.0.1:${inspectPort}/messages`,
    messages,
    get resets() {
      return resets;
    },
    async stop() {
      await new Promise<void>((resolve) => inspector.close(() => resolve()));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}
