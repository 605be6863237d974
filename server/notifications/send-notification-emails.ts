/**
 * Sends the queued notification e-mails (queued by notify.ts). Each is built from the notice's
 * title and link and fixed words only, so no answer, note or case detail can reach an e-mail:
 * the title carries a case reference at most. Claiming and retries are the shared queue's
 * (server/mail/send-queued-emails.ts). A person deactivated since the notice is not e-mailed.
 */
import type { Database } from '../db/database';
import type { Mailer } from '../mail/mailer';
import { CLAIM, claimable, sendQueuedEmails } from '../mail/send-queued-emails';

export function notificationEmail(
  publicUrl: string,
  title: string,
  link: string,
): { subject: string; text: string } {
  return {
    subject: `Lantern: ${title}`,
    text: [
      'You have a new notification in Lantern:',
      '',
      title,
      '',
      `Open it in Lantern: ${publicUrl}${link}`,
      '',
      `Everything Lantern has told you is in your inbox: ${publicUrl}/inbox`,
      'This e-mail carries no case details. Sign in to Lantern to see them.',
    ].join('\n'),
  };
}

export async function sendPendingNotificationEmails(
  db: Database,
  mailer: Mailer,
  publicUrl: string,
): Promise<{ sent: number; failed: number }> {
  return sendQueuedEmails<{ id: number; title: string; link: string; email: string }>(
    db,
    mailer,
    'notification_emails',
    `UPDATE notification_emails e SET ${CLAIM} FROM notifications n JOIN people p ON p.id = n.person_id
     WHERE n.id = e.notification_id AND p.active AND e.id IN (${claimable('notification_emails')})
     RETURNING e.id, n.title, n.link, p.email`,
    (row) => notificationEmail(publicUrl, row.title, row.link),
  );
}
