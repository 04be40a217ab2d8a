import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The person a reply should reach; without it a reply goes to the (no-reply) sender. */
  replyTo?: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  /** The longest one send may take before it is given up (the outbox's transaction must outlast it). */
  readonly timeoutMs: number;
  close(): void;
}

/**
 * nodemailer's defaults wait 2 minutes for a connection and 10 minutes on a silent socket: far
 * longer than the outbox holds a message's row lock (its transaction times out after 60 s). These
 * end a stuck attempt well inside it; `total` bounds the whole send whatever the server does.
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
  return {
    timeoutMs: timeouts.total,
    async send(mail) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`SMTP send took longer than ${timeouts.total} ms; given up`)), timeouts.total);
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
            // A stable Message-ID: if a retry ever sends twice, mail clients show it once.
            messageId: mail.messageId,
            attachments: mail.attachments,
          }),
          deadline,
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => transport.close(),
  };
}
