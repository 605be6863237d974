/**
 * A percentage as Lantern carries it everywhere: the count behind it, the unrounded fraction
 * and its 95% Wilson interval. A period with no audits has `n = 0` and null in place of the
 * fraction and interval, so "no data" can never be mistaken for 0%.
 */
import { assertCount, wilsonInterval, type Interval } from './wilson-interval';

/** A figure with its count, fraction and 95% Wilson interval; n = 0 is "no data". */
export interface Proportion {
  /** How many passed. */
  k: number;
  /** How many were counted (the denominator). */
  n: number;
  /** k / n, never rounded; null when n = 0. */
  fraction: number | null;
  /** 95% Wilson score interval; null when n = 0. */
  interval: Interval | null;
}

/**
 * @throws DomainError `invalid_count` unless 0 ≤ k ≤ n are whole numbers.
 * @example proportion(14, 30) // { k: 14, n: 30, fraction: 0.4666…, interval: { lower: 0.302…, upper: 0.638… } }
 * @example proportion(0, 0)   // { k: 0, n: 0, fraction: null, interval: null } — "no data"
 */
export function proportion(k: number, n: number): Proportion {
  assertCount(k, n);
  return { k, n, fraction: n === 0 ? null : k / n, interval: wilsonInterval(k, n) };
}
