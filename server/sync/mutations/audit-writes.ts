/**
 * The writes of a new audit's `audit.put`, as fragments for the statement that records the
 * answer (apply-mutation.ts): the audit row, its first revision in audit_revisions, and its
 * audit-log row. A submission keeps the server's receipt time (`completed_received_at`) beside
 * the device's completion time. An edit of an audit the server has is written by edit-writes.ts.
 */
import { rawSql, sql, type Sql } from '../../db/sql';
import { eventInsert } from '../../audit-log/record-event';
import type { PushContext } from './decision';
import type { AuditChange } from './audit-change';

/** The new audit's first revision, and the audit-log row that says who made it. */
export function revisionWrites(ctx: PushContext, mutationId: string, change: AuditChange): Sql[] {
  const { snapshot, rev } = change;
  const status = snapshot.status;
  const revision = sql`INSERT INTO audit_revisions (audit_id, rev, status, answers, completed_at,
      completed_received_at, changed_by, device_id, mutation_id)
    VALUES (${snapshot.id}, ${rev}, ${status}, ${change.answersJson}::jsonb, ${change.completedAt},
      CASE WHEN ${status} = 'submitted' THEN now() END, ${ctx.person.id}, ${ctx.deviceId}, ${mutationId})`;
  const logged = eventInsert({
    actorId: ctx.person.id,
    action: 'audit.create',
    entityType: 'audit',
    entityId: snapshot.id,
    detail: { rev, deviceId: ctx.deviceId },
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  });
  return [revision, logged];
}

/** The new audit's columns straight from the row just inserted (as AUDIT_COLUMNS_SQL reads them). */
const RETURNING_AUDIT = rawSql(`RETURNING id, case_id, framework_key, framework_version, status, answers,
  completed_at, rev, auditor_id, updated_at,
  coalesce((SELECT display_name FROM people p WHERE p.id = audits.updated_by), '') AS updated_by_name,
  returned_note, deleted`);

/**
 * A new audit, from the person's active allocation of its case: a joint auditor's makes the
 * lead auditor's audit (its id is the lead's allocation), and an allocation of a round makes a
 * practice-week audit. Nothing when the row exists already (another device created it first).
 */
export function auditInsert(ctx: PushContext, change: AuditChange): Sql {
  const { snapshot } = change;
  const me = ctx.person.id;
  return sql`INSERT INTO audits (id, case_id, team_id, case_type, framework_key, framework_version, auditor_id,
      kind, status, answers, completed_at, completed_received_at, overall_grade, rev, updated_by)
    SELECT ${snapshot.id}, c.id, c.team_id, c.case_type, ${snapshot.frameworkKey}, ${snapshot.frameworkVersion},
      coalesce((SELECT lead.auditor_id FROM allocations lead WHERE lead.id = al.audit_id), ${me}),
      CASE WHEN al.round_name IS NULL THEN 'ad_hoc' ELSE 'practice_week' END, ${snapshot.status},
      ${change.answersJson}::jsonb, ${change.completedAt},
      CASE WHEN ${snapshot.status} = 'submitted' THEN now() END, ${change.overallGrade}, 1, ${me}
    FROM cases c JOIN allocations al ON al.case_id = c.id AND al.auditor_id = ${me} AND al.active
      AND (al.audit_id IS NULL OR al.audit_id = ${snapshot.id})
    WHERE c.id = ${snapshot.caseId}
    ON CONFLICT (id) DO NOTHING ${RETURNING_AUDIT}`;
}
