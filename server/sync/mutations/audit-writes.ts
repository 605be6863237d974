/**
 * The writes of an applied `audit.put`, as fragments for the statement that records the
 * answer (apply-mutation.ts): the audit row (inserted or updated), its revision in
 * audit_revisions, and its audit-log row. A submission keeps the server's receipt time
 * (`completed_received_at`) beside the device's completion time, and clears a returned note.
 */
import type { AuditSnapshot } from '../../../shared/sync/audit-document';
import { rawSql, sql, type Sql } from '../../db/sql';
import { eventInsert } from '../../audit-log/record-event';
import type { PushContext } from './decision';

/** What an applied snapshot writes, worked out once. */
export interface AuditChange {
  snapshot: AuditSnapshot;
  rev: number;
  /** Kept only on a submission. */
  completedAt: string | null;
  overallGrade: number | null;
  answersJson: string;
}

export function auditChange(
  snapshot: AuditSnapshot,
  baseRev: number,
  overallGrade: number | null,
): AuditChange {
  return {
    snapshot,
    rev: baseRev + 1,
    completedAt: snapshot.status === 'submitted' ? snapshot.completedAt : null,
    overallGrade,
    answersJson: JSON.stringify(snapshot.answers),
  };
}

/** The revision appended for every applied change, and the audit-log row that says who made it. */
export function revisionWrites(
  ctx: PushContext,
  mutationId: string,
  change: AuditChange,
  action: 'audit.create' | 'audit.update' | 'audit.submit',
): Sql[] {
  const { snapshot, rev } = change;
  const status = snapshot.status;
  const revision = sql`INSERT INTO audit_revisions (audit_id, rev, status, answers, completed_at,
      completed_received_at, changed_by, device_id, mutation_id)
    VALUES (${snapshot.id}, ${rev}, ${status}, ${change.answersJson}::jsonb, ${change.completedAt},
      CASE WHEN ${status} = 'submitted' THEN now() END, ${ctx.person.id}, ${ctx.deviceId}, ${mutationId})`;
  const logged = eventInsert({
    actorId: ctx.person.id,
    action,
    entityType: 'audit',
    entityId: snapshot.id,
    detail: { rev, deviceId: ctx.deviceId },
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  });
  return [revision, logged];
}

/**
 * The audit row's new state; the document it makes is worked out beforehand (no read-back).
 * `asRead`: the edit was decided from a row read without a lock (put-audit.ts): the row is
 * written only if it still holds the `xid` it was read with (another write stamps its own), and
 * returns its id only then; `updated_at` is the read's clock, as the document says.
 */
export function auditUpdate(
  ctx: PushContext,
  change: AuditChange,
  asRead?: { xid: string; at: string },
): Sql {
  const status = change.snapshot.status;
  const updatedAt = asRead ? sql`${asRead.at}::timestamptz` : rawSql('now()');
  const onlyAsRead = asRead ? sql` AND xid = ${asRead.xid}::text::xid8 RETURNING id` : rawSql('');
  return sql`UPDATE audits SET status = ${status}, answers = ${change.answersJson}::jsonb,
      completed_at = ${change.completedAt},
      completed_received_at = CASE WHEN ${status} = 'submitted' THEN now() END,
      overall_grade = ${change.overallGrade}, rev = ${change.rev}, updated_at = ${updatedAt},
      updated_by = ${ctx.person.id},
      returned_note = CASE WHEN ${status} = 'submitted' THEN NULL ELSE returned_note END
    WHERE id = ${change.snapshot.id}${onlyAsRead}`;
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
