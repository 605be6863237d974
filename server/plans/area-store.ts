/**
 * The SQL behind a plan's areas: the checks that give a clear field error instead of a
 * unique-constraint failure, and adding and editing an area with its timescale, recurrence and
 * outcome statements. Each takes a Queryable so it runs in the caller's transaction.
 */
import type { Queryable } from '../db/database';
import { appError } from '../../shared/errors/app-error';
import { nextPosition } from './plan-store';

const invalid = (path: string, message: string) =>
  appError('validation_failed', 'Some fields need correcting.', [{ path, message }]);

/** @throws AppError validation_failed on `areaId` when the plan has no such area. */
export async function assertAreaInPlan(db: Queryable, planId: string, areaId: string): Promise<void> {
  const [area] = await db.query('SELECT id FROM plan_areas WHERE id = $1 AND plan_id = $2', [areaId, planId]);
  if (!area) throw invalid('areaId', 'Choose an area of this plan.');
}

/** @throws AppError validation_failed on `reference` when another area of the plan has it. */
export async function assertFreeAreaReference(
  db: Queryable,
  planId: string,
  reference: string,
  exceptAreaId: string | null,
): Promise<void> {
  const [clash] = await db.query(
    'SELECT id FROM plan_areas WHERE plan_id = $1 AND reference = $2 AND ($3::uuid IS NULL OR id <> $3::uuid)',
    [planId, reference, exceptAreaId],
  );
  if (clash)
    throw invalid('reference', `This plan already has an area “${reference}”. Choose another reference.`);
}

/** An area's fields as the form sends them. */
export interface AreaFields {
  reference: string;
  title: string;
  theme: string;
  source: string;
  timescale: string;
  timescaleDate?: string | undefined;
  recurrence?: string | undefined;
  recurrenceStart?: string | undefined;
  outcomes: string[];
}

/**
 * An area's columns in the order both INSERT and UPDATE number them ($3…$11): reference, title,
 * theme, source, timescale, then the date, recurrence, its start month and the outcomes.
 */
function areaColumns(input: AreaFields): unknown[] {
  const recurring = input.timescale === 'recurring';
  return [
    input.reference,
    input.title,
    input.theme,
    input.source,
    input.timescale,
    input.timescale === 'by-date' ? input.timescaleDate : null,
    recurring ? input.recurrence : null,
    recurring ? input.recurrenceStart : null,
    JSON.stringify(input.outcomes),
  ];
}

/** Adds an area at the end of the plan. */
export async function insertArea(
  tx: Queryable,
  id: string,
  planId: string,
  input: AreaFields,
): Promise<void> {
  await tx.query(
    `INSERT INTO plan_areas (id, plan_id, reference, title, theme, source, timescale, timescale_date,
       recurrence, recurrence_start, outcomes, position)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12)`,
    [id, planId, ...areaColumns(input), await nextPosition(tx, 'plan_areas', planId)],
  );
}

/** Replaces an area's fields; false when the plan has no such area. */
export async function updateArea(
  tx: Queryable,
  areaId: string,
  planId: string,
  input: AreaFields,
): Promise<boolean> {
  const updated = await tx.query(
    `UPDATE plan_areas SET reference = $3, title = $4, theme = $5, source = $6, timescale = $7, timescale_date = $8,
       recurrence = $9, recurrence_start = $10, outcomes = $11::jsonb
     WHERE id = $1 AND plan_id = $2 RETURNING id`,
    [areaId, planId, ...areaColumns(input)],
  );
  return updated.length > 0;
}
