import { describe, expect, it } from 'vitest';
import { guessMapping, mappingProblems, type ColumnMapping } from './column-mapping';
import { columnLetter } from './case-fields';

describe('guessMapping', () => {
  it.each([
    {
      name: 'Lantern template',
      headers: ['Case reference', 'Team', 'Case type', 'Allocated worker', 'Plan type', 'Flags', 'Closed'],
      expected: {
        reference: 0,
        team: 1,
        caseType: 2,
        allocatedWorker: 3,
        workerEmail: null,
        planType: 4,
        flags: 5,
        closed: 6,
        openedOn: null,
      },
    },
    {
      name: 'a Mosaic-style export',
      headers: ['Mosaic ID', 'Team Name', 'Category', 'Social Worker', 'Legal Status'],
      expected: {
        reference: 0,
        team: 1,
        caseType: 2,
        allocatedWorker: 3,
        workerEmail: null,
        planType: 4,
        flags: null,
        closed: null,
        openedOn: null,
      },
    },
    {
      name: "an export with the worker's e-mail",
      headers: ['Case reference', 'Team', 'Case type', 'Allocated worker', 'Worker e-mail'],
      expected: {
        reference: 0,
        team: 1,
        caseType: 2,
        allocatedWorker: 3,
        workerEmail: 4,
        planType: null,
        flags: null,
        closed: null,
        openedOn: null,
      },
    },
    {
      name: 'headers with extra words',
      headers: ['Case Ref (LCS)', 'Team', 'Type'],
      expected: {
        reference: 0,
        team: 1,
        caseType: 2,
        allocatedWorker: null,
        workerEmail: null,
        planType: null,
        flags: null,
        closed: null,
        openedOn: null,
      },
    },
  ])('$name', ({ headers, expected }) => {
    expect(guessMapping(headers)).toEqual(expected);
  });
});

describe('mappingProblems', () => {
  const headers = ['Ref', 'Team', 'Type'];
  const NOTHING_MAPPED: ColumnMapping = {
    reference: null,
    team: null,
    caseType: null,
    allocatedWorker: null,
    workerEmail: null,
    planType: null,
    flags: null,
    closed: null,
    openedOn: null,
  };
  it('asks for every required field', () => {
    const problems = mappingProblems({ ...NOTHING_MAPPED, reference: 0 }, headers);
    expect(problems.map((p) => p.path)).toEqual(['team', 'caseType']);
  });

  it('refuses one column for two fields and a column the file does not have', () => {
    const problems = mappingProblems({ ...NOTHING_MAPPED, reference: 0, team: 0, caseType: 9 }, headers);
    expect(problems).toEqual([
      { path: 'team', message: 'Column A is already used for case reference.' },
      { path: 'caseType', message: 'The file has no column J.' },
    ]);
  });
});

describe('columnLetter', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('%i → %s', (index, letters) => {
    expect(columnLetter(index)).toBe(letters);
  });
});
