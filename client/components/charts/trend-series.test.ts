import { describe, expect, it } from 'vitest';
import { chartData, ragWordsForPoint, seriesStyle } from './trend-series';

const point = (label: string, k: number | null, n: number | null, target?: number) => ({
  label,
  k,
  n,
  fraction: k !== null && n ? k / n : null,
  lower: n ? 0.1 : null,
  upper: n ? 0.9 : null,
  ...(target === undefined ? {} : { target }),
});

describe('chartData', () => {
  it('keeps "no data" as a gap, never 0, with counts on every point that has data', () => {
    const data = chartData([
      {
        label: 'All',
        points: [point('Jan', 7, 20, 0.35), point('Feb', null, null, 0.4), point('Mar', 0, 6, 0.45)],
      },
    ]);
    expect(data.values).toEqual([[35, null, 0]]);
    expect(data.counts).toEqual([['7/20', '', '0/6']]);
    expect(data.lower).toEqual([10, null, 10]);
    expect(data.target).toEqual([35, 40, 45]);
  });

  it('draws no band and no target when several series share the chart', () => {
    const data = chartData([
      { label: 'Team A', points: [point('Jan', 1, 2, 0.5)] },
      { label: 'Team B', points: [point('Jan', 2, 2, 0.5)] },
    ]);
    expect(data.values).toEqual([[50], [100]]);
    expect(data.lower).toEqual([null]);
    expect(data.target).toBeNull();
    expect(data.seriesLabels).toEqual(['Team A', 'Team B']);
  });

  it('shortens period labels for the axis', () => {
    const data = chartData([
      { label: 'All', points: [point('Q2 2025 (Apr–Jun)', 1, 2), point('Financial year 2025/26', 1, 2)] },
    ]);
    expect(data.axisLabels).toEqual(['Q2 2025', 'FY 2025/26']);
  });

  it('has nothing to draw without series', () => {
    expect(chartData([]).labels).toEqual([]);
  });
});

describe('ragWordsForPoint', () => {
  it.each<[string, { rag: 'no-data' | 'green'; n: number | null }, string]>([
    ['no audits at all', { rag: 'no-data', n: 0 }, 'No data'],
    [
      'a figure too small to judge: not a bare "No data" beside a plotted point',
      { rag: 'no-data', n: 3 },
      'Too few to judge (3 audits)',
    ],
    ['one audit', { rag: 'no-data', n: 1 }, 'Too few to judge (1 audit)'],
    ['entered by hand with no count', { rag: 'no-data', n: null }, 'No data'],
    ['judged', { rag: 'green', n: 12 }, 'Green'],
  ])('%s', (_, point, words) => {
    expect(ragWordsForPoint(point)).toBe(words);
  });
});

describe('seriesStyle', () => {
  it('tells up to eight lines apart by their pattern as well as their colour (not colour alone)', () => {
    const styles = Array.from({ length: 8 }, (_, i) => seriesStyle(i));
    expect(new Set(styles.map((s) => s.dash.join(','))).size).toBe(8);
    expect(new Set(styles.map((s) => s.colour)).size).toBe(8);
  });
});
