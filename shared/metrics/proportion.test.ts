import { describe, expect, it } from 'vitest';
import { proportion } from './proportion';

describe('proportion', () => {
  // Reference values: PRODUCT.md's example "47% — 14 of 30 (95% CI 30–64%)" (Wilson 1927).
  it.each([
    { name: '14 of 30', k: 14, n: 30, fraction: 14 / 30, lower: 0.3023 },
    { name: 'all passed', k: 5, n: 5, fraction: 1, lower: 0.5655 },
    { name: 'none passed', k: 0, n: 5, fraction: 0, lower: 0 },
  ])('$name carries the count, the unrounded fraction and the interval', ({ k, n, fraction, lower }) => {
    const p = proportion(k, n);
    expect(p).toMatchObject({ k, n, fraction });
    expect(p.interval?.lower).toBeCloseTo(lower, 4);
  });

  it('is "no data" — not 0% — when nothing was counted', () => {
    expect(proportion(0, 0)).toEqual({ k: 0, n: 0, fraction: null, interval: null });
  });

  it.each([
    { name: 'more passes than counted', k: 3, n: 2 },
    { name: 'a fractional total', k: 1, n: 2.5 },
  ])('refuses $name', ({ k, n }) => {
    expect(() => proportion(k, n)).toThrow(expect.objectContaining({ code: 'invalid_count' }));
  });
});
