/**
 * Writing a hand-kept measure's figure for one period (plan_measure_values): typed on the
 * measure's screen or read from a monthly performance extract. A period's figure is replaced
 * when entered again, so re-importing a corrected extract puts the council's latest figures in.
 */
import type { Queryable } from '../db/database';
import type { Period } from '../../shared/metrics/periods';
import type { MeasureFigure } from '../../shared/plans/measure-values';
import { measureKindSchema, type MeasureKind } from '../../shared/metrics/measure-kind';
import { appError } from '../../shared/errors/app-error';

export async function saveMeasureValue(
  db: Queryable,
  measureId: string,
  period: Period,
  figure: MeasureFigure,
  note: string,
  personId: string,
): Promise<void> {
  await db.query(
    `INSERT INTO plan_measure_values (measure_id, period_id, period_start, period_end, value, k, n, note, entered_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (measure_id, period_id) DO UPDATE SET value = EXCLUDED.value, k = EXCLUDED.k, n = EXCLUDED.n,
       note = EXCLUDED.note, entered_by = EXCLUDED.entered_by, entered_at = now()`,
    [
      measureId,
      period.id,
      period.startDate,
      period.endDate,
      figure.value,
      figure.k,
      figure.n,
      note,
      personId,
    ],
  );
}

/** A measure of this plan whose figures are kept by hand, with its kind and bucket. */
export async function manualMeasure(
  db: Queryable,
  planId: string,
  measureId: string,
): Promise<{ action_id: string; bucket: string; kind: MeasureKind }> {
  const [measure] = await db.query<{ action_id: string; bucket: string; source: string; kind: string }>(
    'SELECT action_id, bucket, source, kind FROM plan_measures WHERE id = $1 AND plan_id = $2',
    [measureId, planId],
  );
  if (!measure) throw appError('not_found', 'There is no such measure in this plan.');
  if (measure.source !== 'manual')
    throw appError(
      'validation_failed',
      measure.source === 'case_actions'
        ? 'This measure is counted from case actions; its figures cannot be entered by hand.'
        : 'This measure is counted from audits; its figures cannot be entered by hand.',
    );
  return {
    action_id: measure.action_id,
    bucket: measure.bucket,
    kind: measureKindSchema.parse(measure.kind),
  };
}
