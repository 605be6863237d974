import { describe, expect, it } from 'vitest';
import { agreementReport, type ModeratedPair } from './agreement-report';
import type { GradeIndex } from '../metrics/grade-scale';

const pair = (
  auditor: GradeIndex,
  moderator: GradeIndex,
  who: string,
  round: string | null,
): ModeratedPair => ({
  auditor,
  moderator,
  auditorId: who,
  auditorName: `Auditor ${who}`,
  roundId: round,
  roundName: round ? `Round ${round}` : null,
});

describe('agreementReport', () => {
  const pairs = [
    pair(1, 1, 'a', 'r1'),
    pair(1, 2, 'a', 'r1'),
    pair(2, 2, 'b', 'r2'),
    pair(3, 3, 'b', null),
    pair(2, 1, 'b', 'r2'),
  ];
  const report = agreementReport(pairs);

  it('gives the overall figures with counts and intervals', () => {
    expect(report.overall.pairs).toBe(5);
    expect(report.overall.exact).toMatchObject({ k: 3, n: 5, fraction: 0.6 });
    expect(report.overall.movedDown).toMatchObject({ k: 1, n: 5 });
    expect(report.overall.movedUp).toMatchObject({ k: 1, n: 5 });
    expect(report.overall.exact.interval?.lower).toBeLessThan(0.6);
    // By hand (Cohen 1968, weights (i − j)² on 0–3): n·Σw·observed = 5 × 2 = 10; Σw·(auditor
    // totals × moderator totals) with both totals {Good 2, RI 2, Inadequate 1} = 28; κ = 1 − 10/28.
    expect(report.overall.kappa).toBeCloseTo(1 - 10 / 28, 12);
  });

  it('splits by auditor and by round, rounds without a name last under "Not in a round"', () => {
    expect(report.byAuditor.map((g) => [g.label, g.pairs, g.exact.k])).toEqual([
      ['Auditor a', 2, 1],
      ['Auditor b', 3, 2],
    ]);
    expect(report.byRound.map((g) => [g.label, g.pairs])).toEqual([
      ['Not in a round', 1],
      ['Round r1', 2],
      ['Round r2', 2],
    ]);
  });

  it('has no data, and no kappa, without pairs', () => {
    const empty = agreementReport([]);
    expect(empty.overall.exact).toEqual({ k: 0, n: 0, fraction: null, interval: null });
    expect(empty.overall.kappa).toBeNull();
  });
});
