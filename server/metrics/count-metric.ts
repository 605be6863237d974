/**
 * A metric read from the pre-aggregated counts (metric_counts) instead of the audits: one
 * indexed range of rows per item, summed per month in SQL, then folded into the metric's
 * periods here. Every calendar bucket (month, quarter, financial year and quarter) is a union
 * of whole London months, so month counts answer them exactly; k, n and the interval come
 * from the shared proportion(), so the figures are the ones evaluateMetric would give (the
 * aggregate tests check that on random audits).
 *
 * Not answerable here (count-metric refuses; read-metric.ts scans instead): "any of" several
 * items, because whether an audit passes depends on its answers together, which per-item
 * counts have lost; practice weeks, which are not whole months; filters by case flag, case
 * age, round or round theme, and the split by agency, which the counts are not keyed by.
 */
import type { Queryable } from '../db/database';
import { dayNumberOf } from '../../shared/metrics/calendar-date';
import { periodBucketer } from '../../shared/metrics/periods';
import { proportion } from '../../shared/metrics/proportion';
import { filterSql, type MetricQuery, type MetricSeries } from './metric-query';

/** True when the counts can answer the query. */
export function countsCanAnswer(query: MetricQuery): boolean {
  const { filters } = query.definition;
  return (
    'item' in query.definition.source &&
    query.definition.bucket !== 'practice-week' &&
    // metric_counts is keyed by team and case type, not by the case's flags or age.
    filters.flagIds === undefined &&
    filters.openLongerThanMonths === undefined &&
    filters.roundIds === undefined &&
    filters.themes === undefined &&
    query.groupBy !== 'agency'
  );
}

const GROUP_COLUMN = { team: 'team_id::text', 'case-type': 'case_type' } as const;

export async function countMetric(db: Queryable, query: MetricQuery): Promise<MetricSeries[]> {
  const { definition } = query;
  if (!countsCanAnswer(query) || !('item' in definition.source) || definition.bucket === 'practice-week') {
    throw new Error('countMetric: this metric is read by a scan (see countsCanAnswer)');
  }
  const bucketer = periodBucketer(definition.bucket);
  const keys = bucketer.keysOverlapping(dayNumberOf(query.range.from), dayNumberOf(query.range.to));
  const firstKey = keys[0];
  const lastKey = keys.at(-1);
  if (firstKey === undefined || lastKey === undefined) return [];
  const params: unknown[] = [
    definition.source.item,
    bucketer.period(firstKey).startDate,
    bucketer.period(lastKey).endDate,
    definition.passing.map(String),
  ];
  const group = query.groupBy && query.groupBy !== 'agency' ? GROUP_COLUMN[query.groupBy] : 'NULL::text';
  const sql = `SELECT month, ${group} AS grp,
      coalesce(sum(audits) FILTER (WHERE value = ANY($4::text[])), 0)::int8 AS k, sum(audits)::int8 AS n
    FROM metric_counts
    WHERE item_key = $1 AND month >= $2::date AND month <= $3::date${filterSql(query.scope, definition.filters, params)}
    GROUP BY 1, 2
    HAVING sum(audits) > 0`;
  const rows = await db.query<{ month: string; grp: string | null; k: number; n: number }>(sql, params);

  const byGroup = new Map<string | null, Map<number, { k: number; n: number }>>();
  if (!query.groupBy) byGroup.set(null, new Map());
  for (const row of rows) {
    const key = bucketer.keyOfDay(dayNumberOf(row.month));
    const counts = byGroup.get(row.grp) ?? new Map<number, { k: number; n: number }>();
    byGroup.set(row.grp, counts);
    const cell = counts.get(key) ?? { k: 0, n: 0 };
    cell.k += row.k;
    cell.n += row.n;
    counts.set(key, cell);
  }
  return [...byGroup.entries()]
    .sort(([a], [b]) => String(a).localeCompare(String(b)))
    .map(([groupValue, counts]) => {
      let k = 0;
      let n = 0;
      const periods = keys.map((key) => {
        const cell = counts.get(key) ?? { k: 0, n: 0 };
        k += cell.k;
        n += cell.n;
        return { period: bucketer.period(key), ...proportion(cell.k, cell.n) };
      });
      return { group: groupValue, result: { name: definition.name, periods, overall: proportion(k, n) } };
    });
}
