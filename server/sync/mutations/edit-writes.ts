/**
 * The writes of applied edits of audits the server has, any number of them in one statement:
 * each audit row updated, its revision appended to audit_revisions, its audit-log row, and its
 * answer recorded in sync_mutations. A push of ten edits is one statement and one commit, not
 * ten. The edits travel as one JSON parameter that `jsonb_to_recordset` expands, so the text is
 * the same for one edit or fifty and its plan is prepared once. A submission keeps the server's
 * receipt time (`completed_received_at`) beside the device's completion time, and clears a
 * returned note.
 *
 * Guarded (edits decided from rows read without a lock: put-audit.ts), a row is updated only if
 * it still holds the `xid` it was read with, and an edit whose row changed leaves its answer's
 * outcome NULL, which fails the whole statement (NOT NULL): nothing of any of the edits is
 * written, and apply-mutation.ts decides each again. So does any other integrity rule: a
 * revision another write took first, or a mutation id recorded first. Unguarded (one edit, in
 * the transaction that locked its row), a mutation id recorded first records nothing, and the
 * caller rolls the transaction back.
 */
import type { MutationResult } from '../../../shared/sync/protocol';
import { rawSql, sql, type Sql } from '../../db/sql';
import type { AuditEdit, PushContext } from './decision';

export interface EditToWrite {
  mutationId: string;
  edit: AuditEdit;
  result: MutationResult;
}

export function editsStatement(ctx: PushContext, edits: readonly EditToWrite[], guarded: boolean): Sql {
  const rows = edits.map(({ mutationId, edit: { change, action, read }, result }, ord) => ({
    ord,
    id: change.snapshot.id,
    rev: change.rev,
    status: change.snapshot.status,
    answers: change.snapshot.answers,
    completed_at: change.completedAt,
    overall_grade: change.overallGrade,
    action,
    read_xid: read.xid,
    read_at: read.at,
    mutation_id: mutationId,
    result,
  }));
  const me = ctx.person.id;
  const device = ctx.deviceId;
  // The rows by their key as well: joined to the expanded JSON alone, the planner (which cannot
  // count a function's rows) would read the whole table. The keys come from the same JSON, not
  // a uuid[] parameter, so that no plan knows their count and one plan serves every push
  // (server/db/sql.ts, uuidList).
  const onlyAsRead = rawSql(guarded ? ' AND a.xid = e.read_xid::xid8' : '');
  return sql`WITH edit AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS e(ord int, id text, rev int,
        status text, answers jsonb, completed_at timestamptz, overall_grade smallint, action text,
        read_xid text, read_at timestamptz, mutation_id uuid, result jsonb)
    ),
    written AS (
      UPDATE audits a SET status = e.status, answers = e.answers, completed_at = e.completed_at,
        completed_received_at = CASE WHEN e.status = 'submitted' THEN now() END,
        overall_grade = e.overall_grade, rev = e.rev, updated_at = e.read_at, updated_by = ${me}::uuid,
        returned_note = CASE WHEN e.status = 'submitted' THEN NULL ELSE a.returned_note END
      FROM edit e WHERE a.id = ANY (ARRAY(SELECT id::uuid FROM edit)) AND a.id = e.id::uuid${onlyAsRead}
      RETURNING a.id
    ),
    revision AS (
      INSERT INTO audit_revisions (audit_id, rev, status, answers, completed_at, completed_received_at,
        changed_by, device_id, mutation_id)
      SELECT id::uuid, rev, status, answers, completed_at, CASE WHEN status = 'submitted' THEN now() END,
        ${me}::uuid, ${device}::uuid, mutation_id
      FROM edit ORDER BY ord
    ),
    logged AS (
      INSERT INTO audit_log (actor_id, action, entity_type, entity_id, detail, ip, user_agent)
      SELECT ${me}::uuid, action, 'audit', id, jsonb_build_object('rev', rev, 'deviceId', ${device}::text),
        ${ctx.ip}::text, ${ctx.userAgent.slice(0, 300)}::text
      FROM edit ORDER BY ord
    )
    INSERT INTO sync_mutations (mutation_id, person_id, device_id, audit_id, outcome, result)
    SELECT e.mutation_id, ${me}::uuid, ${device}::uuid, e.id::uuid,
      (SELECT 'applied' FROM written w WHERE w.id = e.id::uuid), e.result
    FROM edit e ORDER BY e.ord
    ${rawSql(guarded ? '' : 'ON CONFLICT (mutation_id) DO NOTHING ')}RETURNING mutation_id`;
}
