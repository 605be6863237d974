import { describe, expect, it } from 'vitest';
import { monthRange, previousMonth, previousRange, reportScopeSchema } from './report-scope';
import { longDate, monthWords, publishedDate, rangeWords } from './report-dates';

describe('the previous comparable period', () => {
  it.each([
    ['2026-10', '2026-09', { from: '2026-10-01', to: '2026-10-31' }],
    ['2026-01', '2025-12', { from: '2026-01-01', to: '2026-01-31' }],
    ['2028-02', '2028-01', { from: '2028-02-01', to: '2028-02-29' }],
  ])('%s follows %s and runs %o', (month, previous, range) => {
    expect(previousMonth(month)).toBe(previous);
    expect(monthRange(month)).toEqual(range);
  });

  it.each([
    [
      { from: '2026-07-01', to: '2026-09-30' },
      { from: '2026-03-31', to: '2026-06-30' },
    ],
    [
      { from: '2026-03-01', to: '2026-03-01' },
      { from: '2026-02-28', to: '2026-02-28' },
    ],
  ])('a range %o follows the range of as many days before it, %o', (range, before) => {
    expect(previousRange(range)).toEqual(before);
  });
});

describe('report scopes', () => {
  it('refuses a month out of bounds and a range that ends before it starts, naming the field', () => {
    const month = reportScopeSchema.safeParse({ kind: 'month', month: '2026-13', toolKey: 'x' });
    expect(month.error?.issues[0]?.path).toEqual(['month']);
    const range = reportScopeSchema.safeParse({
      kind: 'theme',
      roundKind: 'thematic',
      theme: '',
      toolKey: 'x',
      from: '2026-09-30',
      to: '2026-07-01',
    });
    expect(range.error?.issues[0]?.path).toEqual(['to']);
  });
});

describe('dates in words', () => {
  it('writes London dates as councils do', () => {
    expect(longDate('2026-12-03')).toBe('3 December 2026');
    expect(monthWords('2026-10')).toBe('October 2026');
    expect(rangeWords('2026-07-01', '2026-09-30')).toBe('1 July to 30 September 2026');
    expect(rangeWords('2025-12-29', '2026-01-02')).toBe('29 December 2025 to 2 January 2026');
    // Published late on 2 December in UTC is still 2 December in winter, 1 July's evening in summer is 1 July.
    expect(publishedDate('2026-12-02T23:30:00Z')).toBe('2 December 2026');
    expect(publishedDate('2026-06-30T23:30:00Z')).toBe('1 July 2026');
  });
});
