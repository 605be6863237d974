/**
 * The one way Lantern sends its queued e-mails (safeguarding alerts, notifications): rows of a
 * queue table are claimed for two minutes in a short transaction and sent outside it, so
 * several processes can run this together, a crash mid-send retries once the claim lapses, and
 * the embedded database is never held while the mail server answers. A refused or failed send
 * is recorded on its row and retried, up to five attempts within two days (a stale e-mail helps
 * nobody; what it points to stays in Lantern).
 *
 * A queue table has: id bigint, person_id or a way to reach one, created_at, sent_at, attempts,
 * claimed_until, last_error. The caller's `claim` SQL is an UPDATE … RETURNING built around
 * `claimable(table)` and returns the rows `compose` turns into messages.
 */
import type { Database, Queryable } from '../db/database';
import type { Mailer } from './mailer';

export type QueueTable = 'alert_emails' | 'notification_emails';

/** The WHERE … LIMIT that picks the rows a sweep may claim now. */
export function claimable(table: QueueTable): string {
  return `SELECT id FROM ${table}
          WHERE sent_at IS NULL AND attempts < 5 AND created_at > now() - interval '2 days'
            AND (claimed_until IS NULL OR claimed_until < now())
          ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED`;
}

/** Still to send (within the attempts and the two days): how many, and the oldest's age in seconds. */
export async function queueBacklog(
  db: Queryable,
  table: QueueTable,
): Promise<{ pending: number; oldestSeconds: number }> {
  const [row] = await db.query<{ pending: number; oldest: number | null }>(
    `SELECT count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float8 AS oldest
       FROM ${table}
      WHERE sent_at IS NULL AND attempts < 5 AND created_at > now() - interval '2 days'`,
  );
  return { pending: row?.pending ?? 0, oldestSeconds: Math.max(0, row?.oldest ?? 0) };
}

/** The SET clause that claims a row. */
export const CLAIM = "attempts = attempts + 1, claimed_until = now() + interval '2 minutes'";

export async function sendQueuedEmails<T extends { id: number; email: string }>(
  db: Database,
  mailer: Mailer,
  table: QueueTable,
  claimSql: string,
  compose: (row: T) => { subject: string; text: string },
): Promise<{ sent: number; failed: number }> {
  const claimed = await db.transaction((tx) => tx.query<T>(claimSql));
  let sent = 0;
  let failed = 0;
  for (const row of claimed) {
    try {
      await mailer.send({ to: row.email, ...compose(row) });
      await db.query(`UPDATE ${table} SET sent_at = now(), last_error = NULL WHERE id = $1`, [row.id]);
      sent++;
    } catch (error) {
      // The mail server refused or was unreachable: recorded on the row, retried after the claim lapses.
      await db.query(`UPDATE ${table} SET last_error = $2 WHERE id = $1`, [
        row.id,
        (error instanceof Error ? error.message : String(error)).slice(0, 500),
      ]);
      failed++;
    }
  }
  return { sent, failed };
}
