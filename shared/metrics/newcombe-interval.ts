/**
 * An interval for the difference of two independent proportions, p₁ − p₂: Newcombe's hybrid
 * score interval ("method 10" of R. G. Newcombe, "Interval estimation for the difference
 * between independent proportions: comparison of eleven methods", Statistics in Medicine
 * 1998; 17: 873–890). It is built from the two Wilson score intervals (l₁, u₁) and (l₂, u₂)
 * (wilson-interval.ts):
 *
 *   L = (p₁ − p₂) − √((p₁ − l₁)² + (u₂ − p₂)²)
 *   U = (p₁ − p₂) + √((u₁ − p₁)² + (p₂ − l₂)²)
 *
 * Like Wilson's, it behaves on the small samples audits give (it never needs k > 5) and
 * never leaves [−1, 1]. A difference is "beyond noise" only when the interval excludes 0.
 */
import { wilsonInterval, Z_95, type Interval } from './wilson-interval';

export interface DifferenceInterval extends Interval {
  /** p₁ − p₂, as a fraction in [−1, 1]. */
  difference: number;
  /** The interval excludes 0: the difference is unlikely to be chance alone. */
  beyondNoise: boolean;
}

/**
 * The difference k₁/n₁ − k₂/n₂ with its 95% hybrid score interval, or null when either
 * count has no audits (n = 0).
 * @throws DomainError `invalid_count` unless 0 ≤ k ≤ n are whole numbers.
 * @example newcombeInterval(56, 70, 48, 80) // { difference: 0.2, lower: 0.0575…, upper: 0.3355…, beyondNoise: true }
 */
export function newcombeInterval(
  k1: number,
  n1: number,
  k2: number,
  n2: number,
  z: number = Z_95,
): DifferenceInterval | null {
  const w1 = wilsonInterval(k1, n1, z);
  const w2 = wilsonInterval(k2, n2, z);
  if (!w1 || !w2) return null;
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const difference = p1 - p2;
  const lower = Math.max(-1, difference - Math.hypot(p1 - w1.lower, w2.upper - p2));
  const upper = Math.min(1, difference + Math.hypot(w1.upper - p1, p2 - w2.lower));
  return { difference, lower, upper, beyondNoise: lower > 0 || upper < 0 };
}
