import type { Readable } from 'node:stream';
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The person a reply should reach; without it a reply goes to the (no-reply) sender. */
  replyTo?: string;
  /** A list email's one-click unsubscribe URL (RFC 8058): List-Unsubscribe and List-Unsubscribe-Post. */
  listUnsubscribe?: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

/**
 * A send that failed: nodemailer's error code, the SMTP server's reply (code and the command it
 * answered) when there was one, and whether any of the message's body had gone to the server —
 * before that the server cannot have taken the message; after it, a cut connection or a timeout
 * leaves open whether it did.
 */
export class SmtpSendError extends Error {
  readonly code?: string;
  readonly responseCode?: number;
  readonly command?: string;

  constructor(cause: unknown, readonly bodyStarted: boolean) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'SmtpSendError';
    const { code, responseCode, command } = (cause ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown };
    if (typeof code === 'string') this.code = code;
    if (typeof responseCode === 'number') this.responseCode = responseCode;
    if (typeof command === 'string') this.command = command;
  }
}

export interface Mailer {
  /** Resolves once the SMTP server took the message (250 to its end of data); rejects with an `SmtpSendError`. */
  send(mail: OutgoingMail): Promise<void>;
  /** The longest one send may take before it is given up (the outbox's transaction must outlast it). */
  readonly timeoutMs: number;
  close(): void;
}

/**
 * RFC 8058: a mail program that sees both headers may unsubscribe its user with one POST of
 * "List-Unsubscribe=One-Click" to the https address, without opening a page.
 */
export function oneClickUnsubscribeHeaders(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/**
 * nodemailer's defaults wait 2 minutes for a connection and 10 minutes on a silent socket: far
 * longer than a message's claim in the outbox may stand before it counts as abandoned (`total`
 * plus a margin). These end a stuck attempt well inside it; `total` bounds the whole send whatever
 * the server does.
 */
export const SMTP_TIMEOUTS_MS = { connection: 10_000, greeting: 10_000, socket: 20_000, total: 40_000 };

/**
 * SMTP through nodemailer; SMTP_URL carries host, port, TLS and credentials. Connections are kept
 * open and reused (a pool of `connections`): opening one per message costs a TCP and SMTP
 * handshake each time. Pool settings given in the URL's query win.
 */
export function createSmtpMailer(smtpUrl: string, from: string, connections = 4, timeouts = SMTP_TIMEOUTS_MS): Mailer {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  if (!url.searchParams.has('maxConnections')) url.searchParams.set('maxConnections', String(connections));
  // Always ours: a longer wait given in the URL would outlive the outbox's transaction.
  url.searchParams.set('connectionTimeout', String(timeouts.connection));
  url.searchParams.set('greetingTimeout', String(timeouts.greeting));
  url.searchParams.set('socketTimeout', String(timeouts.socket));
  const transport: Transporter = nodemailer.createTransport(url.toString(), { from });
  // The streams each message's body is read from, by Message-ID: nodemailer starts reading one only
  // once the server answered DATA with 354, so a stream never read means nothing of the body left.
  const bodies = new Map<string, Readable[]>();
  transport.use('stream', (message, done) => {
    const streams = bodies.get(String(message.data.messageId));
    if (streams) {
      message.message.processFunc((body) => {
        streams.push(body);
        return body;
      });
    }
    done();
  });
  return {
    timeoutMs: timeouts.total,
    async send(mail) {
      const streams: Readable[] = [];
      bodies.set(mail.messageId, streams);
      const abort = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          // Ends the connection too, so a send given up on can never still go out later.
          abort.abort();
          reject(new Error(`SMTP send took longer than ${timeouts.total} ms; given up`));
        }, timeouts.total);
      });
      try {
        await Promise.race([
          transport.sendMail({
            from,
            to: mail.to,
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
            ...(mail.listUnsubscribe ? { headers: oneClickUnsubscribeHeaders(mail.listUnsubscribe) } : {}),
            // A stable Message-ID: if a message is ever sent twice, mail clients show it once.
            messageId: mail.messageId,
            attachments: mail.attachments,
            signal: abort.signal,
          }),
          deadline,
        ]);
      } catch (error) {
        throw new SmtpSendError(error, streams.some((body) => body.readableDidRead));
      } finally {
        clearTimeout(timer);
        bodies.delete(mail.messageId);
      }
    },
    close: () => transport.close(),
  };
}
