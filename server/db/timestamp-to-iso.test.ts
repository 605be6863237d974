/**
 * Timestamps read from either engine become the ISO string Date would write: the text rewrite
 * of the common shape agrees with Date on every fraction length and across the years a date in
 * Lantern can hold, and the shapes it does not rewrite still go through Date.
 */
import { describe, expect, it } from 'vitest';
import { timestampToIso } from './database';

const throughDate = (value: string): string =>
  new Date(value.replace(' ', 'T').replace(/\+00$/, 'Z')).toISOString();

describe('timestampToIso', () => {
  it('writes what Date writes, for every fraction length', () => {
    for (const fraction of ['', '.1', '.12', '.123', '.1234', '.12345', '.123456', '.999999', '.000001']) {
      const value = `2026-12-06 03:20:59${fraction}+00`;
      expect(timestampToIso(value)).toBe(throughDate(value));
    }
  });

  it('agrees with Date over years 0001 to 9999, seeded', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const two = (n: number) => String(n).padStart(2, '0');
    for (let i = 0; i < 2_000; i++) {
      const year = String(1 + next(9_999)).padStart(4, '0');
      const day = `${year}-${two(1 + next(12))}-${two(1 + next(28))}`;
      const time = `${two(next(24))}:${two(next(60))}:${two(next(60))}`;
      const fraction = next(2)
        ? `.${String(next(1_000_000))
            .padStart(6, '0')
            .slice(0, 1 + next(6))}`
        : '';
      const value = `${day} ${time}${fraction}+00`;
      expect(timestampToIso(value), value).toBe(throughDate(value));
    }
  });

  it('leaves other shapes to Date', () => {
    for (const value of ['2026-12-06T03:20:00Z', '2026-12-06 03:20:00.1234567+00'])
      expect(timestampToIso(value)).toBe(throughDate(value));
  });
});
