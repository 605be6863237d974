/**
 * The inspection list: every submitted audit of the person's service (or team, where
 * their role reaches only that) completed within a window of London dates, one row per audit,
 * with the auditor's grade, the moderator's (once agreed or re-graded: the grade that counts),
 * the grade of a submitted re-audit of it (a re-audit is an allocation whose `reaudit_of` names
 * the audit, and its audit has the allocation's id) and how many of its case actions are open.
 * Drafts and deleted audits never appear. A moderator still grading an audit blind is
 * not shown its auditor's grade.
 */
import type { Queryable } from '../db/database';
import type { DataScope } from '../auth/service-scope';
import { inScope } from '../auth/service-scope';
import { gradeIndexSchema, type GradeIndex } from '../../shared/metrics/grade-scale';
import { londonDate } from '../../shared/metrics/london-date';
import { ROUND_KIND_LABELS, type RoundKind } from '../../shared/rounds/round-schemas';
import type { InspectionRow } from '../../shared/inspection/inspection-schemas';
import type { InspectionWindow } from '../../shared/inspection/inspection-window';

interface Row {
  audit_id: string;
  case_id: string;
  reference: string;
  team_id: string;
  team_name: string;
  worker_now: string;
  completed_at: unknown;
  kind: string;
  stage: string;
  tool_name: string;
  auditor_grade: number | null;
  moderated_grade: number | null;
  reaudit_grade: number | null;
  open_actions: number | string;
}

const grade = (value: number | null): GradeIndex | null =>
  value === null ? null : gradeIndexSchema.parse(Number(value));

export const kindLabel = (kind: string): string =>
  kind === 'ad_hoc' ? 'Ad hoc' : (ROUND_KIND_LABELS[kind as RoundKind] ?? kind);

/** The service's teams the person reaches, for the team filter. */
export async function inspectionTeams(
  db: Queryable,
  scope: DataScope,
): Promise<{ id: string; name: string }[]> {
  const params: unknown[] = [];
  const reach = inScope(scope, { team: 't.id' }, params);
  return db.query<{ id: string; name: string }>(
    `SELECT t.id, t.name FROM teams t WHERE ${reach} ORDER BY t.name, t.id`,
    params,
  );
}

/** The rows, newest audit first (then by case reference). */
export async function inspectionRows(
  db: Queryable,
  scope: DataScope,
  window: InspectionWindow,
  teamId: string | null,
  personId: string,
): Promise<InspectionRow[]> {
  const params: unknown[] = [window.fromInstant, window.untilInstant, personId];
  const reach = inScope(scope, { team: 'a.team_id' }, params);
  let team = 'TRUE';
  if (teamId) {
    params.push(teamId);
    team = `a.team_id = $${params.length}::uuid`;
  }
  const rows = await db.query<Row>(
    `SELECT a.id AS audit_id, a.case_id, c.reference, a.team_id, t.name AS team_name,
            COALESCE(pr.display_name, NULLIF(c.allocated_worker, ''), '') AS worker_now,
            a.completed_at, a.kind, a.stage, COALESCE(tool.name, f.title) AS tool_name,
            CASE WHEN EXISTS (SELECT 1 FROM moderations bm WHERE bm.audit_id = a.id AND bm.moderator_id = $3::uuid
                               AND bm.blind_at IS NULL AND bm.status IN ('pending', 'returned')) THEN NULL
                 WHEN jsonb_typeof(a.answers -> (f.definition ->> 'overallGradeKey') -> 'value') = 'number'
                 THEN (a.answers -> (f.definition ->> 'overallGradeKey') ->> 'value')::int END AS auditor_grade,
            CASE WHEN m.status IN ('agreed', 'regraded') THEN m.moderated_overall END AS moderated_grade,
            (SELECT r.overall_grade FROM allocations x JOIN audits r ON r.id = x.id
              WHERE x.reaudit_of = a.id AND r.status = 'submitted' AND NOT r.deleted
              ORDER BY r.completed_at DESC LIMIT 1) AS reaudit_grade,
            (SELECT count(*) FROM case_actions k
              WHERE k.audit_id = a.id AND k.withdrawn_at IS NULL AND k.state = 'open') AS open_actions
     FROM audits a
     JOIN cases c ON c.id = a.case_id
     JOIN teams t ON t.id = a.team_id
     JOIN frameworks f ON f.key = a.framework_key AND f.version = a.framework_version
     LEFT JOIN audit_tools tool ON tool.key = a.framework_key
     LEFT JOIN people pr ON pr.id = c.practitioner_id
     LEFT JOIN moderations m ON m.audit_id = a.id
     WHERE a.status = 'submitted' AND NOT a.deleted
       AND a.completed_at >= $1::timestamptz AND a.completed_at < $2::timestamptz
       AND ${reach} AND ${team}
     ORDER BY a.completed_at DESC, c.reference, a.id`,
    params,
  );
  return rows.map((r) => {
    const completedAt = new Date(r.completed_at as string).toISOString();
    return {
      auditId: r.audit_id,
      caseId: r.case_id,
      reference: r.reference,
      teamId: r.team_id,
      teamName: r.team_name,
      workerNow: r.worker_now,
      completedAt,
      auditDate: londonDate(completedAt),
      kindLabel: kindLabel(r.kind),
      toolName: r.stage === 'self' ? `${r.tool_name} (self-audit)` : r.tool_name,
      auditorGrade: grade(r.auditor_grade),
      moderatedGrade: grade(r.moderated_grade),
      reauditGrade: grade(r.reaudit_grade),
      openActions: Number(r.open_actions),
    };
  });
}
