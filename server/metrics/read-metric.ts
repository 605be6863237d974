/**
 * The one entry point for a metric's figures on the server: the pre-aggregated counts when
 * they can answer (a single item, calendar periods), otherwise an indexed scan evaluated by
 * the shared evaluateMetric. Callers never choose; the answer says which was used.
 */
import type { Queryable } from '../db/database';
import { countMetric, countsCanAnswer } from './count-metric';
import { scanMetric } from './scan-metric';
import type { MetricAnswer, MetricQuery } from './metric-query';

export async function readMetric(db: Queryable, query: MetricQuery): Promise<MetricAnswer> {
  return countsCanAnswer(query)
    ? { method: 'counts', series: await countMetric(db, query) }
    : { method: 'scan', series: await scanMetric(db, query) };
}
