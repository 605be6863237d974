import { describe, expect, it } from 'vitest';
import { guessExtractMapping, readMeasureExtract, readPeriodCell } from './measure-extract';
import { checkFigure } from './measure-values';

describe('readPeriodCell', () => {
  it.each([
    { cell: 'Apr 2026', date: '2026-04-01' },
    { cell: 'April 2026', date: '2026-04-01' },
    { cell: '2026-04', date: '2026-04-01' },
    { cell: '04/2026', date: '2026-04-01' },
    { cell: '30/04/2026', date: '2026-04-30' },
    // exceljs gives a date cell as YYYY-MM-DD (server/imports/read-xlsx.ts)
    { cell: '2026-04-30', date: '2026-04-30' },
    { cell: 'Sept 2026', date: '2026-09-01' },
    { cell: 'Q1', date: null },
    { cell: 'Apr 26', date: null },
    { cell: '31/02/2026', date: null },
  ])('$cell → $date', ({ cell, date }) => {
    expect(readPeriodCell(cell)).toBe(date);
  });
});

describe('checkFigure', () => {
  it.each([
    { name: 'a whole count', kind: 'count' as const, entered: { value: 37 }, field: null },
    { name: 'a count with a fraction', kind: 'count' as const, entered: { value: 3.5 }, field: 'value' },
    { name: 'a rate with decimals', kind: 'rate' as const, entered: { value: 8.25 }, field: null },
    { name: 'a share over 100%', kind: 'share' as const, entered: { value: 1.2 }, field: 'value' },
    { name: 'a share as 14 of 30', kind: 'share' as const, entered: { k: 14, n: 30 }, field: null },
    {
      name: 'a numerator over its denominator',
      kind: 'share' as const,
      entered: { k: 31, n: 30 },
      field: 'k',
    },
    { name: 'a denominator of 0', kind: 'share' as const, entered: { k: 0, n: 0 }, field: 'n' },
    { name: 'a count given as k of n', kind: 'count' as const, entered: { k: 1, n: 2 }, field: 'k' },
  ])('$name', ({ kind, entered, field }) => {
    const checked = checkFigure(kind, entered);
    if (field === null) expect(checked.ok).toBe(true);
    else expect(checked.ok ? [] : checked.problems.map((p) => p.field)).toContain(field);
  });
});

describe('readMeasureExtract', () => {
  // A synthetic monthly performance extract, as a council's BI team might export it.
  const EXTRACT = [
    ['Reporting month', 'Contacts to MASH', 'Notes'],
    ['Apr 2026', '1,204', ''],
    ['May 2026', '1187', 'Bank holiday'],
    ['', '', ''],
    ['30/06/2026', '1250', ''],
  ];

  it('proposes the period and value columns from the headers', () => {
    expect(guessExtractMapping(EXTRACT[0] ?? [])).toEqual({
      period: 'Reporting month',
      value: 'Contacts to MASH',
      numerator: '',
      denominator: '',
    });
  });

  it('reads every row into its month, skipping blank rows', () => {
    const result = readMeasureExtract(
      EXTRACT,
      guessExtractMapping(EXTRACT[0] ?? []),
      'count',
      'month',
      '2026-12-01',
    );
    expect(result.ok && result.rows.map((r) => [r.row, r.period.id, r.value])).toEqual([
      [2, '2026-04', 1204],
      [3, '2026-05', 1187],
      [5, '2026-06', 1250],
    ]);
  });

  it.each([
    { name: 'a period that is not a month', cell: ['Spring', '12'], path: 'Row 2, column “Month”' },
    { name: 'a future month', cell: ['Jan 2027', '12'], path: 'Row 2, column “Month”' },
    { name: 'a value that is not a number', cell: ['Apr 2026', 'n/a'], path: 'Row 2, column “Value”' },
    { name: 'a negative count', cell: ['Apr 2026', '-3'], path: 'Row 2, column “Value”' },
  ])('names the row and column of $name, and keeps no row', ({ cell, path }) => {
    const result = readMeasureExtract(
      [['Month', 'Value'], cell, ['May 2026', '10']],
      { period: 'Month', value: 'Value', numerator: '', denominator: '' },
      'count',
      'month',
      '2026-12-01',
    );
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual([path]);
  });

  it('names both rows of a month given twice', () => {
    const result = readMeasureExtract(
      [
        ['Month', 'Value'],
        ['Apr 2026', '1'],
        ['30/04/2026', '2'],
      ],
      { period: 'Month', value: 'Value', numerator: '', denominator: '' },
      'count',
      'month',
      '2026-12-01',
    );
    expect(result.ok ? [] : result.problems).toEqual([
      { path: 'Row 3, column “Month”', message: 'April 2026 is also on row 2' },
    ]);
  });

  it('reads a share from numerator and denominator columns, into quarters', () => {
    const result = readMeasureExtract(
      [
        ['Month', 'Numerator', 'Denominator'],
        ['Apr 2026', '14', '30'],
      ],
      { period: 'Month', value: '', numerator: 'Numerator', denominator: 'Denominator' },
      'share',
      'quarter',
      '2026-10-01',
    );
    expect(result.ok && result.rows[0]).toMatchObject({ k: 14, n: 30, value: 14 / 30 });
  });

  it('asks for a column the file does not have', () => {
    const result = readMeasureExtract(
      [['Month', 'Value']],
      { period: 'Month', value: 'Contacts', numerator: '', denominator: '' },
      'count',
      'month',
      '2026-12-01',
    );
    expect(result.ok ? [] : result.problems).toEqual([
      { path: 'mapping.value', message: 'The file has no column “Contacts” (for the value)' },
    ]);
  });
});
