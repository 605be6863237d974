/**
 * Two rounds of one audit tool side by side: for each measure of the tool (every section grade
 * "at least good", every question and yes/no answered "yes"), each round's figure as it counts
 * (moderated grades where a moderator decided; evaluate-metric.ts), the difference first −
 * second, and its 95% interval (Newcombe's hybrid score interval, newcombe-interval.ts). A
 * difference is "beyond noise" only when that interval excludes 0.
 */
import { frameworkItems, type Framework } from '../framework/framework-schema';
import type { AuditForMetrics } from './audit-for-metrics';
import { evaluateMetric } from './evaluate-metric';
import { AT_LEAST_GOOD } from './grade-scale';
import { newcombeInterval, type DifferenceInterval } from './newcombe-interval';
import type { Proportion } from './proportion';

export interface ComparedMeasure {
  key: string;
  label: string;
  /** What counts as passing: "at least good" for a grade, "yes" for a question. */
  passingLabel: string;
  first: Proportion;
  second: Proportion;
  /** First minus second, with its interval; null when either round has no answer to it. */
  difference: DifferenceInterval | null;
}

/**
 * @example compareRounds(framework, firstAudits, secondAudits)
 * // [{ key: 'overall.grade', passingLabel: 'at least good', first: { k: 12, n: 20, … }, second: { k: 9, n: 20, … }, difference: { difference: 0.15, lower: −0.148, upper: 0.414, beyondNoise: false } }, …]
 */
export function compareRounds(
  framework: Framework,
  first: readonly AuditForMetrics[],
  second: readonly AuditForMetrics[],
): ComparedMeasure[] {
  return frameworkItems(framework)
    .filter(
      (item) =>
        (item.kind === 'grade' || item.kind === 'question' || item.kind === 'yes-no-note') &&
        item.key !== framework.safeguardingConcernKey,
    )
    .map((item) => {
      const grade = item.kind === 'grade';
      const definition = {
        name: item.label,
        source: { item: item.key },
        passing: grade ? [...AT_LEAST_GOOD] : ['yes' as const],
        filters: {},
        bucket: 'quarter' as const,
      };
      const a = evaluateMetric(definition, first).overall;
      const b = evaluateMetric(definition, second).overall;
      return {
        key: item.key,
        label: item.label,
        passingLabel: grade ? 'at least good' : 'yes',
        first: a,
        second: b,
        difference: a.n > 0 && b.n > 0 ? newcombeInterval(a.k, a.n, b.k, b.n) : null,
      };
    });
}
