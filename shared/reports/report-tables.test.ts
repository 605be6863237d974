import { describe, expect, it } from 'vitest';
import { figureRow, FIGURE_COLUMNS } from './report-tables';
import { proportion } from '../metrics/proportion';
import { newcombeInterval } from '../metrics/newcombe-interval';

describe('a figure as a row of the report’s tables', () => {
  it.each([
    {
      name: '14 of 30 against 9 of 30',
      current: proportion(14, 30),
      previous: proportion(9, 30),
      // 47% (Wilson 30–64%), 30% before; +17 points, Newcombe −7.6 to +38.4 worked by hand: within the noise.
      row: ['x', 14, 30, 47, 30, 64, 30, 30, 17, -8, 38, 'No'],
    },
    {
      name: '57 of 200 rounds half up, with no previous round',
      current: proportion(57, 200),
      previous: null,
      row: ['x', 57, 200, 29, 23, 35, null, null, null, null, null, null],
    },
    {
      name: 'no audits is "no data", never 0%',
      current: proportion(0, 0),
      previous: proportion(3, 4),
      row: ['x', 0, 0, null, null, null, 75, 4, null, null, null, null],
    },
  ])('$name', ({ current, previous, row }) => {
    const change =
      previous && current.n > 0 && previous.n > 0
        ? newcombeInterval(current.k, current.n, previous.k, previous.n)
        : null;
    const cells = figureRow({ key: 'x', label: 'x', current, previous, change });
    expect(cells).toHaveLength(FIGURE_COLUMNS.length);
    expect(cells).toEqual(row);
  });
});
