/**
 * E-mails a new person their one-time set-password link, when the council has given Lantern a
 * mail server (LANTERN_SMTP_URL). The e-mail carries the link, when it stops working, and
 * nothing else: no roles, team or anything about cases. The token exists in plain text only in
 * memory and in the e-mail; the database keeps its hash, so a link that could not be sent is
 * handed back to the admin to pass on, once.
 */
import type { Mailer } from '../alerts/send-alert-emails';
import { smtpMailer } from '../alerts/smtp-mailer';
import { readAlertSettings } from '../alerts/alert-settings';
import { log, loggableError } from '../log/logger';

export interface MailSetup {
  mailer: Mailer;
  /** Where people open Lantern, for the link (LANTERN_PUBLIC_URL). */
  publicUrl: string;
}

export const PASSWORD_LINK_EMAIL_SUBJECT = 'Lantern: choose your password';

/** The mail set-up from the environment, or null when no mail server is configured. */
export function mailFromEnv(env: NodeJS.ProcessEnv): MailSetup | null {
  const settings = readAlertSettings(env);
  return settings.smtp
    ? { mailer: smtpMailer(settings.smtp.url, settings.smtp.from), publicUrl: settings.publicUrl }
    : null;
}

export function passwordLinkEmailText(url: string, expiresAt: string): string {
  const until = new Date(expiresAt).toLocaleString('en-GB', {
    timeZone: 'Europe/London',
    dateStyle: 'full',
    timeStyle: 'short',
  });
  return [
    'An account has been made for you in Lantern, the case-file audit service.',
    '',
    `Choose your password here: ${url}`,
    '',
    `The link works once, until ${until} (UK time). If it has expired, ask your Lantern administrator for a new one.`,
    'If you did not expect this e-mail, you can ignore it.',
  ].join('\n');
}

export interface LinkToSend {
  personId: string;
  email: string;
  path: string;
  expiresAt: string;
}

/**
 * Sends each link, a few at a time; answers which person ids were sent. A refused or failed
 * send is not retried here: the caller lists that link for the admin instead.
 */
export async function sendPasswordLinkEmails(
  mail: MailSetup,
  links: readonly LinkToSend[],
  concurrency = 4,
): Promise<Set<string>> {
  const sent = new Set<string>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < links.length) {
      const link = links[next++];
      if (!link) return;
      try {
        await mail.mailer.send({
          to: link.email,
          subject: PASSWORD_LINK_EMAIL_SUBJECT,
          text: passwordLinkEmailText(`${mail.publicUrl}${link.path}`, link.expiresAt),
        });
        sent.add(link.personId);
      } catch (error) {
        // The edge that can act: the link is listed for the admin to hand out instead.
        log.error(
          { err: loggableError(error, { message: false }) },
          'the set-password e-mail to one new person could not be sent; the link is listed for the admin instead',
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, links.length) }, worker));
  return sent;
}
