/**
 * The rows of an uploaded plan file: CSV (a spreadsheet or a Word table saved as CSV) or the
 * first worksheet of an XLSX workbook, as text cells. Spreadsheet date cells become
 * YYYY-MM-DD so the importer reads them like typed dates; formulas give their results.
 */
import ExcelJS from 'exceljs';
import { parseCsv } from '../../shared/plans/parse-csv';
import { appError } from '../../shared/errors/app-error';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText(value.result ?? null);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

export async function readPlanFile(fileName: string, bytes: Buffer): Promise<string[][]> {
  const isXlsx = ZIP_MAGIC.every((b, i) => bytes[i] === b);
  if (/\.xlsx$/i.test(fileName) || isXlsx) {
    if (!isXlsx)
      throw appError(
        'validation_failed',
        'This file is not an Excel workbook (.xlsx). Save it as .xlsx or .csv and try again.',
      );
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(new Uint8Array(bytes).buffer);
    } catch {
      throw appError(
        'validation_failed',
        'This workbook could not be read. Save it again as .xlsx or .csv and try again.',
      );
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw appError('validation_failed', 'The workbook has no worksheets.');
    const rows: string[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      for (let col = 1; col <= Math.max(row.cellCount, sheet.columnCount); col++)
        cells.push(cellText(row.getCell(col).value).trim());
      rows.push(cells);
    }
    return rows;
  }
  if (/\.(docx?|xls|pdf)$/i.test(fileName))
    throw appError(
      'validation_failed',
      'Lantern reads .csv and .xlsx files. Copy the table into a spreadsheet and save it as .xlsx or .csv.',
    );
  const { rows, unterminatedRow } = parseCsv(bytes.toString('utf8'));
  if (unterminatedRow !== null)
    throw appError('validation_failed', 'The file has a problem. Nothing was imported.', [
      {
        path: `Row ${unterminatedRow}`,
        message: 'A quoted cell starts here and never ends. Check for a missing closing quote (").',
      },
    ]);
  return rows;
}
