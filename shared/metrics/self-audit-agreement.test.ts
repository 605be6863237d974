import { describe, expect, it } from 'vitest';
import { agreementWords, kappaBand, selfAuditAgreement, type SelfAuditPair } from './self-audit-agreement';
import type { GradeIndex } from './grade-scale';

const pair = (
  self: GradeIndex | null,
  independent: GradeIndex | null,
  sections: [number, number][] = [],
): SelfAuditPair => ({
  self: {
    overall: self,
    sections: Object.fromEntries(sections.map(([s], i) => [`s${i}.grade`, s as GradeIndex])),
  },
  independent: {
    overall: independent,
    sections: Object.fromEntries(sections.map(([, ind], i) => [`s${i}.grade`, ind as GradeIndex])),
  },
});

describe('selfAuditAgreement', () => {
  it('matches a hand calculation of exact agreement and weighted kappa, overall and by section', () => {
    // Overall, self → independent: 1→2, 1→1, 2→2, 0→1, 3→3.
    // Observed disagreement Σ(i−j)²·n = (1 + 0 + 0 + 1 + 0)·5 = 10.
    // Self marginals (1,2,1,1), independent (0,2,2,1): Σ_ij (i−j)² s_i t_j =
    //   s0=1: 0·0+1·2+4·2+9·1 = 19; s1=2: (1·0+0·2+1·2+4·1)·2 = 12; s2=1: 4·0+1·2+0·2+1·1 = 3;
    //   s3=1: 9·0+4·2+1·2+0·1 = 10 → 44. κ = 1 − 10/44 = 34/44.
    // Section s0 (self, independent): (1,1), (2,3), (1,1); s1 graded only in the first pair's: (0,1).
    const pairs = [
      pair(1, 2, [
        [1, 1],
        [0, 1],
      ]),
      pair(1, 1, [[2, 3]]),
      pair(2, 2, [[1, 1]]),
      pair(0, 1),
      pair(3, 3),
      pair(null, 2), // the self-audit gave no overall grade: left out
    ];
    const result = selfAuditAgreement(pairs, ['s0.grade', 's1.grade', 's2.grade']);
    expect(result.overall.pairs).toBe(5);
    expect(result.overall.exact).toBeCloseTo(3 / 5, 12);
    expect(result.overall.kappa).toBeCloseTo(34 / 44, 12);
    expect(result.overall.movedDown).toBeCloseTo(2 / 5, 12);
    expect(result.overall.movedUp).toBe(0);
    expect(result.overallWords).toBe(
      'The self-audit and the independent audit gave the same grade in 3 of 5 cases (60%); the independent auditor graded 2 worse than the team did; weighted kappa 0.77, substantial agreement beyond chance.',
    );
    // s0: self (1,2,1) independent (1,3,1). Σw·O = 1·3 = 3; marginals s=(0,2,1,0), t=(0,2,0,1):
    // Σ s_i t_j (i−j)² = s1: 2·(0·2 + 4·1) = 8; s2: 1·(1·2 + 1·1) = 3 → 11. κ = 1 − 3/11 = 8/11.
    expect(result.sections.map((s) => s.key)).toEqual(['s0.grade', 's1.grade']);
    expect(result.sections[0]?.agreement.pairs).toBe(3);
    expect(result.sections[0]?.agreement.kappa).toBeCloseTo(8 / 11, 12);
    // s1: one pair 0→1; both raters have a single grade each, expected disagreement 1·1·1 = 1, observed 1 → κ = 0.
    expect(result.sections[1]?.agreement).toMatchObject({ pairs: 1, exact: 0, kappa: 0 });
  });

  it('says so plainly when there is nothing to compare yet', () => {
    const result = selfAuditAgreement([pair(null, 1)], ['s0.grade']);
    expect(result.overall.pairs).toBe(0);
    expect(result.overallWords).toBe(
      'No case has both its self-audit and its independent audit submitted yet.',
    );
    expect(result.sections).toEqual([]);
  });

  it('names the kappa band and an undefined kappa in words', () => {
    expect(kappaBand(0.1)).toBe('slight');
    expect(kappaBand(0.5)).toBe('moderate');
    expect(kappaBand(0.9)).toBe('almost perfect');
    expect(kappaBand(-0.2)).toBe('less than chance');
    expect(agreementWords({ pairs: 2, exact: 1, kappa: null, movedDown: 0, movedUp: 0, same: 1 })).toBe(
      'The self-audit and the independent audit gave the same grade in 2 of 2 cases (100%); weighted kappa cannot be measured (every grade was the same).',
    );
  });
});
