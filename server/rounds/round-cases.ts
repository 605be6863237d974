/**
 * A round's cases as the allocation screen lists them: each drawn case, its current (active)
 * allocation and where the work stands, and — after a reallocation — whose draft was kept; a
 * joint audit's further auditors beside its lead's.
 */
import type { Queryable } from '../db/database';
import type { RoundCase, WorkState } from '../../shared/rounds/allocation-schemas';

interface Row {
  case_id: string;
  reference: string;
  team_id: string;
  team_name: string;
  case_type_label: string;
  plan_type: string;
  stratum: string;
  allocation_id: string | null;
  auditor_id: string | null;
  auditor_name: string | null;
  due_date: string | null;
  overdue: boolean | null;
  audit_status: string | null;
  moderated: boolean | null;
  reallocated_from: string | null;
  previous_auditor_name: string | null;
  tool_key: string | null;
  tool_title: string | null;
  self_id: string | null;
  self_auditor_name: string | null;
  self_status: string | null;
  joint: { id: string; auditor_id: string; name: string; agency: string; organisation: string }[] | null;
}

function state(row: Pick<Row, 'moderated' | 'audit_status'>): WorkState {
  if (row.moderated) return 'moderated';
  if (row.audit_status === 'submitted') return 'submitted';
  if (row.audit_status === 'draft') return 'started';
  return 'not_started';
}

export async function roundCases(db: Queryable, roundId: string): Promise<RoundCase[]> {
  const rows = await db.query<Row>(
    `SELECT c.id AS case_id, c.reference, c.team_id, t.name AS team_name, ct.label AS case_type_label, c.plan_type,
            rc.stratum, x.id AS allocation_id, x.auditor_id, p.display_name AS auditor_name, x.due_date::text AS due_date,
            (x.due_date < (now() AT TIME ZONE 'Europe/London')::date AND (a.status = 'submitted') IS NOT TRUE) AS overdue,
            CASE WHEN a.deleted THEN NULL ELSE a.status END AS audit_status,
            (m.status IN ('agreed', 'regraded')) IS TRUE AS moderated,
            x.reallocated_from, pp.display_name AS previous_auditor_name,
            x.framework_key AS tool_key, coalesce(tool.name, tf.title) AS tool_title,
            s.id AS self_id, sp.display_name AS self_auditor_name,
            CASE WHEN sa.deleted THEN NULL ELSE sa.status END AS self_status,
            (SELECT json_agg(json_build_object('id', j.id, 'auditor_id', j.auditor_id, 'name', jp.display_name,
                'agency', jp.agency, 'organisation', jp.organisation) ORDER BY j.created_at, j.id)
             FROM allocations j JOIN people jp ON jp.id = j.auditor_id
             WHERE j.audit_id = x.id AND (j.active OR j.finished)) AS joint
     FROM round_cases rc JOIN cases c ON c.id = rc.case_id JOIN teams t ON t.id = c.team_id
       JOIN case_types ct ON ct.key = c.case_type
       LEFT JOIN allocations x ON x.round_id = rc.round_id AND x.case_id = rc.case_id AND (x.active OR x.finished)
         AND x.stage = 'independent' AND x.audit_id IS NULL -- a joint audit's lead (docs/JOINT-AUDITS.md)
       LEFT JOIN frameworks tf ON tf.key = x.framework_key AND tf.version = x.framework_version
       LEFT JOIN audit_tools tool ON tool.key = x.framework_key
       LEFT JOIN allocations s ON s.round_id = rc.round_id AND s.case_id = rc.case_id AND (s.active OR s.finished)
         AND s.stage = 'self'
       LEFT JOIN people sp ON sp.id = s.auditor_id
       LEFT JOIN audits sa ON sa.id = s.id
       LEFT JOIN people p ON p.id = x.auditor_id
       LEFT JOIN audits a ON a.id = x.id
       LEFT JOIN moderations m ON m.audit_id = a.id
       LEFT JOIN allocations old ON old.id = x.reallocated_from
       LEFT JOIN people pp ON pp.id = old.auditor_id
     WHERE rc.round_id = $1
     ORDER BY rc.position`,
    [roundId],
  );
  return rows.map((r) => ({
    caseId: r.case_id,
    reference: r.reference,
    teamId: r.team_id,
    teamName: r.team_name,
    caseTypeLabel: r.case_type_label,
    planType: r.plan_type,
    stratum: r.stratum,
    allocation:
      r.allocation_id && r.auditor_id
        ? {
            id: r.allocation_id,
            auditorId: r.auditor_id,
            auditorName: r.auditor_name ?? '',
            dueDate: r.due_date,
            overdue: r.overdue === true,
            state: state(r),
            reallocatedFrom: r.reallocated_from,
            previousAuditorName: r.previous_auditor_name,
            toolKey: r.tool_key ?? '',
            toolTitle: r.tool_title ?? '',
            joint: (r.joint ?? []).map((j) => ({
              id: j.id,
              auditorId: j.auditor_id,
              auditorName: j.name,
              agency: j.agency,
              organisation: j.organisation,
            })),
          }
        : null,
    selfAudit: r.self_id
      ? {
          id: r.self_id,
          auditorName: r.self_auditor_name ?? '',
          state: state({ moderated: false, audit_status: r.self_status }),
        }
      : null,
  }));
}
