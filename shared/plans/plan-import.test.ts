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

describe('importPlanRows: the plan as councils keep it', () => {
  const HEADER = ['Ref', 'Recommendation', 'Timescale', 'Outcomes', 'Action no.', 'Action', 'Target date'];

  it('reads Ongoing and recurring timescales, outcome statements, and an action answering two areas', () => {
    const result = importPlanRows([
      HEADER,
      [
        'A1',
        'Plans',
        'Ongoing',
        'Children have a plan\nChildren say it helps',
        '1.1',
        'Audit plans',
        'Ongoing',
      ],
      ['A1 & A2', '', '', '', '1.2', 'Joint training', 'Quarterly from April 2027'],
      ['A2', 'Supervision', 'Every quarter from Apr 2027', '', '2.1', 'Reflective supervision', '31/03/2027'],
      ['A2, A1', '', '', '', '2.2', 'Annual review', 'Annually from 04/2027'],
    ]);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const [a1, a2] = result.areas;
    expect([a1?.timescale, a1?.outcomes]).toEqual([
      'ongoing',
      ['Children have a plan', 'Children say it helps'],
    ]);
    expect([a2?.timescale, a2?.recurrence, a2?.recurrenceStart]).toEqual([
      'recurring',
      'quarterly',
      '2027-04-01',
    ]);
    expect(
      result.areas.flatMap((a) =>
        a.actions.map((x) => [
          x.number,
          x.timescale,
          x.recurrence,
          x.recurrenceStart,
          x.targetDate,
          x.alsoAnswers,
        ]),
      ),
    ).toEqual([
      ['1.1', 'ongoing', null, null, null, []],
      ['1.2', 'recurring', 'quarterly', '2027-04-01', null, ['A2']],
      ['2.1', null, null, null, '2027-03-31', []],
      ['2.2', 'recurring', 'yearly', '2027-04-01', null, ['A1']],
    ]);
  });

  it.each([
    ['Row 2, column “Timescale”', ['A1', 'Plans', 'Fortnightly from April 2027', '', '1.1', 'x', '']],
    ['Row 2, column “Target date”', ['A1', 'Plans', 'Ongoing', '', '1.1', 'x', 'Quarterly from Smarch 2027']],
    ['Row 2, column “Ref”', ['A1 & A9', 'Plans', 'Ongoing', '', '1.1', 'x', '']],
  ])('says which row and cell it could not read: %s', (path, row) => {
    const result = importPlanRows([HEADER, row]);
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual([path]);
  });
});
