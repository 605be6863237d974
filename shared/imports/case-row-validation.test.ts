import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeRowProblem, validateCaseRows } from './case-row-validation';
import { guessMapping } from './column-mapping';

const LOOKUPS = {
  teams: [
    { id: 't-a', name: 'Assessment Team A' },
    { id: 't-cp', name: 'Child Protection and Court 1' },
  ],
  caseTypes: [
    { key: 'child-in-need', label: 'Child in need' },
    { key: 'child-protection', label: 'Child protection' },
    { key: 'child-looked-after', label: 'Child looked after' },
  ],
};
const HEADERS = ['Case reference', 'Team', 'Case type', 'Allocated worker', 'Flags', 'Closed'];
const MAPPING = guessMapping(HEADERS);

describe('validateCaseRows', () => {
  it('turns good rows into cases, matching teams and case types loosely', () => {
    const { cases, problems } = validateCaseRows(
      [
        ['NM-100001', 'Assessment Team A', 'Child in need', 'Alex Brook', 'Exploitation; Missing', 'Open'],
        ['NM-100002', '  assessment team a ', 'CP', '', '', 'closed'],
        [
          'NM-100003',
          'Child Protection and Court 1',
          'child-looked-after',
          'Sam Dale',
          'Missing|exploitation',
          'N',
        ],
      ],
      MAPPING,
      LOOKUPS,
      HEADERS,
    );
    expect(problems).toEqual([]);
    expect(cases).toEqual([
      {
        row: 2,
        reference: 'NM-100001',
        teamId: 't-a',
        caseType: 'child-in-need',
        allocatedWorker: 'Alex Brook',
        flags: ['Exploitation', 'Missing'],
        closed: false,
      },
      {
        row: 3,
        reference: 'NM-100002',
        teamId: 't-a',
        caseType: 'child-protection',
        allocatedWorker: '',
        flags: [],
        closed: true,
      },
      {
        row: 4,
        reference: 'NM-100003',
        teamId: 't-cp',
        caseType: 'child-looked-after',
        allocatedWorker: 'Sam Dale',
        flags: ['Missing', 'exploitation'],
        closed: false,
      },
    ]);
  });

  it.each([
    {
      name: 'a blank reference',
      row: ['', 'Assessment Team A', 'CIN', '', '', ''],
      column: 'A (Case reference)',
      message: 'The case reference is blank.',
    },
    {
      name: 'an unknown team',
      row: ['NM-1', 'Assesment Team A', 'CIN', '', '', ''],
      column: 'B (Team)',
      message:
        '"Assesment Team A" is not a team in Lantern. Check the spelling, or ask an admin to add the team.',
    },
    {
      name: 'an unknown case type',
      row: ['NM-1', 'Assessment Team A', 'Early help', '', '', ''],
      column: 'C (Case type)',
      message: expect.stringContaining('"Early help" is not a case type'),
    },
    {
      name: 'an unreadable closed flag',
      row: ['NM-1', 'Assessment Team A', 'CIN', '', '', 'maybe'],
      column: 'F (Closed)',
      message: expect.stringContaining('"maybe" does not say'),
    },
    {
      name: 'a reference that is not one',
      row: ['=cmd()', 'Assessment Team A', 'CIN', '', '', ''],
      column: 'A (Case reference)',
      message: expect.stringContaining('is not a case reference'),
    },
  ])('reports $name by row and column', ({ row, column, message }) => {
    const { cases, problems } = validateCaseRows([row], MAPPING, LOOKUPS, HEADERS);
    expect(cases).toEqual([]);
    expect(problems).toEqual([{ row: 2, column, field: expect.any(String), message }]);
  });

  it('reports a reference repeated in the file on its second row, naming the first', () => {
    const { problems } = validateCaseRows(
      [
        ['NM-1', 'Assessment Team A', 'CIN'],
        ['NM-2', 'Assessment Team A', 'CIN'],
        ['nm-1', 'Assessment Team A', 'CIN'],
      ],
      MAPPING,
      LOOKUPS,
      HEADERS,
    );
    expect(problems.map(describeRowProblem)).toEqual([
      'Row 4, column A (Case reference): Case reference nm-1 is also on row 2.',
    ]);
  });

  it('reports every problem of a row, and skips blank rows without moving row numbers', () => {
    const { problems } = validateCaseRows(
      [
        ['', '', '', '', '', ''],
        ['', 'Nowhere', 'Nothing', '', '', ''],
      ],
      MAPPING,
      LOOKUPS,
      HEADERS,
    );
    expect(problems.map((p) => [p.row, p.field])).toEqual([
      [3, 'reference'],
      [3, 'team'],
      [3, 'caseType'],
    ]);
  });

  it('leaves fields the file has no column for undefined, so an import keeps what Lantern has', () => {
    const headers = ['Ref', 'Team', 'Type'];
    const { cases } = validateCaseRows(
      [['NM-9', 'Assessment Team A', 'CIN']],
      guessMapping(headers),
      LOOKUPS,
      headers,
    );
    expect(cases).toEqual([{ row: 2, reference: 'NM-9', teamId: 't-a', caseType: 'child-in-need' }]);
  });

  it('accounts for every non-blank row: each is a case or has a problem', () => {
    const cell = fc.constantFrom('', 'NM-1', 'NM-2', 'Assessment Team A', 'CIN', 'x', 'Closed', 'Open');
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 6, maxLength: 6 }), { maxLength: 30 }), (rows) => {
        const { cases, problems } = validateCaseRows(rows, MAPPING, LOOKUPS, HEADERS);
        const bad = new Set(problems.map((p) => p.row));
        const nonBlank = rows
          .map((r, i) => ({ r, row: i + 2 }))
          .filter(({ r }) => r.some((c) => c.trim() !== ''));
        for (const { row } of nonBlank) expect(bad.has(row) !== cases.some((c) => c.row === row)).toBe(true);
      }),
    );
  });
});
