/**
 * Turns a case list's rows into cases, or reports every bad row by row number, column and
 * reason — all of them, so the QA lead can fix the file in one go. Row numbers are the ones a
 * spreadsheet shows: the header is row 1, the first case row 2. Blank rows are skipped.
 *
 * Teams match by name, case types by key, label or the usual abbreviations (CIN, CP, CLA/LAC,
 * CL), flags (when the council keeps a list of them) by key or label — all ignoring case and
 * spacing. A name that matches nothing is looked up in the aliases (mappings remembered from
 * earlier imports, and this import's decisions), which come before the built-in abbreviations.
 * A name still unknown is not a row problem: it is listed once in `names`, with how many rows
 * use it, for the person importing to map or create; rows that use it are left out of `cases`.
 * A reference may appear once per file.
 */
import { CASE_FIELDS, normaliseHeader, type CaseField } from './case-fields';
import { checkMappedRows, mappedColumnName, type MappedRowProblem } from './field-mapping';
import type { ColumnMapping } from './column-mapping';
import { normaliseName, type NameKind } from './import-names';
import { readCaseDate } from './read-case-date';

export interface ImportLookups {
  teams: readonly { id: string; name: string }[];
  caseTypes: readonly { key: string; label: string }[];
  /** The council's own flags; absent: flags are free text, taken as written. */
  flags?: readonly { key: string; label: string }[];
  /** Other names standing for a team id, case type key or flag key: normalised name → target. */
  aliases?: Partial<Record<NameKind, ReadonlyMap<string, string>>>;
  /** Today in Europe/London (YYYY-MM-DD): an opened date after it is refused. */
  today?: string;
}

/** A name in the file that is not an exact team, case type or flag name (see the module header). */
export interface NameUse {
  kind: NameKind;
  /** As first written in the file. */
  source: string;
  normalised: string;
  rows: number;
  firstRow: number;
  column: string;
  /** Resolved through an alias (else unknown). */
  resolved: boolean;
}

/** A valid case from the file; a field the file has no column for is undefined (left as it is). */
export interface ImportedCase {
  row: number;
  reference: string;
  teamId: string;
  caseType: string;
  allocatedWorker?: string;
  /** The worker's e-mail, lower case; null when the cell is blank (the case then has no practitioner). */
  workerEmail?: string | null;
  /** The practitioner the e-mail matched (set by the import, not by validation); null: nobody. */
  practitionerId?: string | null;
  planType?: string;
  flags?: string[];
  closed?: boolean;
  /** YYYY-MM-DD; null when the file's cell is blank. */
  openedOn?: string | null;
}

export type RowProblem = MappedRowProblem<CaseField>;

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
/** An e-mail address as the case list writes it: something@domain.tld, no spaces. */
const WORKER_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

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
): { cases: ImportedCase[]; problems: RowProblem[]; names: NameUse[] } {
  const teams = new Map(lookups.teams.map((t) => [normaliseHeader(t.name), t.id]));
  const caseTypes = new Map<string, string>();
  for (const t of lookups.caseTypes) {
    caseTypes.set(normaliseHeader(t.key), t.key);
    caseTypes.set(normaliseHeader(t.label), t.key);
  }
  const flagKeys = lookups.flags ? new Map<string, string>() : null;
  for (const f of lookups.flags ?? []) {
    flagKeys?.set(normaliseHeader(f.key), f.key);
    flagKeys?.set(normaliseHeader(f.label), f.key);
  }
  const known = new Set(lookups.caseTypes.map((t) => t.key));
  const abbreviations = new Map<string, string>();
  for (const [abbreviation, key] of Object.entries(ABBREVIATIONS))
    if (known.has(key)) abbreviations.set(abbreviation, key);

  const names = new Map<string, NameUse>();
  const normalisedText = new Map<string, string>();
  /** The target of a name: exact, then an alias, then (case types) an abbreviation; undefined when unknown. */
  const resolve = (
    kind: NameKind,
    exact: ReadonlyMap<string, string>,
    text: string,
    row: number,
    field: CaseField,
  ): string | undefined => {
    // A list repeats a few dozen names over thousands of rows: normalise each text once.
    let normalised = normalisedText.get(text);
    if (normalised === undefined) {
      normalised = normaliseName(text);
      normalisedText.set(text, normalised);
    }
    const found = exact.get(normalised);
    if (found !== undefined) return found;
    const alias = lookups.aliases?.[kind]?.get(normalised);
    const target = alias ?? (kind === 'case_type' ? abbreviations.get(normalised) : undefined);
    if (target !== undefined && alias === undefined) return target;
    const id = `${kind}:${normalised}`;
    const use = names.get(id);
    if (use) use.rows++;
    else
      names.set(id, {
        kind,
        source: text,
        normalised,
        rows: 1,
        firstRow: row,
        column: columnName(field),
        resolved: target !== undefined,
      });
    return target;
  };

  const cases: ImportedCase[] = [];
  const firstRowOf = new Map<string, number>();
  const columnName = (field: CaseField): string => mappedColumnName(mapping, headers, field);

  const problems = checkMappedRows(rows, mapping, headers, ({ row, value, problem, ok }) => {
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

    // An unknown team, case type or flag is listed in `names`, not as a row problem: the row
    // waits for a decision about the name.
    let named = true;
    const teamText = value('team') ?? '';
    const teamId = teamText === '' ? undefined : resolve('team', teams, teamText, row, 'team');
    if (teamText === '') problem('team', 'The team is blank.');
    else if (!teamId) named = false;

    const typeText = value('caseType') ?? '';
    const caseType = typeText === '' ? undefined : resolve('case_type', caseTypes, typeText, row, 'caseType');
    if (typeText === '') problem('caseType', 'The case type is blank.');
    else if (!caseType) named = false;

    const allocatedWorker = value('allocatedWorker');
    if (allocatedWorker !== undefined && allocatedWorker.length > MAX.allocatedWorker)
      problem('allocatedWorker', `The allocated worker is longer than ${MAX.allocatedWorker} characters.`);
    const emailText = value('workerEmail');
    const workerEmail = emailText ? emailText.trim().toLowerCase() : null;
    if (workerEmail !== null && (workerEmail.length > 320 || !WORKER_EMAIL.test(workerEmail)))
      problem('workerEmail', `"${emailText ?? ''}" is not an e-mail address, like name@council.gov.uk.`);
    const planType = value('planType');
    if (planType !== undefined && planType.length > MAX.planType)
      problem('planType', `The plan type is longer than ${MAX.planType} characters.`);

    const flagsText = value('flags');
    const written =
      flagsText === undefined
        ? undefined
        : flagsText
            .split(/[;|]/)
            .map((flag) => flag.trim())
            .filter((flag) => flag !== '');
    if (written && written.length > MAX.flags)
      problem('flags', `A case can carry at most ${MAX.flags} flags.`);
    if (written?.some((flag) => flag.length > MAX.flag))
      problem('flags', `Each flag must be ${MAX.flag} characters or fewer.`);
    let flags: string[] | undefined;
    if (written !== undefined && ok()) {
      // Free text: as written; with the council's list: each flag's key. In the file's order (a
      // flag named twice kept where it first appears), as the council listed them.
      const keys = flagKeys ? written.map((flag) => resolve('flag', flagKeys, flag, row, 'flags')) : written;
      if (keys.some((key) => key === undefined)) named = false;
      flags = [...new Set(keys.filter((key): key is string => key !== undefined))];
    }

    const closedText = value('closed');
    const closed = closedText === undefined ? undefined : CLOSED_WORDS[normaliseHeader(closedText)];
    if (closedText !== undefined && closed === undefined)
      problem(
        'closed',
        `"${closedText}" does not say whether the case is open or closed (use Open or Closed).`,
      );

    const openedText = value('openedOn');
    const openedOn = openedText ? readCaseDate(openedText) : null;
    if (openedText && openedOn === null)
      problem(
        'openedOn',
        `"${openedText}" is not a date: write the day the case was opened as 31/03/2024 or 2024-03-31.`,
      );
    else if (openedOn && lookups.today && openedOn > lookups.today)
      problem('openedOn', `${openedText ?? ''} is in the future: a case cannot have been opened yet.`);

    if (ok() && named && teamId && caseType) {
      cases.push({
        row,
        reference,
        teamId,
        caseType,
        ...(allocatedWorker !== undefined ? { allocatedWorker } : {}),
        ...(emailText !== undefined ? { workerEmail } : {}),
        ...(planType !== undefined ? { planType } : {}),
        ...(flags !== undefined ? { flags } : {}),
        ...(closed !== undefined ? { closed } : {}),
        ...(openedText !== undefined ? { openedOn } : {}),
      });
    }
  });
  return { cases, problems, names: [...names.values()] };
}

/** The fields a mapping covers, for the summary. */
export function mappedFields(mapping: ColumnMapping): CaseField[] {
  return CASE_FIELDS.filter((field) => mapping[field] !== null);
}
