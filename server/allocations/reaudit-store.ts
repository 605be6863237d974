/**
 * The SQL behind re-audits of cases graded Inadequate: the audits that may be re-audited and
 * the re-audits scheduled (each with the change in grade once submitted), within a data
 * scope; and the look-ups and the make-way update that scheduling one runs in its transaction.
 */
import type { Queryable } from '../db/database';
import { inScope, type DataScope } from '../auth/service-scope';
import type { ReauditRow } from '../../shared/rounds/reaudit-schemas';
import { gradeIndexSchema } from '../../shared/metrics/grade-scale';

interface Row {
  allocation_id: string | null;
  original_audit_id: string;
  reference: string;
  team_name: string;
  original_grade: number;
  original_completed_at: string | null;
  auditor_name: string | null;
  due_date: string | null;
  new_grade: number | null;
  new_completed_at: string | null;
}

const toRow = (r: Row): ReauditRow => ({
  allocationId: r.allocation_id,
  originalAuditId: r.original_audit_id,
  reference: r.reference,
  teamName: r.team_name,
  originalGrade: gradeIndexSchema.parse(r.original_grade),
  originalCompletedAt: r.original_completed_at,
  auditorName: r.auditor_name,
  dueDate: r.due_date,
  newGrade: r.new_grade === null ? null : gradeIndexSchema.parse(r.new_grade),
  newCompletedAt: r.new_completed_at,
});

/** Submitted audits graded Inadequate with no re-audit yet, newest first (at most 200). */
export async function reauditCandidates(db: Queryable, scope: DataScope): Promise<ReauditRow[]> {
  const params: unknown[] = [];
  const reach = inScope(scope, { team: 'a.team_id' }, params);
  const rows = await db.query<Row>(
    `SELECT NULL AS allocation_id, a.id AS original_audit_id, c.reference, t.name AS team_name, a.overall_grade AS original_grade,
            a.completed_at AS original_completed_at, NULL AS auditor_name, NULL AS due_date, NULL AS new_grade, NULL AS new_completed_at
     FROM audits a JOIN cases c ON c.id = a.case_id JOIN teams t ON t.id = a.team_id
     WHERE a.status = 'submitted' AND NOT a.deleted AND a.overall_grade = 3
       AND NOT EXISTS (SELECT 1 FROM allocations x WHERE x.reaudit_of = a.id) AND ${reach}
     ORDER BY a.completed_at DESC LIMIT 200`,
    params,
  );
  return rows.map(toRow);
}

/** The re-audits scheduled (active or finished), newest first, with the new grade once submitted. */
export async function scheduledReaudits(db: Queryable, scope: DataScope): Promise<ReauditRow[]> {
  const params: unknown[] = [];
  const reach = inScope(scope, { team: 'c.team_id' }, params);
  const rows = await db.query<Row>(
    `SELECT x.id AS allocation_id, o.id AS original_audit_id, c.reference, t.name AS team_name, o.overall_grade AS original_grade,
                o.completed_at AS original_completed_at, p.display_name AS auditor_name, x.due_date::text AS due_date,
                CASE WHEN n.status = 'submitted' AND NOT n.deleted THEN n.overall_grade END AS new_grade,
                CASE WHEN n.status = 'submitted' AND NOT n.deleted THEN n.completed_at END AS new_completed_at
         FROM allocations x JOIN audits o ON o.id = x.reaudit_of JOIN cases c ON c.id = x.case_id JOIN teams t ON t.id = c.team_id
           JOIN people p ON p.id = x.auditor_id LEFT JOIN audits n ON n.id = x.id
         WHERE (x.active OR x.finished) AND ${reach} ORDER BY x.created_at DESC`,
    params,
  );
  return rows.map(toRow);
}

export interface AuditToReaudit {
  case_id: string;
  overall_grade: number | null;
  status: string;
  framework_key: string;
}

/** The audit to be re-audited, locked; null when there is none (or it was deleted). */
export async function lockAuditToReaudit(tx: Queryable, auditId: string): Promise<AuditToReaudit | null> {
  const [audit] = await tx.query<AuditToReaudit>(
    'SELECT case_id, overall_grade, status, framework_key FROM audits WHERE id = $1 AND NOT deleted FOR UPDATE',
    [auditId],
  );
  return audit ?? null;
}

/** Whether a re-audit of the audit is already scheduled. */
export async function isReauditScheduled(tx: Queryable, auditId: string): Promise<boolean> {
  const [already] = await tx.query('SELECT id FROM allocations WHERE reaudit_of = $1', [auditId]);
  return Boolean(already);
}

/** The latest published version of a framework, or null when none is published. */
export async function latestPublishedVersion(tx: Queryable, frameworkKey: string): Promise<number | null> {
  const [latest] = await tx.query<{ version: number | null }>(
    "SELECT max(version) AS version FROM frameworks WHERE key = $1 AND status = 'published'",
    [frameworkKey],
  );
  return latest?.version ?? null;
}

/**
 * The auditor's own finished allocation of the case makes way for the re-audit: their submitted
 * audit stays on their device. NOTE: withdraws (active = false) that allocation.
 */
export async function withdrawFinishedAllocation(
  tx: Queryable,
  caseId: string,
  auditorId: string,
): Promise<void> {
  await tx.query(
    `UPDATE allocations x SET active = false, updated_at = now() FROM audits a
     WHERE a.id = x.id AND x.case_id = $1 AND x.auditor_id = $2 AND x.active AND a.status = 'submitted'`,
    [caseId, auditorId],
  );
}
