/**
 * Reads a case list as councils export it — CSV (comma, semicolon or tab separated; UTF-8
 * with or without a byte-order mark, or Windows-1252 as older Excel writes it) or an XLSX
 * workbook (its first sheet) — into a header row and rows of text cells. Both formats give the
 * same cells for the same data, so everything after this is format-blind. Row i of `rows` is
 * spreadsheet row i + 2 (the header is row 1), blank rows included, so a problem's row number
 * is the one the QA lead sees in Excel.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { appError } from '../../shared/errors/app-error';

export interface Table {
  format: 'csv' | 'xlsx';
  headers: string[];
  rows: string[][];
}

export const MAX_ROWS = 200_000;
export const MAX_COLUMNS = 100;

const isZip = (bytes: Uint8Array): boolean =>
  bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

export async function readTable(bytes: Uint8Array): Promise<Table> {
  const table = isZip(bytes) ? await readXlsx(bytes) : readCsv(bytes);
  if (table.headers.every((h) => h.trim() === ''))
    throw appError(
      'validation_failed',
      'The first row of the file must name its columns (Case reference, Team, …).',
    );
  if (table.headers.length > MAX_COLUMNS)
    throw appError(
      'validation_failed',
      `The file has ${table.headers.length} columns; Lantern reads at most ${MAX_COLUMNS}.`,
    );
  if (table.rows.length > MAX_ROWS)
    throw appError(
      'validation_failed',
      `The file has ${table.rows.length.toLocaleString('en-GB')} rows; Lantern imports at most ${MAX_ROWS.toLocaleString('en-GB')} at a time.`,
    );
  return table;
}

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function readCsv(bytes: Uint8Array): Table {
  const text = decodeText(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].reduce(
    (best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best),
    ',',
  );
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: false,
    });
  } catch (error) {
    const where = error instanceof Error && 'lines' in error ? ` near line ${String(error.lines)}` : '';
    throw appError(
      'validation_failed',
      `The file could not be read as CSV${where}. Save it from Excel as "CSV UTF-8" or as an .xlsx workbook and try again.`,
    );
  }
  const [headers = [], ...rows] = records;
  // A trailing line break leaves one empty record: not a row anyone wrote.
  while (rows.length > 0 && (rows.at(-1) ?? []).every((cell) => cell === '')) rows.pop();
  return { format: 'csv', headers, rows };
}

/** A cell's value as the text Excel shows, without its number format's decoration for plain numbers. */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return cell.text ?? '';
}

async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own global `Buffer extends ArrayBuffer`, which no real Buffer satisfies
    // in the type checker; at run time it takes a Node Buffer. The cast is of a type, not of data.
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw appError(
      'validation_failed',
      'The file could not be read as an Excel workbook (.xlsx). Save it again from Excel and try again.',
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw appError('validation_failed', 'The workbook has no sheets.');
  const grid: string[][] = [];
  let width = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    width = Math.max(width, cells.length);
    grid[rowNumber - 1] = cells;
  });
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  const [headers = [], ...rows] = grid;
  return {
    format: 'xlsx',
    headers: Array.from({ length: Math.max(width, headers.length) }, (_, i) => headers[i] ?? ''),
    rows,
  };
}
