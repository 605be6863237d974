/**
 * The SQL behind a plan action's measures: the look-ups that check a measure counts only its
 * plan's service (its teams, rounds and themes) and things the council keeps (case types,
 * flags), a measure's shape as stored, and adding and editing one. Each takes a Queryable so it
 * runs in the caller's transaction.
 */
import type { Queryable } from '../db/database';
import type { MeasureInput } from '../../shared/plans/plan-schemas';
import { defaultTolerance } from '../../shared/metrics/measure-kind';
import { finalTarget } from '../../shared/metrics/trajectory';

/** How many of the teams named are not teams of the plan's service. */
export async function countTeamsOutsidePlanService(
  db: Queryable,
  planId: string,
  teamIds: readonly string[],
): Promise<number> {
  const [outside] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM unnest($1::text[]) AS f(id)
     WHERE f.id NOT IN (SELECT t.id::text FROM teams t JOIN plans p ON p.service_id = t.service_id WHERE p.id = $2)`,
    [teamIds, planId],
  );
  return outside?.n ?? 0;
}

/** The case type and flag keys named that the council does not keep (retired ones are kept). */
export async function unknownCaseTypesAndFlags(
  db: Queryable,
  caseTypeKeys: readonly string[],
  flagKeys: readonly string[],
): Promise<{ field: 'caseTypeIds' | 'flagIds'; key: string }[]> {
  return db.query<{ field: 'caseTypeIds' | 'flagIds'; key: string }>(
    `SELECT 'caseTypeIds' AS field, k AS key FROM unnest($1::text[]) AS t(k)
       WHERE k NOT IN (SELECT key FROM case_types)
     UNION ALL
     SELECT 'flagIds', k FROM unnest($2::text[]) AS f(k) WHERE k NOT IN (SELECT key FROM case_flags)`,
    [caseTypeKeys, flagKeys],
  );
}

/** The round ids and themes named that are not of a round of the plan's service. */
export async function unknownRoundsAndThemes(
  db: Queryable,
  planId: string,
  roundIds: readonly string[],
  themes: readonly string[],
): Promise<{ field: 'roundIds' | 'themes'; key: string }[]> {
  return db.query<{ field: 'roundIds' | 'themes'; key: string }>(
    `WITH own AS (SELECT r.id::text AS id, r.theme FROM rounds r JOIN plans p ON p.id = $3
                  WHERE p.service_id IS NULL OR r.service_id = p.service_id)
     SELECT 'roundIds' AS field, k AS key FROM unnest($1::text[]) AS f(k) WHERE k NOT IN (SELECT id FROM own)
     UNION ALL
     SELECT 'themes', k FROM unnest($2::text[]) AS f(k) WHERE k NOT IN (SELECT theme FROM own)`,
    [roundIds, themes, planId],
  );
}

/** Whether the round is one of the plan's service (any round, for a plan of no service). */
export async function isRoundOfPlanService(db: Queryable, planId: string, roundId: string): Promise<boolean> {
  const [round] = await db.query(
    `SELECT 1 FROM rounds r JOIN plans p ON p.id = $2
     WHERE r.id::text = $1 AND (p.service_id IS NULL OR r.service_id = p.service_id)`,
    [roundId, planId],
  );
  return Boolean(round);
}

/** What a measure's stored figures mean, and how many it has, locked; null when there is no such measure. */
export async function lockMeasureShape(
  tx: Queryable,
  planId: string,
  measureId: string,
): Promise<{ source: string; kind: string; bucket: string; values: number } | null> {
  const [current] = await tx.query<{ source: string; kind: string; bucket: string; values: number }>(
    `SELECT m.source, m.kind, m.bucket,
            (SELECT count(*)::int FROM plan_measure_values v WHERE v.measure_id = m.id) AS values
       FROM plan_measures m WHERE m.id = $1 AND m.plan_id = $2 FOR UPDATE`,
    [measureId, planId],
  );
  return current ?? null;
}

/** A measure's columns as stored, from the form's input. */
export function measureColumns(input: MeasureInput) {
  const kind = input.source === 'manual' ? input.kind : 'share';
  return {
    title: input.title,
    source: input.source,
    minimumN: input.minimumN,
    kind,
    direction: input.direction,
    unit: input.source === 'manual' && kind !== 'share' ? input.unit : '',
    tolerance:
      input.tolerance ??
      defaultTolerance(kind, input.trajectory.baseline.value, finalTarget(input.trajectory)),
    compliance: input.source === 'case_actions' ? JSON.stringify(input.compliance) : null,
    metric: input.source === 'audits' ? JSON.stringify(input.metric) : null,
    bucket: input.source === 'audits' ? input.metric.bucket : input.bucket,
    trajectory: JSON.stringify(input.trajectory),
  };
}
export type MeasureColumns = ReturnType<typeof measureColumns>;

/** The columns in the order both the INSERT and the UPDATE below number them, from title to unit. */
function columnValues(col: MeasureColumns): unknown[] {
  return [
    col.title,
    col.source,
    col.metric,
    col.bucket,
    col.trajectory,
    col.tolerance,
    col.minimumN,
    col.compliance,
    col.kind,
    col.direction,
    col.unit,
  ];
}

/** Adds a measure to an action of the plan. */
export async function insertMeasure(
  tx: Queryable,
  ids: { id: string; planId: string; actionId: string },
  col: MeasureColumns,
): Promise<void> {
  await tx.query(
    `INSERT INTO plan_measures (id, plan_id, action_id, title, source, metric, bucket, trajectory, tolerance, minimum_n, compliance,
       kind, direction, unit)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8::jsonb, $9, $10, $11::jsonb, $12, $13, $14)`,
    [ids.id, ids.planId, ids.actionId, ...columnValues(col)],
  );
}

/** Replaces a measure's columns; answers its action, or null when the plan has no such measure. */
export async function updateMeasure(
  tx: Queryable,
  planId: string,
  measureId: string,
  col: MeasureColumns,
): Promise<string | null> {
  const [row] = await tx.query<{ action_id: string }>(
    `UPDATE plan_measures SET title = $3, source = $4, metric = $5::jsonb, bucket = $6, trajectory = $7::jsonb,
       tolerance = $8, minimum_n = $9, compliance = $10::jsonb, kind = $11, direction = $12, unit = $13,
       updated_at = now()
     WHERE id = $1 AND plan_id = $2 RETURNING action_id`,
    [measureId, planId, ...columnValues(col)],
  );
  return row?.action_id ?? null;
}
