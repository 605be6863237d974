/**
 * Rebuilds metric_counts from the audits table in one statement: after a bulk load that
 * bypassed the audit-write hook (the demo seed, the large benchmark dataset, a restore), or
 * to repair counts suspected of drifting. It says in SQL what audit-contributions.ts says in
 * TypeScript (the overall grade from audits.overall_grade; grades, questions and yes/no items
 * from the answers with the moderator's grades laid over them; Not applicable left out; the
 * Europe/London month of completion); the
 * aggregate tests check the two agree.
 */
import type { Queryable } from '../db/database';

export const REBUILD_METRIC_COUNTS_SQL = `
  INSERT INTO metric_counts (item_key, month, team_id, case_type, framework_key, framework_version, kind, value, audits)
  WITH f AS MATERIALIZED (SELECT key, version, definition ->> 'overallGradeKey' AS overall_key FROM frameworks)
  SELECT e.item_key, date_trunc('month', a.completed_at AT TIME ZONE 'Europe/London')::date,
         a.team_id, a.case_type, a.framework_key, a.framework_version, a.kind, e.value, count(*)
  FROM audits a
  -- f is MATERIALIZED so each framework's overall key is read once, not once per answer: a
  -- definition is tens of kilobytes and detoasting it per row dominated the rebuild.
  JOIN f ON f.key = a.framework_key AND f.version = a.framework_version
  CROSS JOIN LATERAL (
    SELECT f.overall_key AS item_key, a.overall_grade::text AS value
    WHERE a.overall_grade IS NOT NULL
    UNION ALL
    SELECT j.key, j.value ->> 'value'
    FROM jsonb_each(a.answers || coalesce(a.moderated_grades, '{}'::jsonb)) j
    WHERE j.key <> f.overall_key
      AND j.value ->> 'kind' IN ('grade', 'question', 'yes-no-note')
      AND jsonb_typeof(j.value -> 'value') IN ('string', 'number')
      AND j.value ->> 'value' <> 'not_applicable'
  ) e
  WHERE a.status = 'submitted' AND NOT a.deleted AND a.completed_at IS NOT NULL AND a.stage = 'independent'
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;

/** Replaces every count with one recomputed from the audits; returns how many rows it wrote. */
export async function rebuildMetricCounts(tx: Queryable): Promise<number> {
  // Holds writers of counts off until the new ones are in; readers see the old counts or the new.
  await tx.query('LOCK TABLE metric_counts IN EXCLUSIVE MODE');
  await tx.query('DELETE FROM metric_counts');
  // One sort of every counted answer: let it stay in memory rather than spill to disk.
  await tx.query("SET LOCAL work_mem = '128MB'");
  await tx.query(REBUILD_METRIC_COUNTS_SQL);
  const [row] = await tx.query<{ rows: number }>('SELECT count(*) AS rows FROM metric_counts');
  return row?.rows ?? 0;
}
