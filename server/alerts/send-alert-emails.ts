/**
 * Sends the queued alert e-mails. Each says only that a safeguarding alert waits in Lantern,
 * with a link to it: no case reference, team, note or name, because e-mail leaves the
 * council's control. Claiming, retries and giving up are the shared queue's
 * (server/mail/send-queued-emails.ts); the alert itself stays in Lantern and escalates.
 */
import type { Database } from '../db/database';
import type { Mailer } from '../mail/mailer';
import { CLAIM, claimable, sendQueuedEmails } from '../mail/send-queued-emails';

export type { Mailer } from '../mail/mailer';

export const ALERT_EMAIL_SUBJECT = 'Lantern: a safeguarding alert is waiting for you';

export function alertEmailText(publicUrl: string, alertId: string, reason: string): string {
  const why =
    reason === 'head_of_service'
      ? 'It has not been acknowledged in time and has been escalated to you.'
      : 'Please read it and acknowledge it with a note.';
  return [
    'A safeguarding concern was raised during a case-file audit in Lantern.',
    why,
    '',
    `Open it in Lantern: ${publicUrl}/qa/alerts#alert-${alertId}`,
    '',
    'For the safety of the child and family, this e-mail carries no case details. Sign in to Lantern to see them.',
  ].join('\n');
}

export async function sendPendingAlertEmails(
  db: Database,
  mailer: Mailer,
  publicUrl: string,
): Promise<{ sent: number; failed: number }> {
  return sendQueuedEmails<{ id: number; alert_id: string; reason: string; email: string }>(
    db,
    mailer,
    'alert_emails',
    `UPDATE alert_emails e SET ${CLAIM} FROM people p
     WHERE p.id = e.person_id AND e.id IN (${claimable('alert_emails')})
     RETURNING e.id, e.alert_id, e.reason, p.email`,
    (email) => ({
      subject: ALERT_EMAIL_SUBJECT,
      text: alertEmailText(publicUrl, email.alert_id, email.reason),
    }),
  );
}
