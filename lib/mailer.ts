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

/** SMTP through nodemailer; SMTP_URL carries host, port, TLS and credentials. */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport: Transporter = nodemailer.createTransport(smtpUrl, { from });
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
