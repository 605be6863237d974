import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seededShuffle } from './seeded-shuffle';

describe('seededShuffle', () => {
  it('is a permutation that leaves its input alone', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.nat(), (items, seed) => {
        const copy = [...items];
        const shuffled = seededShuffle(items, seed);
        expect(items).toEqual(copy);
        expect([...shuffled].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
      }),
    );
  });

  it('gives the same order for the same seed and (almost always) another for another seed', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect(seededShuffle(items, 42)).toEqual(seededShuffle(items, 42));
    expect(seededShuffle(items, 42)).not.toEqual(seededShuffle(items, 43));
  });

  it('puts each item first about equally often over many seeds', () => {
    const counts = [0, 0, 0, 0];
    for (let seed = 0; seed < 4000; seed++) counts[seededShuffle([0, 1, 2, 3], seed)[0] ?? 0]! += 1;
    for (const count of counts) expect(count).toBeGreaterThan(850);
  });
});
