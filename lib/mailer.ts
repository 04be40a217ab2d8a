import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer; SMTP_URL carries host, port, TLS and credentials. Connections are kept
 * open and reused (a pool of `connections`): opening one per message costs a TCP and SMTP
 * handshake each time. Pool settings given in the URL's query win.
 */
export function createSmtpMailer(smtpUrl: string, from: string, connections = 4): Mailer {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  if (!url.searchParams.has('maxConnections')) url.searchParams.set('maxConnections', String(connections));
  const transport: Transporter = nodemailer.createTransport(url.toString(), { from });
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        // A stable Message-ID: if a retry ever sends twice, mail clients show it once.
        messageId: mail.messageId,
        attachments: mail.attachments,
      });
    },
    close: () => transport.close(),
  };
}
