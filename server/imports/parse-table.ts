/**
 * The bytes of an uploaded file as one rectangular table, whatever form it came in: an XLSX
 * workbook (zip magic PK\x03\x04) or CSV text; an old .xls, a PDF or a Word file is named as
 * such. Both forms give the same cells for the same data, so everything after this is
 * format-blind. Runs inside the reader worker (read-table.ts); everything here is synchronous
 * or exceljs, and nothing touches the database.
 *
 * The shape every import can rely on:
 * - `headers` is the first row; row i of `rows` is spreadsheet row i + 2, blank rows included,
 *   so a problem's row number is the one the person sees in Excel;
 * - blank rows at the end, and columns with neither a heading nor any cell (Excel's trailing
 *   separators), are dropped; every row is as wide as the table;
 * - a file with nothing in it, a heading row and nothing under it, more than MAX_ROWS rows or
 *   MAX_COLUMNS columns, or a garbled cell (garbled-cells.ts) is refused, naming where.
 */
import { appError, type FieldProblem } from '../../shared/errors/app-error';
import type { TableChoice } from '../../shared/imports/table-choice';
import { readCsv } from './read-csv';
import { garbledCells } from './garbled-cells';
import { isBlankRow } from '../../shared/imports/field-mapping';

export interface Table {
  format: 'csv' | 'xlsx';
  headers: string[];
  rows: string[][];
  /** The workbook's visible sheets (empty for CSV). */
  sheets: string[];
  /** The sheet read (null for CSV). */
  sheet: string | null;
  /** The character set the CSV was read in (null for XLSX). */
  encoding: string | null;
  /** The CSV's separator (null for XLSX). */
  separator: ',' | ';' | '\t' | null;
}

export const MAX_ROWS = 200_000;
export const MAX_COLUMNS = 100;

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];

/** Drops trailing blank records and empty trailing columns; pads every record to the width. NOTE: mutates `records`. */
function rectangular(records: string[][]): string[][] {
  while (records.length > 0 && isBlankRow(records[records.length - 1] ?? [])) records.pop();
  let width = 0;
  for (const record of records) {
    for (let i = record.length - 1; i >= width; i--) {
      if ((record[i] ?? '').trim() !== '') {
        width = i + 1;
        break;
      }
    }
  }
  return records.map((record) =>
    record.length === width ? record : Array.from({ length: width }, (_, i) => record[i] ?? ''),
  );
}

/**
 * @throws AppError `choose_sheet` / `choose_encoding` when the person must decide; otherwise
 *   `validation_failed` saying what is wrong and where.
 */
export async function parseTable(bytes: Uint8Array, choice: TableChoice = {}): Promise<Table> {
  if (bytes.length === 0) throw appError('validation_failed', 'The file is empty. Nothing was imported.');
  if (startsWith(bytes, OLE2))
    throw appError(
      'validation_failed',
      'This is an Excel 97–2003 workbook (.xls), which Lantern does not read. Open it in Excel and save it as an Excel workbook (.xlsx) or as CSV, then try again.',
    );
  if (startsWith(bytes, PDF))
    throw appError(
      'validation_failed',
      'This is a PDF, not a table Lantern can read. Save the table from the program that made it as .xlsx or CSV, and try again.',
    );
  let records: string[][];
  let table: Omit<Table, 'headers' | 'rows'>;
  if (startsWith(bytes, ZIP)) {
    // exceljs is loaded only for a workbook: a reader that only ever sees CSV starts faster.
    const { readXlsx } = await import('./read-xlsx');
    const read = await readXlsx(bytes, choice.sheet);
    records = read.records;
    table = { format: 'xlsx', sheets: read.sheets, sheet: read.sheet, encoding: null, separator: null };
  } else {
    const read = readCsv(bytes, choice.encoding);
    records = read.records;
    table = { format: 'csv', sheets: [], sheet: null, encoding: read.encoding, separator: read.separator };
  }
  const grid = rectangular(records);
  if (grid.length === 0)
    throw appError(
      'validation_failed',
      table.sheet === null
        ? 'The file is empty. Nothing was imported.'
        : `The sheet “${table.sheet}” is empty. Nothing was imported.`,
    );
  const [headers = [], ...rows] = grid;
  if (isBlankRow(headers))
    throw appError(
      'validation_failed',
      'The first row of the file must name its columns (Case reference, Team, …).',
    );
  if (headers.length > MAX_COLUMNS)
    throw appError(
      'validation_failed',
      `The file has ${headers.length} columns; Lantern reads at most ${MAX_COLUMNS}.`,
    );
  if (rows.length > MAX_ROWS)
    throw appError(
      'validation_failed',
      `The file has ${rows.length.toLocaleString('en-GB')} rows; Lantern imports at most ${MAX_ROWS.toLocaleString('en-GB')} at a time.`,
    );
  if (rows.length === 0)
    throw appError(
      'validation_failed',
      'The file has a heading row and nothing under it. Nothing was imported.',
    );
  const garbled = garbledCells(headers, rows);
  if (garbled.count > 0) {
    const fields: FieldProblem[] = garbled.problems;
    throw appError(
      'validation_failed',
      `${garbled.count === 1 ? 'A cell holds' : `${garbled.count.toLocaleString('en-GB')} cells hold`} garbled text${garbled.count > fields.length ? ` (the first ${fields.length} are listed)` : ''}. Nothing was imported: correct the file and import it again.`,
      fields,
    );
  }
  return { ...table, headers, rows };
}

/**
 * What every import's preview says of the file itself (case lists and people alike): its
 * name, form and sheets, the headers and the mapping read against them, what is wrong with
 * the file as a whole, and how many rows are not blank.
 */
export function filePreview<M>(prepared: {
  fileName: string;
  table: Table;
  mapping: M;
  fileProblems: { path: string; message: string }[];
}) {
  return {
    fileName: prepared.fileName,
    format: prepared.table.format,
    sheet: prepared.table.sheet,
    sheets: prepared.table.sheets,
    encoding: prepared.table.encoding,
    headers: prepared.table.headers,
    mapping: prepared.mapping,
    fileProblems: prepared.fileProblems,
    rowCount: prepared.table.rows.filter((r) => !isBlankRow(r)).length,
  };
}
