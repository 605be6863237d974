/** What sends one e-mail: SMTP in a server (server/alerts/smtp-mailer.ts), a stand-in in tests. */
export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}
