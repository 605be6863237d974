import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wilsonInterval, Z_95 } from './wilson-interval';

describe('wilsonInterval', () => {
  // Reference values: Newcombe RG (1998) "Two-sided confidence intervals for the single proportion:
  // comparison of seven methods", Statistics in Medicine 17:857–872, worked examples, method 3 (Wilson score, no continuity correction).
  it.each([
    { name: 'Newcombe (a) 81/263', k: 81, n: 263, lower: 0.2553, upper: 0.3662 },
    { name: 'Newcombe (b) 15/148', k: 15, n: 148, lower: 0.0624, upper: 0.1605 },
    { name: 'Newcombe (c) 0/20', k: 0, n: 20, lower: 0, upper: 0.1611 },
    { name: 'Newcombe (d) 1/29', k: 1, n: 29, lower: 0.0061, upper: 0.1718 },
    // Wilson 1927 formula; rounds to PRODUCT.md's display example "47% — 14 of 30 (95% CI 30–64%)".
    { name: 'PRODUCT.md 14 of 30', k: 14, n: 30, lower: 0.3023, upper: 0.6386 },
    // The plan's 35% baseline as 7 of 20 audits (Wilson 1927 formula).
    { name: 'a 35% baseline on 20 audits', k: 7, n: 20, lower: 0.1812, upper: 0.5671 },
  ])('$name → $lower–$upper', ({ k, n, lower, upper }) => {
    const interval = wilsonInterval(k, n);
    expect(interval?.lower).toBeCloseTo(lower, 4);
    expect(interval?.upper).toBeCloseTo(upper, 4);
  });

  it('is exactly 0 at k = 0 and exactly 1 at k = n', () => {
    expect(wilsonInterval(0, 7)?.lower).toBe(0);
    expect(wilsonInterval(7, 7)?.upper).toBe(1);
  });

  it('has no interval when n = 0 ("no data")', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('uses the two-sided 95% normal quantile', () => {
    expect(Z_95).toBeCloseTo(1.96, 2);
  });

  it('lies in [0, 1] and contains k/n, for any possible count', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 100_000 })
          .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([k, n]) => {
          const interval = wilsonInterval(k, n);
          expect(interval).not.toBeNull();
          if (!interval) return;
          expect(interval.lower).toBeGreaterThanOrEqual(0);
          expect(interval.upper).toBeLessThanOrEqual(1);
          expect(interval.lower).toBeLessThanOrEqual(k / n);
          expect(interval.upper).toBeGreaterThanOrEqual(k / n);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is symmetric: the interval for n − k mirrors the interval for k', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 1000 })
          .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([k, n]) => {
          const a = wilsonInterval(k, n);
          const b = wilsonInterval(n - k, n);
          expect(a?.lower).toBeCloseTo(1 - (b?.upper ?? NaN), 12);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('impossible counts are refused', () => {
  it.each([
    { name: 'more passes than audits', k: 31, n: 30 },
    { name: 'a negative count', k: -1, n: 30 },
    { name: 'a negative total', k: 0, n: -1 },
    { name: 'a fractional count', k: 1.5, n: 30 },
    { name: 'not a number', k: Number.NaN, n: 30 },
    { name: 'infinity', k: 1, n: Number.POSITIVE_INFINITY },
  ])('$name: $k of $n', ({ k, n }) => {
    expect(() => wilsonInterval(k, n)).toThrow(expect.objectContaining({ code: 'invalid_count' }));
  });
});
