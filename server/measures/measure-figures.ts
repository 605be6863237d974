/**
 * A measure's figures, period by period, as of a London date: from the audits (through
 * readMetric, so the pre-aggregated counts where they can answer) or from the values entered
 * by hand; each period judged against the trajectory by the shared trajectoryRag on its end
 * date, with the evaluation date the as-of date. Periods run from the baseline's period to
 * the as-of date's (at most the latest MAX_MEASURE_PERIODS of them); a period without a
 * figure is "no data", never 0.
 */
import type { Queryable } from '../db/database';
import { dayNumberOf } from '../../shared/metrics/calendar-date';
import { periodBucketer, timeBucketSchema, type Period, type TimeBucket } from '../../shared/metrics/periods';
import { trajectoryRag } from '../../shared/metrics/trajectory-rag';
import {
  amountTrajectorySchema,
  trajectorySchema,
  trajectoryValue,
  type Trajectory,
} from '../../shared/metrics/trajectory';
import {
  measureDirectionSchema,
  measureKindSchema,
  type MeasureDirection,
  type MeasureKind,
} from '../../shared/metrics/measure-kind';
import { ragRuleWords } from '../../shared/metrics/rag-rule-words';
import { metricDefinitionSchema, type MetricDefinition } from '../../shared/metrics/metric-definition';
import type { MeasurePoint, MeasureView } from '../../shared/plans/plan-views';
import { wilsonInterval } from '../../shared/metrics/wilson-interval';
import { readMetric } from '../metrics/read-metric';
import { scopeOfService } from '../auth/service-scope';
import { metricFilterWords } from '../../shared/metrics/metric-filter-words';
import { filterNames } from './filter-names';
import {
  complianceFiltersSchema,
  type ComplianceFilters,
} from '../../shared/case-actions/compliance-measure';
import { complianceFigures, complianceWords } from './compliance-figures';

export interface MeasureRow {
  id: string;
  action_id: string;
  title: string;
  source: 'audits' | 'manual' | 'case_actions';
  metric: unknown;
  /** A compliance measure's filters (source 'case_actions'); null otherwise. */
  compliance: unknown;
  bucket: string;
  trajectory: unknown;
  tolerance: number;
  minimum_n: number;
  /** 'share', 'count' or 'rate' (migration 031). */
  kind: string;
  direction: string;
  unit: string;
  /** The plan's service: a measure counts that service's audits only (null: none). */
  service_id: string | null;
}

/** Columns of plan_measures (read as `FROM plan_measures m`), with the service of the plan. */
export const MEASURE_COLUMNS =
  'm.id, m.action_id, m.title, m.source, m.metric, m.compliance, m.bucket, m.trajectory, m.tolerance, m.minimum_n, m.kind, m.direction, m.unit, (SELECT pl.service_id FROM plans pl WHERE pl.id = m.plan_id) AS service_id';

interface ManualValue {
  period_id: string;
  value: number;
  k: number | null;
  n: number | null;
  note: string;
}

function point(
  period: Period,
  observed: { k: number; n: number } | { value: number } | null,
  trajectory: Trajectory,
  options: {
    asOf: string;
    tolerance: number;
    minimumN: number;
    kind: MeasureKind;
    direction: MeasureDirection;
  },
  note?: string,
): MeasurePoint {
  const target = trajectoryValue(
    trajectory,
    period.endDate,
    options.kind === 'share' ? 'fraction' : 'amount',
  );
  const base = {
    periodId: period.id,
    label: period.label,
    startDate: period.startDate,
    endDate: period.endDate,
    target,
  };
  if (observed === null || ('n' in observed && observed.n === 0)) {
    return {
      ...base,
      k: null,
      n: null,
      fraction: null,
      lower: null,
      upper: null,
      rag: 'no-data',
      rule: 1,
      ruleWords: 'no figure for the period',
    };
  }
  const rag = trajectoryRag({
    trajectory,
    observed,
    periodEnd: period.endDate,
    evaluationDate: options.asOf,
    tolerance: options.tolerance,
    minimumN: options.minimumN,
    kind: options.kind,
    direction: options.direction,
  });
  const ruleWords = ragRuleWords(rag.rule, options.direction);
  const counted =
    'value' in observed
      ? { k: null, n: null, fraction: observed.value }
      : { k: observed.k, n: observed.n, fraction: observed.k / observed.n };
  return {
    ...base,
    ...counted,
    lower: null,
    upper: null,
    rag: rag.colour,
    rule: rag.rule,
    ruleWords,
    ...(note ? { note } : {}),
  };
}

/** The latest period with enough to judge (n ≥ minimum, or a value by hand). */
function latestJudged(points: readonly MeasurePoint[]): MeasurePoint | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (p && p.rag !== 'no-data') return p;
  }
  return null;
}

/**
 * The most periods a measure's figures run over: ten years of months. Dates are bounded to
 * 2000–2100 (shared/validation/bounded-date.ts), but a baseline in 2000 and an as-of date in
 * 2100 would still be 1,212 months per measure for every report and export; a board looks at
 * the recent years, so the periods shown are the latest ones up to the as-of date.
 */
export const MAX_MEASURE_PERIODS = 120;

/** `from`, moved later when it is more than MAX_MEASURE_PERIODS calendar periods before `asOf`. */
function capFrom(bucket: TimeBucket, from: string, asOf: string): string {
  // Practice weeks are the council's own few a year, read from the rounds: no cap needed.
  if (bucket === 'practice-week') return from;
  const bucketer = periodBucketer(bucket);
  const earliest = bucketer.period(bucketer.keyOfDay(dayNumberOf(asOf)) - MAX_MEASURE_PERIODS + 1).startDate;
  return from < earliest ? earliest : from;
}

export async function measureFigures(db: Queryable, row: MeasureRow, asOf: string): Promise<MeasureView> {
  const kind = measureKindSchema.parse(row.kind);
  const direction = measureDirectionSchema.parse(row.direction);
  const trajectory = (kind === 'share' ? trajectorySchema : amountTrajectorySchema).parse(row.trajectory);
  const bucket: TimeBucket = timeBucketSchema.parse(row.bucket);
  const metric: MetricDefinition | null =
    row.source === 'audits' ? metricDefinitionSchema.parse(row.metric) : null;
  const compliance: ComplianceFilters | null =
    row.source === 'case_actions' ? complianceFiltersSchema.parse(row.compliance) : null;
  const from = capFrom(bucket, trajectory.baseline.date < asOf ? trajectory.baseline.date : asOf, asOf);
  const options = { asOf, tolerance: row.tolerance, minimumN: row.minimum_n, kind, direction };
  let points: MeasurePoint[];
  let method: MeasureView['method'];
  if (metric) {
    const answer = await readMetric(db, {
      definition: { ...metric, bucket },
      scope: scopeOfService(row.service_id),
      range: { from, to: asOf },
    });
    method = answer.method;
    const periods = answer.series[0]?.result.periods ?? [];
    points = periods.map((p) => {
      const figure = point(p.period, { k: p.k, n: p.n }, trajectory, options);
      return p.interval ? { ...figure, lower: p.interval.lower, upper: p.interval.upper } : figure;
    });
  } else if (compliance) {
    method = 'scan';
    const periods = await complianceFigures(db, row.service_id, compliance, bucket, { from, to: asOf });
    points = periods.map(({ period, figure }) => {
      const shown = point(period, { k: figure.k, n: figure.n }, trajectory, options);
      return figure.interval
        ? { ...shown, lower: figure.interval.lower, upper: figure.interval.upper }
        : shown;
    });
  } else {
    method = 'manual';
    const values = await db.query<ManualValue>(
      'SELECT period_id, value, k, n, note FROM plan_measure_values WHERE measure_id = $1',
      [row.id],
    );
    const byPeriod = new Map(values.map((v) => [v.period_id, v]));
    const bucketer = periodBucketer(bucket);
    points = bucketer.keysOverlapping(dayNumberOf(from), dayNumberOf(asOf)).map((key) => {
      const period = bucketer.period(key);
      const entered = byPeriod.get(period.id);
      if (!entered) return point(period, null, trajectory, options);
      const observed =
        kind === 'share' && entered.k !== null && entered.n !== null
          ? { k: entered.k, n: entered.n }
          : { value: entered.value };
      const figure = point(period, observed, trajectory, options, entered.note);
      // A value entered by hand is the council's own figure: show it as given, even with a count.
      // A share with its count has its 95% interval like any share; a count or rate has none.
      const interval =
        kind === 'share' && entered.k !== null && entered.n !== null
          ? wilsonInterval(entered.k, entered.n)
          : null;
      return {
        ...figure,
        fraction: entered.value,
        lower: interval?.lower ?? null,
        upper: interval?.upper ?? null,
      };
    });
  }
  return {
    id: row.id,
    actionId: row.action_id,
    title: row.title,
    source: row.source,
    kind,
    direction,
    unit: row.unit,
    metric,
    compliance,
    whichAudits: metric
      ? metricFilterWords(metric.filters, await filterNames(db, metric.filters))
      : compliance
        ? await complianceWords(db, compliance)
        : null,
    bucket,
    trajectory,
    tolerance: row.tolerance,
    minimumN: row.minimum_n,
    method,
    points,
    latest: latestJudged(points),
  };
}
