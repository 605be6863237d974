/**
 * Turns audits into the percentages an action plan tracks, by the rules in PRODUCT.md that
 * every screen and report must agree on:
 * - only submitted audits count; drafts never do;
 * - where a moderator re-graded an item, the moderated answer counts;
 * - Not applicable and unanswered items leave the denominator; for "any of" several items an
 *   audit passes if any answered item passes, and is left out if none is answered;
 * - an audit belongs to the period containing its completion date in Europe/London;
 * - every figure carries k, n, the unrounded fraction and its 95% Wilson interval, and a
 *   period with no audits is "no data" (n = 0), never 0%.
 *
 * This runs over every audit an organisation has (a 100,000-audit bench is in tests/bench),
 * so the loop allocates nothing per audit: keys are integers and the London date is computed
 * arithmetically (see london-date.ts).
 */
import type { Answer } from '../framework/answer-schema';
import { DomainError } from '../errors/domain-error';
import type { AuditForMetrics } from './audit-for-metrics';
import { dayNumberOf } from './calendar-date';
import { londonDayNumber } from './london-date';
import { openLongerThan } from '../organisation/case-age';
import { metricItemKeys, type MetricDefinition } from './metric-definition';
import { periodBucketer, type Period } from './periods';
import type { PracticeWeek } from './practice-weeks';
import { proportion, type Proportion } from './proportion';

/** What a metric needs besides its definition and the audits. */
export interface MetricEvaluationOptions {
  /** The practice weeks to bucket by, when the metric's bucket is 'practice-week'. */
  practiceWeeks?: readonly PracticeWeek[];
  /**
   * London dates (YYYY-MM-DD, inclusive) to report on. Every period overlapping the range is
   * listed, with all of its audits: a period's figure never depends on the range asked for.
   * Without a range: for calendar buckets, every period from the first to the last with an
   * audit counted; for practice weeks, every week given.
   */
  range?: { from: string; to: string };
}

/** One period's figure: k, n, fraction and interval (see proportion.ts), with the period it is for. */
export interface MetricPeriodResult extends Proportion {
  period: Period;
}

/** A metric's figures, period by period and overall. */
export interface MetricResult {
  name: string;
  /** The periods in time order, including those with no data. */
  periods: MetricPeriodResult[];
  /** All audits counted in the listed periods together. */
  overall: Proportion;
}

const PASS = 1;
const FAIL = 0;
const LEFT_OUT = -1;

/** The value a metric compares, or undefined when the answer leaves the denominator. */
function measurable(answer: Answer | undefined): string | number | undefined {
  if (answer === undefined) return undefined;
  switch (answer.kind) {
    case 'grade':
    case 'yes-no-note':
      return answer.value;
    case 'question':
      return answer.value === 'not_applicable' ? undefined : answer.value;
    default:
      return undefined;
  }
}

function outcome(
  audit: AuditForMetrics,
  keys: readonly string[],
  passing: ReadonlySet<string | number>,
): number {
  let answered = false;
  for (const key of keys) {
    const moderated = audit.moderatedAnswers?.[key];
    const value = measurable(moderated ?? audit.answers[key]);
    if (value === undefined) continue;
    if (passing.has(value)) return PASS;
    answered = true;
  }
  return answered ? FAIL : LEFT_OUT;
}

/**
 * A predicate for the definition's filters, built once so the loop only does Set lookups. A
 * case-flag filter passes an audit whose case carries any of the flags; a case-age filter one
 * whose case was open longer than N months on the audit's London completion day (an audit
 * with no completion time passes it, so evaluateMetric refuses it as it would without the filter).
 * A round filter passes an audit written under one of the rounds; a theme filter one whose
 * round's theme is one of the themes (an audit of no round, or of a round with no theme, never).
 */
function filterOf(definition: MetricDefinition): (audit: AuditForMetrics) => boolean {
  const { teamIds, caseTypeIds, frameworks, kinds, flagIds, openLongerThanMonths, roundIds, themes } =
    definition.filters;
  const teams = teamIds && new Set(teamIds);
  const caseTypes = caseTypeIds && new Set(caseTypeIds);
  const auditKinds = kinds && new Set<string>(kinds);
  const flags = flagIds && new Set(flagIds);
  const rounds = roundIds && new Set(roundIds);
  const roundThemes = themes && new Set(themes);
  return (audit) =>
    (!teams || teams.has(audit.teamId)) &&
    (!caseTypes || caseTypes.has(audit.caseTypeId)) &&
    (!auditKinds || auditKinds.has(audit.kind)) &&
    (!flags || (audit.caseFlags ?? []).some((flag) => flags.has(flag))) &&
    (!rounds || (audit.roundId != null && rounds.has(audit.roundId))) &&
    (!roundThemes || roundThemes.has(audit.roundTheme ?? '')) &&
    (openLongerThanMonths === undefined ||
      audit.completedAt === null ||
      openLongerThan(audit.caseOpenedOn, openLongerThanMonths, londonDayNumber(audit.completedAt))) &&
    (!frameworks ||
      frameworks.some(
        (f) =>
          f.key === audit.frameworkKey && (f.version === undefined || f.version === audit.frameworkVersion),
      ));
}

/**
 * Evaluates a metric over audits, period by period.
 * @throws DomainError `invalid_timestamp` / `timestamp_without_zone` when a submitted audit that
 *   passes the filters has no usable completion time; `invalid_date` for a bad range;
 *   `invalid_practice_weeks` for overlapping weeks.
 * @example
 * evaluateMetric({ name: 'At least good', source: { item: 'overall.grade' }, passing: [0, 1], filters: {}, bucket: 'month' }, audits)
 * // { name, periods: [{ period: { id: '2019-01', … }, k: 7, n: 20, fraction: 0.35, interval: {…} }, …], overall: {…} }
 */
export function evaluateMetric(
  definition: MetricDefinition,
  audits: readonly AuditForMetrics[],
  options: MetricEvaluationOptions = {},
): MetricResult {
  const bucketer = periodBucketer(definition.bucket, options.practiceWeeks);
  const keys = metricItemKeys(definition.source);
  const passing = new Set<string | number>(definition.passing);
  const included = filterOf(definition);
  const wanted = options.range
    ? new Set(bucketer.keysOverlapping(dayNumberOf(options.range.from), dayNumberOf(options.range.to)))
    : undefined;
  const passed = new Map<number, number>();
  const counted = new Map<number, number>();

  for (const audit of audits) {
    if (audit.status !== 'submitted' || !included(audit)) continue;
    if (audit.completedAt === null) {
      throw new DomainError(
        'invalid_timestamp',
        `Audit ${audit.id} is submitted but has no completion time.`,
      );
    }
    // The date is read before the answer so a bad timestamp is refused whatever was answered.
    const key = bucketer.keyOfDay(londonDayNumber(audit.completedAt));
    const result = outcome(audit, keys, passing);
    if (key < 0 || result === LEFT_OUT || (wanted && !wanted.has(key))) continue;
    counted.set(key, (counted.get(key) ?? 0) + 1);
    if (result === PASS) passed.set(key, (passed.get(key) ?? 0) + 1);
  }

  const periodKeys = wanted ? [...wanted] : defaultKeys(definition, counted, options);
  let k = 0;
  let n = 0;
  const periods = periodKeys.map((key) => {
    const periodK = passed.get(key) ?? 0;
    const periodN = counted.get(key) ?? 0;
    k += periodK;
    n += periodN;
    return { period: bucketer.period(key), ...proportion(periodK, periodN) };
  });
  return { name: definition.name, periods, overall: proportion(k, n) };
}

/** The periods to list when no range was asked for (see MetricEvaluationOptions.range). */
function defaultKeys(
  definition: MetricDefinition,
  counted: ReadonlyMap<number, number>,
  options: MetricEvaluationOptions,
): number[] {
  if (definition.bucket === 'practice-week') return (options.practiceWeeks ?? []).map((_, i) => i);
  if (counted.size === 0) return [];
  const present = [...counted.keys()];
  const keys: number[] = [];
  for (let key = Math.min(...present), last = Math.max(...present); key <= last; key++) keys.push(key);
  return keys;
}
