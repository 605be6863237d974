/** The Mailer (send-alert-emails.ts) over SMTP with nodemailer, from LANTERN_SMTP_URL and LANTERN_SMTP_FROM. */
import nodemailer from 'nodemailer';
import type { Mailer } from './send-alert-emails';

export function smtpMailer(url: string, from: string): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
    close: () => transport.close(),
  };
}
