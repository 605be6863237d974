import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPlanFile } from '../../server/plans/read-plan-file';
import { importDate, importPlanRows } from './plan-import';

// The fixtures are read as an upload is, by the one file reader of every import.
const fixture = (name: string) =>
  readPlanFile(name, readFileSync(new URL(`../../tests/fixtures/plans/${name}`, import.meta.url)));

describe('importPlanRows', () => {
  it('reads a council plan with merged area cells into areas and numbered actions', async () => {
    const result = importPlanRows(await fixture('merged-plan.csv'));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(
      result.areas.map((a) => [a.reference, a.theme, a.timescale, a.actions.map((x) => x.number)]),
    ).toEqual([
      ['1', 'A', 'immediately', ['1.1', '1.2']],
      ['2', 'B', 'within-3-months', ['2.1', '2.2']],
      ['3', 'C', 'within-6-months', ['3.1']],
    ]);
    expect(result.areas[0]?.actions[0]).toMatchObject({
      owner: 'Head of Service',
      targetDate: '2020-03-31',
      rag: 'green',
      progress: 'Training dates set; 60% attended',
      row: 2,
    });
    expect(result.areas[1]?.actions[1]).toMatchObject({ targetDate: null, rag: 'blue' });
    expect(result.areas[2]?.actions[0]?.rag).toBeNull();
  });

  it('names the row and the column of every problem, and imports nothing', async () => {
    const result = importPlanRows(await fixture('broken-plan.csv'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual([
      'Row 2, column “Timescale”',
      'Row 2, column “Target date”',
      'Row 2, column “RAG”',
      'Row 3, column “Action no.”',
      'Row 3, column “Action”',
    ]);
    expect(result.problems[3]?.message).toContain('also on row 2');
  });

  it('says which columns the header lacks', () => {
    const result = importPlanRows([
      ['Ref', 'Owner'],
      ['1', 'x'],
    ]);
    expect(result).toMatchObject({ ok: false, problems: [{ path: 'Row 1' }] });
    if (!result.ok)
      expect(result.problems[0]?.message).toContain('“Area for improvement”, “Action no.”, “Action”');
  });

  it('refuses an area that reappears after others, and actions before any area', () => {
    const header = ['Ref', 'Recommendation', 'Action no.', 'Action'];
    const split = importPlanRows([
      header,
      ['A', 'x', 'A1', 'a'],
      ['B', 'y', 'B1', 'b'],
      ['A', 'x', 'A2', 'c'],
    ]);
    expect(split).toMatchObject({ ok: false, problems: [{ path: 'Row 4, column “Ref”' }] });
    const orphan = importPlanRows([header, ['', '', 'A1', 'a']]);
    expect(orphan).toMatchObject({ ok: false, problems: [{ path: 'Row 2, column “Ref”' }] });
  });
});

describe('importDate', () => {
  it.each([
    ['2020-03-31', '2020-03-31'],
    ['31/03/2020', '2020-03-31'],
    ['1/4/20', '2020-04-01'],
    ['31.12.2019', '2019-12-31'],
    ['31/02/2020', null],
    ['March 2020', null],
  ])('%s → %s', (text, expected) => expect(importDate(text)).toBe(expected));
});
