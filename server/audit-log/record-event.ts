/**
 * Appends one row to the audit log: who did what to which record, when and from where.
 * Called inside the same transaction as the change it describes, so a change is never
 * without its log row (and a rolled-back change leaves none).
 */
import type { Queryable } from '../db/database';
import { sql, type Sql } from '../db/sql';

export interface AuditEvent {
  actorId: string | null;
  /** For events without a person yet (a failed sign-in): the e-mail address tried. */
  actorLabel?: string;
  action: string;
  entityType?: string;
  entityId?: string;
  detail?: Record<string, unknown>;
  ip?: string;
  userAgent?: string;
}

export async function recordEvent(db: Queryable, event: AuditEvent): Promise<void> {
  const insert = eventInsert(event);
  await db.query(insert.text, insert.values);
}

/**
 * The INSERT that appends `event`, as a fragment: for a hot path that appends the log row
 * inside a larger statement (as a CTE) to save a round trip.
 */
export function eventInsert(event: AuditEvent): Sql {
  return sql`INSERT INTO audit_log (actor_id, actor_label, action, entity_type, entity_id, detail, ip, user_agent)
     VALUES (${event.actorId}, ${event.actorLabel ?? ''}, ${event.action}, ${event.entityType ?? ''},
       ${event.entityId ?? ''}, ${JSON.stringify(event.detail ?? {})}::jsonb, ${event.ip ?? ''},
       ${(event.userAgent ?? '').slice(0, 300)})`;
}
