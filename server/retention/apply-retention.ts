/**
 * The daily retention sweep: deletes what Lantern has kept long enough, at the time `now` (the
 * sweep clock's, so tests move it), in one transaction, and records in the audit log how many
 * of each it deleted (never what they held):
 * - sessions that ended — expired, idle past the idle limit, or signed out — more than
 *   `endedSessions` days ago (a person's last sign-in is kept on their own row: migration 028);
 * - failed sign-ins older than `failedSignIns` days (the sign-in throttle reads 15 minutes);
 * - refused snapshots (a device's version the server kept as a conflict or rejection) older
 *   than `refusedSnapshots` days, once their audit has moved on: a later version of it was
 *   accepted, it is submitted, or there is no such audit. The snapshot — the case answers — is
 *   deleted; the record that the mutation was answered stays, so a device retrying it months
 *   later still gets the same answer and never applies it twice. A conflict whose audit has not
 *   moved on is the auditor's unresolved copy and is kept however old;
 * - audit-log rows older than `auditLog` days (the council's retention period).
 */
import type { Database, Queryable } from '../db/database';
import { recordEvent } from '../audit-log/record-event';
import type { RetentionSettings } from './retention-settings';

export interface RetentionResult {
  endedSessions: number;
  failedSignIns: number;
  refusedSnapshots: number;
  auditLogRows: number;
}

export async function applyRetention(
  db: Database,
  now: Date,
  periods: RetentionSettings,
  sessionIdleMinutes: number,
): Promise<RetentionResult> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const count = async (sql: string, params: unknown[]): Promise<number> =>
      (
        await tx.query<{ n: number }>(
          `WITH gone AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM gone`,
          params,
        )
      )[0]?.n ?? 0;
    const result: RetentionResult = {
      endedSessions: await count(
        `DELETE FROM sessions
         WHERE least(expires_at, coalesce(revoked_at, expires_at), last_seen_at + make_interval(mins => $3::int))
               < $1::timestamptz - make_interval(days => $2::int)`,
        [at, periods.endedSessions, Math.round(sessionIdleMinutes)],
      ),
      failedSignIns: await count(
        'DELETE FROM sign_in_failures WHERE failed_at < $1::timestamptz - make_interval(days => $2::int)',
        [at, periods.failedSignIns],
      ),
      refusedSnapshots: await count(
        `UPDATE sync_mutations m SET snapshot = NULL
         WHERE m.outcome <> 'applied' AND m.snapshot IS NOT NULL
           AND m.received_at < $1::timestamptz - make_interval(days => $2::int)
           AND NOT EXISTS (
             SELECT 1 FROM audits a
             WHERE a.id = m.audit_id AND a.status <> 'submitted'
               AND NOT EXISTS (SELECT 1 FROM audit_revisions r WHERE r.audit_id = a.id AND r.changed_at > m.received_at))`,
        [at, periods.refusedSnapshots],
      ),
      auditLogRows: await deleteOldLog(tx, at, periods.auditLog),
    };
    if (Object.values(result).some((n) => n > 0)) {
      await recordEvent(tx, {
        actorId: null,
        actorLabel: 'retention',
        action: 'retention.delete',
        detail: { ...result, periodsInDays: periods },
      });
    }
    return result;
  });
}

/**
 * The audit log is append-only (a trigger refuses every UPDATE and DELETE) except for the rows
 * before the cutoff this transaction names (migration 028): only this sweep can delete, and
 * only what is past the period.
 */
async function deleteOldLog(tx: Queryable, at: string, days: number): Promise<number> {
  const [cutoff] = await tx.query<{ cutoff: string }>(
    `SELECT set_config('lantern.audit_log_cutoff', ($1::timestamptz - make_interval(days => $2::int))::text, true) AS cutoff`,
    [at, days],
  );
  const [gone] = await tx.query<{ n: number }>(
    'WITH gone AS (DELETE FROM audit_log WHERE at < $1::timestamptz RETURNING 1) SELECT count(*)::int AS n FROM gone',
    [cutoff?.cutoff],
  );
  await tx.query("SELECT set_config('lantern.audit_log_cutoff', '', true)");
  return gone?.n ?? 0;
}
