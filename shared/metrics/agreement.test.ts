import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { GradeIndex } from './grade-scale';
import { formatKappa, moderationAgreement, type GradePair } from './agreement';

/** Pairs from a compact "auditor→moderator" list, e.g. '1>2' is Good moderated to Requires improvement. */
const pairs = (...list: string[]): GradePair[] =>
  list.map((p) => ({ auditor: Number(p[0]) as GradeIndex, moderator: Number(p[2]) as GradeIndex }));

describe('moderationAgreement', () => {
  // Reference values: quadratic-weighted kappa (Cohen 1968), κ = 1 − Σw·O / Σw·E with w = (i−j)², worked by hand:
  it.each([
    {
      // One of two Good audits moved to RI. O: one pair at distance 1 → Σw·O = 1·1·n(2) = 2.
      // Marginals auditor (0,2,0,0), moderator (0,1,1,0) → Σw·E = 2·1·1 = 2. κ = 1 − 2/2 = 0.
      name: 'one of two moved down one grade',
      pairs: pairs('1>2', '1>1'),
      expected: { pairs: 2, exact: 0.5, kappa: 0, movedDown: 0.5, movedUp: 0, same: 0.5 },
    },
    {
      // Perfect agreement across three grades: Σw·O = 0, Σw·E > 0 → κ = 1.
      name: 'perfect agreement',
      pairs: pairs('0>0', '1>1', '2>2', '3>3'),
      expected: { pairs: 4, exact: 1, kappa: 1, movedDown: 0, movedUp: 0, same: 1 },
    },
    {
      // Auditor (1,1,2,2), moderator (2,2,1,1): every pair off by one, anti-correlated.
      // Σw·O = 4 pairs·1·n(4) = 16; marginals both (0,2,2,0): Σw·E = 2·2·1 + 2·2·1 = 8. κ = 1 − 16/8 = −1.
      name: 'systematic swap of Good and RI',
      pairs: pairs('1>2', '1>2', '2>1', '2>1'),
      expected: { pairs: 4, exact: 0, kappa: -1, movedDown: 0.5, movedUp: 0.5, same: 0 },
    },
    {
      // Auditor (0,1,1,2,3), moderator (0,2,1,2,3). Σw·O = 1·5 = 5.
      // Auditor marginals a=(1,2,1,1), moderator m=(1,1,2,1); Σ_ij (i−j)² a_i m_j =
      // a0: 0·1+1·1+4·2+9·1=18; a1 (×2): 1+0+2+4=7→14; a2: 4+1+0+1=6; a3: 9+4+2+0=15 → 53. κ = 1 − 5/53 = 48/53.
      name: 'mostly agreeing, one moved down',
      pairs: pairs('0>0', '1>2', '1>1', '2>2', '3>3'),
      expected: { pairs: 5, exact: 0.8, kappa: 48 / 53, movedDown: 0.2, movedUp: 0, same: 0.8 },
    },
    {
      // Both raters constant but different (all Good → all RI): Σw·E = 3·3·1 = 9 > 0, Σw·O = 3·1·3 = 9 → κ = 0.
      name: 'both raters constant but on different grades',
      pairs: pairs('1>2', '1>2', '1>2'),
      expected: { pairs: 3, exact: 0, kappa: 0, movedDown: 1, movedUp: 0, same: 0 },
    },
    {
      // PRODUCT.md: undefined when every rating of both raters is one and the same grade (expected disagreement 0).
      name: 'every rating the same grade: kappa undefined',
      pairs: pairs('1>1', '1>1', '1>1'),
      expected: { pairs: 3, exact: 1, kappa: null, movedDown: 0, movedUp: 0, same: 1 },
    },
    {
      name: 'no pairs: everything undefined',
      pairs: [],
      expected: { pairs: 0, exact: null, kappa: null, movedDown: null, movedUp: null, same: null },
    },
  ])('$name', ({ pairs: input, expected }) => {
    const result = moderationAgreement(input);
    expect(result).toEqual({
      ...expected,
      kappa: expected.kappa === null ? null : expect.closeTo(expected.kappa, 12),
    });
  });

  it.each([
    { name: 'a grade above 3', pair: { auditor: 1, moderator: 4 } },
    { name: 'a negative grade', pair: { auditor: -1, moderator: 1 } },
    { name: 'a fractional grade', pair: { auditor: 1.5, moderator: 1 } },
  ])('refuses $name', ({ pair }) => {
    expect(() => moderationAgreement([pair as unknown as GradePair])).toThrow(
      expect.objectContaining({ code: 'invalid_grade' }),
    );
  });
});

describe('properties', () => {
  const grade = fc.constantFrom<GradeIndex>(0, 1, 2, 3);
  const pairList = fc.array(fc.record({ auditor: grade, moderator: grade }), { maxLength: 60 });

  it('kappa is exactly 1 for identical ratings, whenever it is defined', () => {
    fc.assert(
      fc.property(fc.array(grade, { minLength: 1, maxLength: 60 }), (grades) => {
        const { kappa } = moderationAgreement(grades.map((g) => ({ auditor: g, moderator: g })));
        if (new Set(grades).size === 1) expect(kappa).toBeNull();
        else expect(kappa).toBe(1);
      }),
      { numRuns: 200 },
    );
  });

  it('kappa is symmetric: swapping auditor and moderator gives the same value', () => {
    fc.assert(
      fc.property(pairList, (list) => {
        const swapped = list.map(({ auditor, moderator }) => ({ auditor: moderator, moderator: auditor }));
        expect(moderationAgreement(swapped).kappa).toBe(moderationAgreement(list).kappa);
      }),
      { numRuns: 200 },
    );
  });

  it('the shares moved down, up and same add to 1 and same equals exact agreement', () => {
    fc.assert(
      fc.property(pairList, (list) => {
        const result = moderationAgreement(list);
        if (list.length === 0) return;
        expect((result.movedDown ?? NaN) + (result.movedUp ?? NaN) + (result.same ?? NaN)).toBeCloseTo(1, 12);
        expect(result.same).toBe(result.exact);
      }),
      { numRuns: 200 },
    );
  });

  it('kappa never exceeds 1', () => {
    fc.assert(
      fc.property(pairList, (list) => {
        const { kappa } = moderationAgreement(list);
        if (kappa !== null) expect(kappa).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('formatKappa', () => {
  it.each([
    { kappa: null, text: '—' },
    { kappa: 48 / 53, text: '0.91' },
    { kappa: 0, text: '0.00' },
    { kappa: -1, text: '-1.00' },
  ])('$kappa → $text', ({ kappa, text }) => {
    expect(formatKappa(kappa)).toBe(text);
  });
});
