/**
 * Escalates every alert nobody has acknowledged by its escalation time to the head of
 * service (alert-recipients.ts), queueing their e-mail. Safe to run from any number of server
 * processes at once: each alert is claimed by the UPDATE that marks it escalated, so it is
 * escalated exactly once. Runs on the sweeper's timer and, lazily, whenever alerts are read.
 */
import type { Database } from '../db/database';
import { headsOfService } from './alert-recipients';

export async function escalateDueAlerts(db: Database): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx.query<{ id: string; team_id: string }>(
      `UPDATE alerts SET escalated_at = now()
       WHERE id IN (SELECT id FROM alerts WHERE acknowledged_at IS NULL AND escalated_at IS NULL AND escalate_at <= now()
                    ORDER BY escalate_at LIMIT 100 FOR UPDATE SKIP LOCKED)
       RETURNING id, team_id`,
    );
    for (const alert of due) {
      for (const personId of await headsOfService(tx, alert.team_id)) {
        const added = await tx.query(
          `INSERT INTO alert_recipients (alert_id, person_id, reason) VALUES ($1, $2, 'head_of_service')
           ON CONFLICT (alert_id, person_id) DO NOTHING RETURNING person_id`,
          [alert.id, personId],
        );
        if (added.length > 0)
          await tx.query(
            "INSERT INTO alert_emails (alert_id, person_id, reason) VALUES ($1, $2, 'head_of_service')",
            [alert.id, personId],
          );
      }
    }
    return due.length;
  });
}
