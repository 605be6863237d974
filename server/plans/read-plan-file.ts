/**
 * The rows of an uploaded plan file, header first, as text cells: read by the one file reader
 * of every import (server/imports/read-table.ts) — CSV in any character set and separator
 * Excel writes, or the chosen sheet of an XLSX workbook, dates as YYYY-MM-DD and formulas as
 * their results. A Word, PDF or old .xls file gets advice on saving the table as .xlsx or CSV.
 */
import { readTable } from '../imports/read-table';
import { appError } from '../../shared/errors/app-error';
import type { TableChoice } from '../../shared/imports/table-choice';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export async function readPlanFile(
  fileName: string,
  bytes: Uint8Array,
  choice: TableChoice = {},
): Promise<string[][]> {
  const isZip = ZIP_MAGIC.every((b, i) => bytes[i] === b);
  if (/\.xlsx$/i.test(fileName) && !isZip)
    throw appError(
      'validation_failed',
      'This file is not an Excel workbook (.xlsx). Save it as .xlsx or .csv and try again.',
    );
  if (/\.(docx?|xls|pdf)$/i.test(fileName))
    throw appError(
      'validation_failed',
      'Lantern reads .csv and .xlsx files. Copy the table into a spreadsheet and save it as .xlsx or .csv.',
    );
  const table = await readTable(bytes, choice);
  return [table.headers, ...table.rows];
}
