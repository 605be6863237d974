/**
 * An XLSX workbook's chosen sheet as rows of text cells, each the text Excel shows for it:
 * shared strings and rich text as their plain text, a formula as its last calculated result,
 * a hyperlink as its words, an error as Excel writes it (#N/A), a date cell as YYYY-MM-DD
 * (with the time when it has one), a number to Excel's 15 significant digits, TRUE/FALSE.
 * A merged cell reads, on every row it spans, as its first cell.
 *
 * Which sheet: the one the person chose; otherwise the only visible sheet with anything in it;
 * otherwise the person is asked (`choose_sheet`, listing the sheets). Hidden sheets are never
 * offered or read — councils hide look-up lists there.
 */
import ExcelJS from 'exceljs';
import { appError } from '../../shared/errors/app-error';
import { zipUnpackedSize } from './zip-unpacked-size';

/**
 * Most a workbook may unpack to. A 200,000-row case list written by Excel unpacks to about
 * 60 MB; far more than this is a sheet of formatted empty rows or a zip bomb.
 */
export const MAX_UNPACKED_BYTES = 300 * 1024 * 1024;

export interface XlsxRead {
  records: string[][];
  sheets: string[];
  sheet: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function dateText(date: Date): string {
  const day = `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
  const h = date.getUTCHours();
  const m = date.getUTCMinutes();
  const s = date.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return day;
  return `${day} ${pad2(h)}:${pad2(m)}${s > 0 ? `:${pad2(s)}` : ''}`;
}

/** True for a number format that shows a date (d, m, y outside quoted text and [colour] parts). */
function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const bare = numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dy]/i.test(bare) || /m/i.test(bare.replace(/h+:?m+|m+:s+/gi, ''));
}

/** An Excel serial day number as a date (the 1900 system, or 1904 when the workbook says). */
function serialDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - (date1904 ? -1462 : 25569)) * 86_400_000));
}

function numberText(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
}

function valueText(value: unknown, numFmt: string | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number')
    return isDateFormat(numFmt) && value > 0 ? dateText(serialDate(value, date1904)) : numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText))
      return value.richText.map((part: { text?: unknown }) => String(part.text ?? '')).join('');
    if ('error' in value) return String(value.error);
    if ('formula' in value || 'sharedFormula' in value)
      return 'result' in value ? valueText(value.result, numFmt, date1904) : '';
    if ('text' in value) return valueText(value.text, numFmt, date1904);
  }
  return '';
}

function sheetRecords(sheet: ExcelJS.Worksheet, date1904: boolean): string[][] {
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      cells[column - 1] = valueText(cell.value, cell.numFmt, date1904);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    grid[rowNumber - 1] = cells;
  });
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  return grid;
}

const hasContent = (sheet: ExcelJS.Worksheet): boolean => {
  let found = false;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if (!found)
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (valueText(cell.value, undefined, false).trim() !== '') found = true;
      });
  });
  return found;
};

/**
 * @throws AppError `choose_sheet` when several sheets hold data and none was chosen, or the chosen
 *   one is not there; `validation_failed` when the file is not a workbook or unpacks too large.
 */
export async function readXlsx(bytes: Uint8Array, chosen?: string): Promise<XlsxRead> {
  const unpacked = zipUnpackedSize(bytes);
  if (unpacked === null)
    throw appError(
      'validation_failed',
      'The file could not be read as an Excel workbook (.xlsx): it is damaged or another kind of file. Save it again from Excel and try again.',
    );
  if (unpacked > MAX_UNPACKED_BYTES)
    throw appError(
      'validation_failed',
      `The workbook unpacks to ${Math.round(unpacked / 1024 / 1024)} MB, more than Lantern reads (${MAX_UNPACKED_BYTES / 1024 / 1024} MB). Copy the table onto a sheet of its own, or save it as CSV, and try again.`,
    );
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
  const visible = workbook.worksheets.filter((s) => s.state !== 'hidden' && s.state !== 'veryHidden');
  const sheets = visible.map((s) => s.name);
  if (visible.length === 0) throw appError('validation_failed', 'The workbook has no sheets to read.');
  const date1904 = Boolean((workbook.properties as { date1904?: boolean }).date1904);
  let sheet: ExcelJS.Worksheet | undefined;
  if (chosen !== undefined) {
    sheet = visible.find((s) => s.name === chosen);
    if (!sheet)
      throw appError(
        'choose_sheet',
        `The workbook has no sheet called “${chosen}”. Choose the sheet that holds the table.`,
        undefined,
        sheets.map((name) => ({ value: name, label: name })),
      );
  } else {
    const withData = visible.filter(hasContent);
    if (withData.length > 1)
      throw appError(
        'choose_sheet',
        `The workbook has ${withData.length} sheets with data. Choose the sheet that holds the table.`,
        undefined,
        withData.map((s) => ({ value: s.name, label: s.name, sample: sheetSample(s, date1904) })),
      );
    sheet = withData[0] ?? visible[0];
  }
  if (!sheet) throw appError('validation_failed', 'The workbook has no sheets to read.');
  return { records: sheetRecords(sheet, date1904), sheets, sheet: sheet.name };
}

/** The sheet's first row with something in it, for the person choosing between sheets. */
function sheetSample(sheet: ExcelJS.Worksheet, date1904: boolean): string {
  for (let r = 1; r <= Math.min(sheet.rowCount, 20); r++) {
    const cells: string[] = [];
    sheet.getRow(r).eachCell({ includeEmpty: false }, (cell) => {
      cells.push(valueText(cell.value, cell.numFmt, date1904));
    });
    const text = cells.filter((c) => c.trim() !== '').join(' | ');
    if (text) return text.length > 120 ? `${text.slice(0, 119)}…` : text;
  }
  return '';
}
