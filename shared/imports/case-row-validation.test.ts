import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateCaseRows } from './case-row-validation';
import { describeMappedRowProblem } from './field-mapping';
import { guessMapping } from './column-mapping';
import { normaliseName } from './import-names';

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
  flags: [
    { key: 'exploitation', label: 'Exploitation' },
    { key: 'missing', label: 'Missing' },
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
        flags: ['exploitation', 'missing'],
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
        // The file's order ("Missing|exploitation"), not the alphabet's.
        flags: ['missing', 'exploitation'],
        closed: false,
      },
    ]);
  });

  it('keeps a case’s flags in the file’s order, each once where it first appears', () => {
    const { cases, problems } = validateCaseRows(
      [['NM-100004', 'Assessment Team A', 'CIN', '', 'Missing; Exploitation; missing', 'Open']],
      MAPPING,
      LOOKUPS,
      HEADERS,
    );
    expect(problems).toEqual([]);
    expect(cases[0]?.flags).toEqual(['missing', 'exploitation']);
  });

  it.each([
    {
      name: 'a blank reference',
      row: ['', 'Assessment Team A', 'CIN', '', '', ''],
      column: 'A (Case reference)',
      message: 'The case reference is blank.',
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
    expect(problems.map(describeMappedRowProblem)).toEqual([
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
    expect(problems.map((p) => [p.row, p.field])).toEqual([[3, 'reference']]);
  });

  it('lists each unknown team, case type and flag once, with its rows, instead of a problem per row', () => {
    const { cases, problems, names } = validateCaseRows(
      [
        ['NM-1', 'Assesment Team A', 'Early help', '', 'Exploitation; Gangs', ''],
        ['NM-2', 'Assessment Team A', 'early  HELP', '', 'gangs', ''],
        ['NM-3', 'Assessment Team A', 'CIN', '', 'Missing', ''],
      ],
      MAPPING,
      LOOKUPS,
      HEADERS,
    );
    expect(problems).toEqual([]);
    expect(cases.map((c) => c.reference)).toEqual(['NM-3']);
    expect(names).toEqual([
      {
        kind: 'team',
        source: 'Assesment Team A',
        normalised: 'assesment team a',
        rows: 1,
        firstRow: 2,
        column: 'B (Team)',
        resolved: false,
      },
      {
        kind: 'case_type',
        source: 'Early help',
        normalised: 'early help',
        rows: 2,
        firstRow: 2,
        column: 'C (Case type)',
        resolved: false,
      },
      {
        kind: 'flag',
        source: 'Gangs',
        normalised: 'gangs',
        rows: 2,
        firstRow: 2,
        column: 'E (Flags)',
        resolved: false,
      },
    ]);
  });

  it('resolves a name through its alias, before the built-in abbreviations, and lists it as resolved', () => {
    const { cases, names } = validateCaseRows(
      [
        ['NM-1', 'Assessment Tm A', 'CP', '', 'CSE', ''],
        ['NM-2', 'Assessment Team A', 'CIN', '', '', ''],
      ],
      MAPPING,
      {
        ...LOOKUPS,
        aliases: {
          team: new Map([['assessment tm a', 't-a']]),
          case_type: new Map([['cp', 'child-looked-after']]),
          flag: new Map([['cse', 'exploitation']]),
        },
      },
      HEADERS,
    );
    expect(cases).toEqual([
      expect.objectContaining({ teamId: 't-a', caseType: 'child-looked-after', flags: ['exploitation'] }),
      expect.objectContaining({ teamId: 't-a', caseType: 'child-in-need', flags: [] }),
    ]);
    expect(names.map((n) => [n.kind, n.source, n.resolved])).toEqual([
      ['team', 'Assessment Tm A', true],
      ['case_type', 'CP', true],
      ['flag', 'CSE', true],
    ]);
  });

  it('reads the date the case was opened, day first, and refuses a date that is not one or is to come', () => {
    const headers = ['Ref', 'Team', 'Type', 'Date opened'];
    const mapping = guessMapping(headers);
    const { cases, problems } = validateCaseRows(
      [
        ['NM-1', 'Assessment Team A', 'CIN', '03/04/2024'],
        ['NM-2', 'Assessment Team A', 'CIN', ''],
        ['NM-3', 'Assessment Team A', 'CIN', '31/02/2024'],
        ['NM-4', 'Assessment Team A', 'CIN', '2026-10-16'],
      ],
      mapping,
      { ...LOOKUPS, today: '2026-10-15' },
      headers,
    );
    expect(cases.map((c) => [c.reference, c.openedOn])).toEqual([
      ['NM-1', '2024-04-03'],
      ['NM-2', null],
    ]);
    expect(problems.map(describeMappedRowProblem)).toEqual([
      'Row 4, column D (Date opened): "31/02/2024" is not a date: write the day the case was opened as 31/03/2024 or 2024-03-31.',
      'Row 5, column D (Date opened): 2026-10-16 is in the future: a case cannot have been opened yet.',
    ]);
  });

  it('reads the worker’s e-mail in lower case, blank as none, and refuses one that is not an address', () => {
    const headers = ['Ref', 'Team', 'Type', 'Worker e-mail'];
    const { cases, problems } = validateCaseRows(
      [
        ['NM-1', 'Assessment Team A', 'CIN', ' Pia.Sandhu@Council.gov.uk '],
        ['NM-2', 'Assessment Team A', 'CIN', ''],
        ['NM-3', 'Assessment Team A', 'CIN', 'Pia Sandhu'],
      ],
      guessMapping(headers),
      LOOKUPS,
      headers,
    );
    expect(cases.map((c) => [c.reference, c.workerEmail])).toEqual([
      ['NM-1', 'pia.sandhu@council.gov.uk'],
      ['NM-2', null],
    ]);
    expect(problems.map(describeMappedRowProblem)).toEqual([
      'Row 4, column D (Worker e-mail): "Pia Sandhu" is not an e-mail address, like name@council.gov.uk.',
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

  it('accounts for every non-blank row: each is a case, has a problem, or waits for a name', () => {
    const cell = fc.constantFrom('', 'NM-1', 'NM-2', 'Assessment Team A', 'CIN', 'x', 'Closed', 'Open');
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 6, maxLength: 6 }), { maxLength: 30 }), (rows) => {
        const { cases, problems, names } = validateCaseRows(rows, MAPPING, LOOKUPS, HEADERS);
        const bad = new Set(problems.map((p) => p.row));
        const unknown = (kind: string, text: string | undefined): boolean =>
          names.some((n) => !n.resolved && n.kind === kind && n.normalised === normaliseName(text ?? ''));
        const nonBlank = rows
          .map((r, i) => ({ r, row: i + 2 }))
          .filter(({ r }) => r.some((c) => c.trim() !== ''));
        for (const { r, row } of nonBlank) {
          const flags = (r[4] ?? '').split(/[;|]/).filter((f) => f.trim() !== '');
          const waits =
            !bad.has(row) &&
            (unknown('team', r[1]) || unknown('case_type', r[2]) || flags.some((f) => unknown('flag', f)));
          expect([bad.has(row), waits, cases.some((c) => c.row === row)].filter(Boolean)).toHaveLength(1);
        }
      }),
    );
  });
});
