import { describe, expect, it } from 'vitest';
import { openMonthsFrom, type OpenMonths } from './open-months';

describe('openMonthsFrom', () => {
  it.each<[string, string, OpenMonths]>([
    ['blank is any age', '', { months: 0 }],
    ['spaces are any age', '   ', { months: 0 }],
    ['0 is any age', '0', { months: 0 }],
    ['a number of months', '6', { months: 6 }],
    ['surrounding spaces are ignored', ' 18 ', { months: 18 }],
    ['fifty years is the most', '600', { months: 600 }],
  ])('%s', (_name, text, answer) => {
    expect(openMonthsFrom(text)).toEqual(answer);
  });

  // The same words as the server's schemas (shared/plans/trend-query.ts).
  it.each<[string, string]>([
    ['six', 'Enter a whole number of months.'],
    ['1.5', 'Enter a whole number of months.'],
    ['6 months', 'Enter a whole number of months.'],
    ['1e3', 'Enter a whole number of months.'],
    ['-1', 'Enter 0 or more months.'],
    ['601', 'Enter at most 600 months.'],
    ['99999999999999999999', 'Enter at most 600 months.'],
  ])('refuses %j: %s', (text, problem) => {
    expect(openMonthsFrom(text)).toEqual({ problem });
  });
});
