/**
 * Mapping a file's columns to the fields an import reads (case lists, people): proposed from
 * the headers (an exact match of a known header first, then a header that starts with one; a
 * column is used for one field at most) and checked against the file's headers before any row
 * is. Each import names its fields and, per field, its label, header words and whether it is
 * required.
 */
import { columnLetter, normaliseHeader } from './case-fields';

export interface MappedFieldInfo {
  label: string;
  required: boolean;
  /** Normalised header words the field is recognised by. */
  headers: readonly string[];
}

/** The mapping the headers suggest: field → column index (0 = column A), or null. */
export function guessFieldMapping<F extends string>(
  fields: readonly F[],
  info: Record<F, MappedFieldInfo>,
  headers: readonly string[],
): Record<F, number | null> {
  const normalised = headers.map(normaliseHeader);
  const used = new Set<number>();
  const mapping = Object.fromEntries(fields.map((field) => [field, null])) as Record<F, number | null>;
  const pass = (matches: (header: string, known: string) => boolean): void => {
    for (const field of fields) {
      if (mapping[field] !== null) continue;
      const index = normalised.findIndex(
        (header, i) => !used.has(i) && info[field].headers.some((known) => matches(header, known)),
      );
      if (index >= 0) {
        mapping[field] = index;
        used.add(index);
      }
    }
  };
  pass((header, known) => header === known);
  pass((header, known) => known.length > 3 && header.startsWith(`${known} `));
  return mapping;
}

/** Problems with a mapping against a file's headers, as `{ path: field, message }`. */
export function fieldMappingProblems<F extends string>(
  fields: readonly F[],
  info: Record<F, MappedFieldInfo>,
  mapping: Record<F, number | null>,
  headers: readonly string[],
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const seen = new Map<number, F>();
  for (const field of fields) {
    const column = mapping[field];
    const { label, required } = info[field];
    if (column === null) {
      if (required)
        problems.push({ path: field, message: `Choose the column that holds the ${label.toLowerCase()}.` });
      continue;
    }
    if (column >= headers.length) {
      problems.push({ path: field, message: `The file has no column ${columnLetter(column)}.` });
      continue;
    }
    const other = seen.get(column);
    if (other !== undefined)
      problems.push({
        path: field,
        message: `Column ${columnLetter(column)} is already used for ${info[other].label.toLowerCase()}.`,
      });
    seen.set(column, field);
  }
  return problems;
}

/**
 * A column as a problem names it: its letter and, where the file has one, its header.
 * @example columnName(1, ['Case reference', ' Team ']) // 'B (Team)'
 */
export function columnName(index: number, headers: readonly string[]): string {
  const header = headers[index]?.trim();
  return `${columnLetter(index)}${header ? ` (${header})` : ''}`;
}

/** A mapped field's column as a problem names it (columnName); column A when the field is not mapped. */
export function mappedColumnName<F extends string>(
  mapping: Record<F, number | null>,
  headers: readonly string[],
  field: F,
): string {
  return columnName(mapping[field] ?? 0, headers);
}

/** A row's cell for a mapped field, trimmed; undefined when the file has no column for it. */
export function mappedCell<F extends string>(
  mapping: Record<F, number | null>,
  cells: readonly string[],
  field: F,
): string | undefined {
  const column = mapping[field];
  return column === null ? undefined : (cells[column] ?? '').trim();
}

/** Whether every cell of a row is blank: such a row is passed over, never a problem. */
export const isBlankRow = (cells: readonly string[]): boolean => cells.every((cell) => cell.trim() === '');

/** A problem with one cell of a mapped file: its spreadsheet row, its column as named, the field. */
export interface MappedRowProblem<F extends string> {
  row: number;
  column: string;
  field: F;
  message: string;
}

/** One non-blank row of a mapped file, as a row check reads it. */
export interface MappedRow<F extends string> {
  /** The spreadsheet row: row i of the table is row i + 2 (the headers are row 1). */
  row: number;
  /** The row's cell for a field, trimmed; undefined when the file has no column for it. */
  value(field: F): string | undefined;
  /** Records a problem with the row's cell for a field. */
  problem(field: F, message: string): void;
  /** Whether no problem has been recorded for the row so far. */
  ok(): boolean;
}

/**
 * Hands each non-blank row of a mapped file to `check`, with its cell reader and its problem
 * recorder: the walk both imports' row checks share.
 * @returns every problem recorded, in row order.
 */
export function checkMappedRows<F extends string>(
  rows: readonly (readonly string[])[],
  mapping: Record<F, number | null>,
  headers: readonly string[],
  check: (row: MappedRow<F>) => void,
): MappedRowProblem<F>[] {
  const problems: MappedRowProblem<F>[] = [];
  rows.forEach((cells, i) => {
    if (isBlankRow(cells)) return;
    const row = i + 2;
    let ok = true;
    check({
      row,
      value: (field) => mappedCell(mapping, cells, field),
      problem: (field, message) => {
        problems.push({ row, column: mappedColumnName(mapping, headers, field), field, message });
        ok = false;
      },
      ok: () => ok,
    });
  });
  return problems;
}

/** "Row 14, column C (Team): …" — how a row problem reads on its own. */
export function describeMappedRowProblem(problem: MappedRowProblem<string>): string {
  return `Row ${problem.row}, column ${problem.column}: ${problem.message}`;
}
