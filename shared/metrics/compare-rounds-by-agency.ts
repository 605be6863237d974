/**
 * Two rounds' overall figure ("audits rated at least good") broken down by agency: for each
 * agency that has audits in either round, its figure in each round, the difference first −
 * second and its 95% Newcombe interval. An audit's overall grade counts under its (lead)
 * auditor's agency (split-by-agency.ts; docs/JOINT-AUDITS.md), so the agencies' counts add up
 * to the round's overall figure.
 */
import { AGENCIES, type Agency } from '../accounts/agencies';
import type { Framework } from '../framework/framework-schema';
import { evaluateMetric } from './evaluate-metric';
import { AT_LEAST_GOOD } from './grade-scale';
import { newcombeInterval, type DifferenceInterval } from './newcombe-interval';
import type { Proportion } from './proportion';
import { auditsByAgency, type AuditWithAgency } from './split-by-agency';

export interface AgencyComparison {
  agency: Agency;
  first: Proportion;
  second: Proportion;
  /** First minus second with its interval; null when either round has no graded audit of the agency. */
  difference: DifferenceInterval | null;
}

/**
 * @returns one row per agency with a graded audit in either round, in the order of AGENCIES.
 * @example compareRoundsByAgency(framework, first, second)
 * // [{ agency: 'social_care', first: { k: 7, n: 12, … }, second: { k: 4, n: 11, … }, difference: { … } }, { agency: 'health', … }]
 */
export function compareRoundsByAgency(
  framework: Framework,
  first: readonly AuditWithAgency[],
  second: readonly AuditWithAgency[],
): AgencyComparison[] {
  const definition = {
    name: 'Audits rated at least good',
    source: { item: framework.overallGradeKey },
    passing: [...AT_LEAST_GOOD],
    filters: {},
    bucket: 'quarter' as const,
  };
  const a = auditsByAgency(first);
  const b = auditsByAgency(second);
  return AGENCIES.flatMap((agency) => {
    const one = evaluateMetric(definition, a.get(agency) ?? []).overall;
    const two = evaluateMetric(definition, b.get(agency) ?? []).overall;
    if (one.n === 0 && two.n === 0) return [];
    return [
      {
        agency,
        first: one,
        second: two,
        difference: one.n > 0 && two.n > 0 ? newcombeInterval(one.k, one.n, two.k, two.n) : null,
      },
    ];
  });
}
