/**
 * What a trend asks of the metric readers: a metric definition, the London dates to report
 * on, optionally practice weeks, and an optional split by team, case type or agency. The answer is
 * one MetricResult per group (evaluate-metric.ts's shape), so a dashboard, a measure and the
 * board report cannot tell which reader produced it.
 */
import type { MetricDefinition, MetricFilters } from '../../shared/metrics/metric-definition';
import { inScope, type DataScope } from '../auth/service-scope';
import type { MetricResult } from '../../shared/metrics/evaluate-metric';
import type { PracticeWeek } from '../../shared/metrics/practice-weeks';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A split: by team, by case type, or by the agency that gave the answers (shared/metrics/split-by-agency.ts). */
export type MetricGroupBy = 'team' | 'case-type' | 'agency';

export interface MetricQuery {
  definition: MetricDefinition;
  /** Whose audits count: the reader's service (a plan's measures: the plan's service). */
  scope: DataScope;
  /** London dates, inclusive; every period overlapping them is reported whole. */
  range: { from: string; to: string };
  practiceWeeks?: readonly PracticeWeek[];
  groupBy?: MetricGroupBy | null;
}

/** One series: the whole selection (group null) or one team, case type or agency. */
export interface MetricSeries {
  group: string | null;
  result: MetricResult;
}

/** Which reader answered: the pre-aggregated counts, or an indexed scan of the audits. */
export type MetricMethod = 'counts' | 'scan';

export interface MetricAnswer {
  method: MetricMethod;
  series: MetricSeries[];
}

/**
 * SQL conditions and parameters for the scope and a definition's filters, on columns shared by
 * audits and metric_counts.
 */
export function filterSql(scope: DataScope, filters: MetricFilters, params: unknown[], prefix = ''): string {
  const conditions: string[] = [inScope(scope, { team: `${prefix}team_id` }, params)];
  const add = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  // Compared as uuids so the index can use them; an id that is not a uuid names no team.
  if (filters.teamIds)
    conditions.push(`${prefix}team_id = ANY(${add(filters.teamIds.filter((id) => UUID.test(id)))}::uuid[])`);
  if (filters.caseTypeIds) conditions.push(`${prefix}case_type = ANY(${add(filters.caseTypeIds)}::text[])`);
  if (filters.kinds) conditions.push(`${prefix}kind = ANY(${add(filters.kinds)}::text[])`);
  if (filters.frameworks) {
    const options = filters.frameworks.map((f) =>
      f.version === undefined
        ? `${prefix}framework_key = ${add(f.key)}`
        : `(${prefix}framework_key = ${add(f.key)} AND ${prefix}framework_version = ${add(f.version)}::int)`,
    );
    conditions.push(`(${options.join(' OR ')})`);
  }
  return conditions.map((c) => ` AND ${c}`).join('');
}
