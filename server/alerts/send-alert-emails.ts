/**
 * Sends the queued alert e-mails. Each says only that a safeguarding alert waits in Lantern,
 * with a link to it: no case reference, team, note or name, because e-mail leaves the
 * council's control. Rows are claimed for two minutes in a short transaction and sent outside
 * it, so several processes can run this together, a crash mid-send retries later, and the
 * embedded database is never held while the mail server answers. Gives up on a message after
 * five attempts or two days (a stale alert e-mail helps nobody; the alert itself stays in
 * Lantern and escalates).
 */
import type { Database } from '../db/database';

export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

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
  const claimed = await db.transaction((tx) =>
    tx.query<{ id: number; alert_id: string; reason: string; email: string }>(
      `UPDATE alert_emails e SET attempts = attempts + 1, claimed_until = now() + interval '2 minutes'
       FROM people p
       WHERE p.id = e.person_id AND e.id IN (
         SELECT id FROM alert_emails
         WHERE sent_at IS NULL AND attempts < 5 AND created_at > now() - interval '2 days'
           AND (claimed_until IS NULL OR claimed_until < now())
         ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED)
       RETURNING e.id, e.alert_id, e.reason, p.email`,
    ),
  );
  let sent = 0;
  let failed = 0;
  for (const email of claimed) {
    try {
      await mailer.send({
        to: email.email,
        subject: ALERT_EMAIL_SUBJECT,
        text: alertEmailText(publicUrl, email.alert_id, email.reason),
      });
      await db.query('UPDATE alert_emails SET sent_at = now(), last_error = NULL WHERE id = $1', [email.id]);
      sent++;
    } catch (error) {
      // The mail server refused or was unreachable: recorded on the row, retried after the claim lapses.
      await db.query('UPDATE alert_emails SET last_error = $2 WHERE id = $1', [
        email.id,
        (error instanceof Error ? error.message : String(error)).slice(0, 500),
      ]);
      failed++;
    }
  }
  return { sent, failed };
}
