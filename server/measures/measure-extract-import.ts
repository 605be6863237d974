/**
 * A monthly performance extract into a hand-kept measure: the file read by the one file reader
 * (CSV in any character set Excel writes, or XLSX), the columns proposed from its headers unless
 * the manager chose them, every row checked by the shared readMeasureExtract, then either a
 * preview (nothing written) or the import — every row in one transaction, or, with any problem,
 * none, with the problems naming their row and column.
 */
import type { Database, Queryable } from '../db/database';
import type { z } from 'zod';
import type { measureExtractInputSchema } from '../../shared/plans/plan-schemas';
import { appError, type FieldProblem } from '../../shared/errors/app-error';
import { dayNumberOf } from '../../shared/metrics/calendar-date';
import { periodBucketer, timeBucketSchema } from '../../shared/metrics/periods';
import {
  guessExtractMapping,
  readMeasureExtract,
  type ExtractMapping,
  type ExtractRow,
} from '../../shared/plans/measure-extract';
import type { MeasureKind } from '../../shared/metrics/measure-kind';
import { readPlanFile } from '../plans/read-plan-file';
import { londonToday } from '../plans/london-today';
import { touchPlan } from '../plans/plan-store';
import { manualMeasure, saveMeasureValue } from './measure-values-store';

type ExtractInput = z.infer<typeof measureExtractInputSchema>;

/** What the preview (and the import) answers: the columns read and each row's figure. */
export interface ExtractAnswer {
  applied: boolean;
  actionId: string;
  kind: MeasureKind;
  headers: string[];
  mapping: ExtractMapping;
  rows: { row: number; periodId: string; label: string; value: number; k: number | null; n: number | null }[];
  problems: FieldProblem[];
}

export async function importMeasureExtract(
  db: Database,
  request: { planId: string; measureId: string; input: ExtractInput; personId: string },
  log: (tx: Queryable, rows: ExtractRow[]) => Promise<void>,
): Promise<ExtractAnswer> {
  const { planId, measureId, input } = request;
  const measure = await manualMeasure(db, planId, measureId);
  const table = await readPlanFile(input.fileName, Buffer.from(input.content, 'base64'), {
    sheet: input.sheet,
    encoding: input.encoding,
  });
  const headers = table[0] ?? [];
  const mapping = input.mapping ?? guessExtractMapping(headers);
  const bucket = timeBucketSchema.exclude(['practice-week']).parse(measure.bucket);
  const bucketer = periodBucketer(bucket);
  const current = bucketer.period(bucketer.keyOfDay(dayNumberOf(londonToday())));
  const result = readMeasureExtract(table, mapping, measure.kind, bucket, current.startDate);
  const answer = (applied: boolean, rows: ExtractRow[], problems: FieldProblem[]): ExtractAnswer => ({
    applied,
    actionId: measure.action_id,
    kind: measure.kind,
    headers,
    mapping,
    rows: rows.map((r) => ({
      row: r.row,
      periodId: r.period.id,
      label: r.period.label,
      value: r.value,
      k: r.k,
      n: r.n,
    })),
    problems,
  });
  if (!result.ok) {
    if (!input.apply) return answer(false, [], result.problems);
    const count = result.problems.length;
    throw appError(
      'validation_failed',
      `The file has ${count === 1 ? 'a problem' : `${count} problems`}. Nothing was imported: correct ${count === 1 ? 'it' : 'them'} and import the file again.`,
      result.problems,
    );
  }
  if (!input.apply) return answer(false, result.rows, []);
  await db.transaction(async (tx) => {
    for (const r of result.rows)
      await saveMeasureValue(tx, measureId, r.period, r, `Imported from ${input.fileName}`, request.personId);
    await touchPlan(tx, planId);
    await log(tx, result.rows);
  });
  return answer(true, result.rows, []);
}
