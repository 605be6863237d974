/**
 * The inspection list as files inspectors open in Excel: CSV (UTF-8 with a byte-order mark, so
 * Excel on Windows reads it as UTF-8; cells defused against formula injection by the audit log's
 * csv.ts) and XLSX (exceljs: a frozen header row with an autofilter, audit dates as real dates,
 * and a second sheet saying which dates and which service the list covers).
 */
import ExcelJS from 'exceljs';
import { csvLine } from '../audit-log/csv';
import { INSPECTION_COLUMNS, type InspectionCell } from '../../shared/inspection/inspection-columns';
import type { InspectionList } from '../../shared/inspection/inspection-schemas';

const BOM = '\uFEFF';

const csvValue = (cell: InspectionCell): string | number => (typeof cell === 'object' ? cell.date : cell);

export function inspectionCsv(list: InspectionList): string {
  return (
    BOM +
    csvLine(INSPECTION_COLUMNS.map((column) => column.header)) +
    list.rows.map((row) => csvLine(INSPECTION_COLUMNS.map((column) => csvValue(column.cell(row))))).join('')
  );
}

const xlsxValue = (cell: InspectionCell): string | number | Date => {
  if (typeof cell !== 'object') return cell;
  const [year, month, day] = cell.date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
};

export async function inspectionWorkbook(list: InspectionList, madeAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lantern';
  workbook.created = madeAt;
  const sheet = workbook.addWorksheet('Audited cases');
  sheet.columns = INSPECTION_COLUMNS.map((column) => ({ header: column.header, width: column.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of list.rows) sheet.addRow(INSPECTION_COLUMNS.map((column) => xlsxValue(column.cell(row))));
  const dateColumn = INSPECTION_COLUMNS.findIndex((column) => column.header.startsWith('Audit date')) + 1;
  sheet.getColumn(dateColumn).numFmt = 'dd/mm/yyyy';
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: INSPECTION_COLUMNS.length } };

  const about = workbook.addWorksheet('About');
  about.columns = [{ width: 24 }, { width: 90 }];
  about.addRow(['Audited cases', `Every submitted audit completed ${list.covers}.`]);
  about.addRow(['Months', list.months]);
  about.addRow(['Audits', list.rows.length]);
  about.addRow([
    'Grades',
    "The moderated grade, where there is one, is the grade that counts in Lantern's figures; the auditor's grade is shown beside it.",
  ]);
  about.addRow([
    'Worker',
    "The case's allocated worker now: Lantern does not keep who it was when the case was audited.",
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
