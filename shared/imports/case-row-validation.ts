/**
 * Turns a case list's rows into cases, or reports every bad row by row number, column and
 * reason — all of them, so the QA lead can fix the file in one go. Row numbers are the ones a
 * spreadsheet shows: the header is row 1, the first case row 2. Blank rows are skipped.
 *
 * Teams must already exist in Lantern (matched by name, ignoring case and spacing); case types
 * match by key, label or the usual abbreviations (CIN, CP, CLA/LAC, CL). A reference may
 * appear once per file.
 */
import { CASE_FIELDS, columnLetter, normaliseHeader, type CaseField } from './case-fields';
import type { ColumnMapping } from './column-mapping';

export interface ImportLookups {
  teams: readonly { id: string; name: string }[];
  caseTypes: readonly { key: string; label: string }[];
}

/** A valid case from the file; a field the file has no column for is undefined (left as it is). */
export interface ImportedCase {
  row: number;
  reference: string;
  teamId: string;
  caseType: string;
  allocatedWorker?: string;
  planType?: string;
  flags?: string[];
  closed?: boolean;
}

export interface RowProblem {
  row: number;
  column: string;
  field: CaseField;
  message: string;
}

const ABBREVIATIONS: Record<string, string> = {
  cin: 'child-in-need',
  cp: 'child-protection',
  cpp: 'child-protection',
  cla: 'child-looked-after',
  lac: 'child-looked-after',
  cl: 'care-leaver',
  'care leaver': 'care-leaver',
};
const CLOSED_WORDS: Record<string, boolean> = {
  closed: true,
  yes: true,
  y: true,
  true: true,
  '1': true,
  open: false,
  no: false,
  n: false,
  false: false,
  '0': false,
  '': false,
};
const MAX = { reference: 100, allocatedWorker: 200, planType: 100, flag: 60, flags: 20 } as const;
const PRINTABLE_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9 ._/\-:#]*$/;

/**
 * @example validateCaseRows([['NM-1', 'Assessment Team A', 'CIN']], mapping, lookups)
 * // { cases: [{ row: 2, reference: 'NM-1', teamId: '…', caseType: 'child-in-need' }], problems: [] }
 */
export function validateCaseRows(
  rows: readonly (readonly string[])[],
  mapping: ColumnMapping,
  lookups: ImportLookups,
  headers: readonly string[] = [],
): { cases: ImportedCase[]; problems: RowProblem[] } {
  const teams = new Map(lookups.teams.map((t) => [normaliseHeader(t.name), t.id]));
  const caseTypes = new Map<string, string>();
  for (const t of lookups.caseTypes) {
    caseTypes.set(normaliseHeader(t.key), t.key);
    caseTypes.set(normaliseHeader(t.label), t.key);
  }
  const known = new Set(lookups.caseTypes.map((t) => t.key));
  for (const [abbreviation, key] of Object.entries(ABBREVIATIONS))
    if (known.has(key)) caseTypes.set(abbreviation, key);

  const cases: ImportedCase[] = [];
  const problems: RowProblem[] = [];
  const firstRowOf = new Map<string, number>();
  const columnName = (field: CaseField): string => {
    const index = mapping[field] ?? 0;
    const header = headers[index]?.trim();
    return `${columnLetter(index)}${header ? ` (${header})` : ''}`;
  };

  rows.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((cell) => cell.trim() === '')) return;
    const value = (field: CaseField): string | undefined => {
      const column = mapping[field];
      return column === null ? undefined : (cells[column] ?? '').trim();
    };
    let ok = true;
    const problem = (field: CaseField, message: string): void => {
      problems.push({ row, column: columnName(field), field, message });
      ok = false;
    };

    const reference = value('reference') ?? '';
    if (reference === '') problem('reference', 'The case reference is blank.');
    else if (reference.length > MAX.reference)
      problem('reference', `The case reference is longer than ${MAX.reference} characters.`);
    else if (!PRINTABLE_REFERENCE.test(reference))
      problem(
        'reference',
        `"${reference}" is not a case reference: use letters, digits and - _ . / : # only.`,
      );
    else {
      const first = firstRowOf.get(reference.toUpperCase());
      if (first !== undefined) problem('reference', `Case reference ${reference} is also on row ${first}.`);
      else firstRowOf.set(reference.toUpperCase(), row);
    }

    const teamText = value('team') ?? '';
    const teamId = teams.get(normaliseHeader(teamText));
    if (teamText === '') problem('team', 'The team is blank.');
    else if (!teamId)
      problem(
        'team',
        `"${teamText}" is not a team in Lantern. Check the spelling, or ask an admin to add the team.`,
      );

    const typeText = value('caseType') ?? '';
    const caseType = caseTypes.get(normaliseHeader(typeText));
    if (typeText === '') problem('caseType', 'The case type is blank.');
    else if (!caseType)
      problem(
        'caseType',
        `"${typeText}" is not a case type Lantern knows (${lookups.caseTypes.map((t) => t.label).join(', ')}).`,
      );

    const allocatedWorker = value('allocatedWorker');
    if (allocatedWorker !== undefined && allocatedWorker.length > MAX.allocatedWorker)
      problem('allocatedWorker', `The allocated worker is longer than ${MAX.allocatedWorker} characters.`);
    const planType = value('planType');
    if (planType !== undefined && planType.length > MAX.planType)
      problem('planType', `The plan type is longer than ${MAX.planType} characters.`);

    const flagsText = value('flags');
    const flags =
      flagsText === undefined
        ? undefined
        : [
            ...new Set(
              flagsText
                .split(/[;|]/)
                .map((flag) => flag.trim())
                .filter((flag) => flag !== ''),
            ),
          ].sort();
    if (flags && flags.length > MAX.flags) problem('flags', `A case can carry at most ${MAX.flags} flags.`);
    if (flags?.some((flag) => flag.length > MAX.flag))
      problem('flags', `Each flag must be ${MAX.flag} characters or fewer.`);

    const closedText = value('closed');
    const closed = closedText === undefined ? undefined : CLOSED_WORDS[normaliseHeader(closedText)];
    if (closedText !== undefined && closed === undefined)
      problem(
        'closed',
        `"${closedText}" does not say whether the case is open or closed (use Open or Closed).`,
      );

    if (ok && teamId && caseType) {
      cases.push({
        row,
        reference,
        teamId,
        caseType,
        ...(allocatedWorker !== undefined ? { allocatedWorker } : {}),
        ...(planType !== undefined ? { planType } : {}),
        ...(flags !== undefined ? { flags } : {}),
        ...(closed !== undefined ? { closed } : {}),
      });
    }
  });
  return { cases, problems };
}

/** "Row 14, column C (Team): …" — how a row problem reads on its own. */
export function describeRowProblem(problem: RowProblem): string {
  return `Row ${problem.row}, column ${problem.column}: ${problem.message}`;
}

/** The fields a mapping covers, for the summary. */
export function mappedFields(mapping: ColumnMapping): CaseField[] {
  return CASE_FIELDS.filter((field) => mapping[field] !== null);
}
