/**
 * Audits for the tests of round comparisons (compare-rounds.test.ts and its split by agency):
 * a round's submitted thematic audits, graded overall only. Pure; used by tests alone.
 */
import type { Framework } from '../framework/framework-schema';
import type { AuditForMetrics } from './audit-for-metrics';
import type { GradeIndex } from './grade-scale';

/**
 * `n` submitted audits of `framework` completed at `completedAt`, the first `good` of them graded
 * Good overall and the rest Inadequate; their ids are `${prefix}-0`, `${prefix}-1`, ….
 * @example gradedAudits(framework, 'a', 1, 2, '2026-10-05T10:00:00Z').map((a) => a.answers['overall.grade'])
 * // [{ kind: 'grade', value: 1 }, { kind: 'grade', value: 3 }]
 */
export function gradedAudits(
  framework: Pick<Framework, 'key' | 'version'>,
  prefix: string,
  good: number,
  n: number,
  completedAt: string,
): AuditForMetrics[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    status: 'submitted' as const,
    completedAt,
    teamId: 't',
    caseTypeId: 'cin',
    frameworkKey: framework.key,
    frameworkVersion: framework.version,
    kind: 'thematic' as const,
    answers: { 'overall.grade': { kind: 'grade' as const, value: (i < good ? 1 : 3) as GradeIndex } },
  }));
}
