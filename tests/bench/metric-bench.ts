/**
 * Benchmark: one metric (overall grade at least good, monthly buckets) over 100,000 synthetic
 * audits spread over five years, generated from a fixed seed so every run measures the same
 * data. Reports the median of several timed runs after a warm-up, because the first runs
 * include JIT compilation that a long-lived server pays once.
 *
 * Run by the bench runner through `run()`, or directly: `npx tsx tests/bench/metric-bench.ts`.
 */
import { runWhenMain } from './run-when-main';
import type { Answers } from '../../shared/framework/answer-schema';
import { AUDIT_KINDS, type AuditForMetrics } from '../../shared/metrics/audit-for-metrics';
import { evaluateMetric } from '../../shared/metrics/evaluate-metric';
import type { MetricDefinition } from '../../shared/metrics/metric-definition';
import { pick, seededRandom, type Random } from '../../shared/random/seeded-random';

const AUDIT_COUNT = 100_000;
const WARM_UP_RUNS = 3;
const TIMED_RUNS = 9;
const GOAL_MS = 50;

const TEAMS = Array.from({ length: 12 }, (_, i) => `team-${i + 1}`);
const CASE_TYPES = ['assessment', 'child-in-need', 'child-protection', 'child-looked-after', 'care-leaver'];
const OFFSETS = ['Z', '+00:00', '+01:00', '-05:00'];
const GRADE_INDEXES = [0, 1, 2, 3] as const;

/** A zoned ISO timestamp for an instant, written with one of a few offsets as real clients send them. */
function timestamp(ms: number, offset: string): string {
  if (offset === 'Z') return new Date(ms).toISOString();
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return new Date(ms + minutes * 60_000).toISOString().slice(0, 23) + offset;
}

/** Synthetic audits: ~90% submitted, grades skewed towards Good and Requires improvement, some moderated. */
export function syntheticAudits(count: number, random: Random): AuditForMetrics[] {
  const start = Date.UTC(2019, 0, 1);
  const span = Date.UTC(2024, 0, 1) - start;
  return Array.from({ length: count }, (_, i) => {
    const grade = pick(random, [0, 1, 1, 1, 2, 2, 2, 2, 3, 3] as const);
    const answers: Answers = {
      'overall.grade': { kind: 'grade', value: grade },
      'lived-experience.seen-alone': {
        kind: 'question',
        value: pick(random, ['yes', 'no', 'not_applicable'] as const),
      },
    };
    const moderated = random() < 0.05;
    return {
      id: `audit-${i}`,
      status: random() < 0.9 ? 'submitted' : 'draft',
      completedAt: timestamp(start + Math.floor(random() * span), pick(random, OFFSETS)),
      teamId: pick(random, TEAMS),
      caseTypeId: pick(random, CASE_TYPES),
      frameworkKey: 'lantern-default',
      frameworkVersion: 1,
      kind: pick(random, AUDIT_KINDS),
      answers,
      ...(moderated
        ? { moderatedAnswers: { 'overall.grade': { kind: 'grade', value: pick(random, GRADE_INDEXES) } } }
        : {}),
    } satisfies AuditForMetrics;
  });
}

const AT_LEAST_GOOD_BY_MONTH: MetricDefinition = {
  name: 'Audits rated at least good',
  source: { item: 'overall.grade' },
  passing: [0, 1],
  filters: {},
  bucket: 'month',
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export async function run(): Promise<void> {
  const audits = syntheticAudits(AUDIT_COUNT, seededRandom(20_190_131));
  const times: number[] = [];
  let periods = 0;
  for (let i = 0; i < WARM_UP_RUNS + TIMED_RUNS; i++) {
    const t0 = performance.now();
    const result = evaluateMetric(AT_LEAST_GOOD_BY_MONTH, audits);
    const elapsed = performance.now() - t0;
    periods = result.periods.length;
    if (i >= WARM_UP_RUNS) times.push(elapsed);
  }
  const m = median(times);
  const count = AUDIT_COUNT.toLocaleString('en-GB');
  console.log(
    `metric over ${count} audits: median ${m.toFixed(1)} ms (runs: ${times.map((t) => t.toFixed(1)).join(', ')}; ${periods} monthly periods; goal < ${GOAL_MS} ms)`,
  );
}

runWhenMain(import.meta.url, run);
