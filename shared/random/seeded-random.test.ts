/** The seeded generator: reproducible, in [0, 1), and unrelated sequences for different seeds. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUuid, seededRandom } from './seeded-random';

describe('seededRandom', () => {
  it('gives the same sequence for the same seed, within [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const a = seededRandom(seed);
        const b = seededRandom(seed);
        for (let i = 0; i < 20; i++) {
          const x = a();
          expect(b()).toBe(x);
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
        }
      }),
    );
  });

  it('gives unrelated id streams for nearby seeds (no shifted copies, unlike a 32-bit counter)', () => {
    // The demo's rounds (seed 808) and the large dataset (seed 11) once shared an audit id.
    const ids = new Set<string>();
    for (const seed of [11, 808, 18, 26, 7]) {
      const random = seededRandom(seed);
      for (let i = 0; i < 20_000; i++) ids.add(randomUuid(random));
    }
    expect(ids.size).toBe(5 * 20_000);
  });

  it('draws version-4-shaped UUIDs', () => {
    const random = seededRandom(1);
    for (let i = 0; i < 100; i++)
      expect(randomUuid(random)).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
  });
});
