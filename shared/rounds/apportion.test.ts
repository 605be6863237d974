import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { apportion } from './apportion';

describe('apportion (largest remainder, Hamilton)', () => {
  it.each([
    { name: 'exact shares', total: 10, sizes: [50, 30, 20], parts: [5, 3, 2] },
    { name: 'remainders decide', total: 10, sizes: [7, 7, 6], parts: [4, 3, 3] },
    { name: 'ties go to the larger group, then the first', total: 2, sizes: [1, 1, 1], parts: [1, 1, 0] },
    { name: 'total above the population is capped', total: 50, sizes: [3, 4], parts: [3, 4] },
    { name: 'nothing to share', total: 0, sizes: [3, 4], parts: [0, 0] },
    { name: 'empty groups get nothing', total: 3, sizes: [0, 6, 0], parts: [0, 3, 0] },
    // "5% of 640 open cases" split over eight teams of the demo's sizes.
    {
      name: '32 of 640 over eight teams',
      total: 32,
      sizes: [80, 81, 79, 85, 75, 80, 82, 78],
      parts: [4, 4, 4, 4, 4, 4, 4, 4],
    },
  ])('$name', ({ total, sizes, parts }) => {
    expect(apportion(total, sizes)).toEqual(parts);
  });

  it('always adds up to min(total, population), never gives a group more than its size, and stays within one of its exact share', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 200 }), { minLength: 1, maxLength: 12 }),
        fc.nat({ max: 3000 }),
        (sizes, total) => {
          const parts = apportion(total, sizes);
          const population = sizes.reduce((a, b) => a + b, 0);
          const wanted = Math.min(total, population);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(wanted);
          parts.forEach((part, i) => {
            const size = sizes[i] ?? 0;
            expect(part).toBeLessThanOrEqual(size);
            if (population > 0) expect(Math.abs(part - (size * wanted) / population)).toBeLessThan(1);
          });
        },
      ),
    );
  });
});
