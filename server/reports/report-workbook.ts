/**
 * An audit report's figures as an Excel workbook (exceljs): a Report sheet saying what it is and
 * what it covers, then one sheet per table of shared/reports/report-tables.ts, the same tables
 * the screen and the Word document show. Numbers are written as numbers; "no data" is a blank
 * cell, never 0.
 */
import ExcelJS from 'exceljs';
import type { ReportContent } from '../../shared/reports/report-content';
import { reportTables } from '../../shared/reports/report-tables';
import { councilWords, reportStatusWords } from '../../shared/reports/report-words';

export async function reportWorkbook(content: ReportContent): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lantern';
  workbook.created = new Date(content.publishedAt ?? content.drawnAt);
  const about = workbook.addWorksheet('Report');
  about.columns = [{ width: 24 }, { width: 100 }];
  about.addRow([content.title]).font = { bold: true, size: 14 };
  about.addRow(['Council', councilWords(content.organisation)]);
  about.addRow(['Service', content.serviceName]);
  about.addRow(['Status', reportStatusWords(content)]);
  about.addRow(['Covers', content.covers.words]);
  about.addRow(['Compared with', content.covers.previousWords ?? 'No previous comparable round']);
  about.addRow(['Audits', content.figures.audits]);
  for (const table of reportTables(content)) {
    const sheet = workbook.addWorksheet(table.key);
    sheet.addRow([table.title]).font = { bold: true };
    const header = sheet.addRow(table.columns);
    header.font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map((cell) => (cell === null ? null : cell)));
    sheet.getColumn(1).width = 44;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
