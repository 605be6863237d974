import { describe, expect, it } from 'vitest';
import { compareRounds } from './compare-rounds';
import { defaultFrameworkV1 } from '../framework/default-framework';
import { gradedAudits } from './graded-audit-fixtures';

const framework = defaultFrameworkV1();

const round = (prefix: string, good: number, n: number, completedAt: string) =>
  gradedAudits(framework, prefix, good, n, completedAt);

describe('compareRounds', () => {
  it('gives each round its figure, the difference and its Newcombe interval, checked by hand', () => {
    const measures = compareRounds(
      framework,
      round('a', 12, 20, '2026-10-05T10:00:00Z'),
      round('b', 9, 20, '2026-06-01T10:00:00Z'),
    );
    const overall = measures.find((m) => m.key === 'overall.grade');
    expect(overall).toMatchObject({
      passingLabel: 'at least good',
      first: { k: 12, n: 20 },
      second: { k: 9, n: 20 },
    });
    // By hand (newcombe-interval.test.ts): 12/20 − 9/20 = 0.15, interval −0.147953 to 0.413854.
    expect(overall?.difference?.difference).toBeCloseTo(0.15, 12);
    expect(overall?.difference?.lower).toBeCloseTo(-0.147953, 5);
    expect(overall?.difference?.upper).toBeCloseTo(0.413854, 5);
    expect(overall?.difference?.beyondNoise).toBe(false);
    // A measure neither round answered has figures of 0 of 0 and no difference.
    const unanswered = measures.find((m) => m.key === 'plan.grade');
    expect(unanswered).toMatchObject({ first: { n: 0 }, second: { n: 0 }, difference: null });
    expect(measures.some((m) => m.key === framework.safeguardingConcernKey)).toBe(false);
  });

  it('counts the moderated grade where a moderator decided, and calls a large gap beyond noise', () => {
    const first = round('a', 18, 20, '2026-10-05T10:00:00Z');
    const second = round('b', 5, 20, '2026-06-01T10:00:00Z');
    // A moderator moved one of the first round's Good audits to Inadequate.
    first[0] = { ...first[0]!, moderatedAnswers: { 'overall.grade': { kind: 'grade', value: 3 } } };
    const overall = compareRounds(framework, first, second).find((m) => m.key === 'overall.grade');
    expect(overall?.first).toMatchObject({ k: 17, n: 20 });
    expect(overall?.difference?.beyondNoise).toBe(true);
    expect(overall?.difference?.lower).toBeGreaterThan(0);
  });
});
