import { describe, expect, it } from 'vitest';
import { newcombeInterval } from './newcombe-interval';
import { DomainError } from '../errors/domain-error';

describe('newcombeInterval', () => {
  it("matches Newcombe's own worked example: 56/70 − 48/80 (Statistics in Medicine 1998, method 10)", () => {
    // By hand. Wilson 95% for 56/70 (p₁ = 0.8): 0.691834 to 0.876953; for 48/80 (p₂ = 0.6):
    // 0.490455 to 0.700382. d = 0.2.
    // L = 0.2 − √((0.8 − 0.691834)² + (0.700382 − 0.6)²) = 0.2 − √(0.011700 + 0.010077) = 0.2 − 0.147569 = 0.052431
    // U = 0.2 + √((0.876953 − 0.8)² + (0.6 − 0.490455)²) = 0.2 + √(0.005922 + 0.012000) = 0.2 + 0.133873 = 0.333873
    // Newcombe's table gives 0.0524 to 0.3339.
    const interval = newcombeInterval(56, 70, 48, 80);
    expect(interval?.difference).toBeCloseTo(0.2, 12);
    expect(interval?.lower).toBeCloseTo(0.052431, 5);
    expect(interval?.upper).toBeCloseTo(0.333873, 5);
    expect(interval?.beyondNoise).toBe(true);
  });

  it('calls a rise from 9 of 20 to 12 of 20 within the noise: the interval holds 0', () => {
    // Wilson for 12/20: 0.386582 to 0.781193; for 9/20: 0.258198 to 0.657915. d = 0.15.
    // L = 0.15 − √(0.213418² + 0.207915²) = −0.147953; U = 0.15 + √(0.181193² + 0.191802²) = 0.413854.
    const interval = newcombeInterval(12, 20, 9, 20);
    expect(interval?.lower).toBeCloseTo(-0.147953, 5);
    expect(interval?.upper).toBeCloseTo(0.413854, 5);
    expect(interval?.beyondNoise).toBe(false);
  });

  it('is the mirror image when the rounds are swapped, and stays within −1 to 1 at the extremes', () => {
    const forward = newcombeInterval(9, 10, 3, 10);
    const back = newcombeInterval(3, 10, 9, 10);
    expect(back?.lower).toBeCloseTo(-(forward?.upper ?? NaN), 12);
    expect(back?.upper).toBeCloseTo(-(forward?.lower ?? NaN), 12);
    const extreme = newcombeInterval(5, 5, 0, 5);
    expect(extreme?.upper).toBeLessThanOrEqual(1);
    expect(extreme?.lower).toBeGreaterThan(0);
  });

  it('has no interval without audits, and refuses impossible counts', () => {
    expect(newcombeInterval(0, 0, 1, 2)).toBeNull();
    expect(() => newcombeInterval(3, 2, 1, 2)).toThrow(DomainError);
  });
});
