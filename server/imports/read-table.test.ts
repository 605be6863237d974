/**
 * The one file reader, through its worker, on the files councils really send: the same rows in
 * every character set, separator and workbook form read to identical cells; Excel's quirks;
 * the person is asked for a sheet or a character set when the file cannot say; and every bad
 * file is refused with what is wrong and where.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { AppError } from '../../shared/errors/app-error';
import { readTable } from './read-table';
import {
  CSV_FORMS,
  csvBytes,
  SAME_HEADERS,
  sameRows,
  windows1252,
  xlsxBytes,
} from '../../tests/fixtures/tables/same-rows';

const ROWS = sameRows('ENC');

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('The file was read; a refusal was expected.');
}

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('readTable: the same rows in every form', () => {
  it.each(CSV_FORMS.map((form) => [form]))('reads %s to the very cells written', async (form) => {
    const table = await readTable(csvBytes(form, ROWS));
    expect(table.headers).toEqual(SAME_HEADERS);
    expect(table.rows).toEqual(ROWS);
    expect(table).toMatchObject({ format: 'csv', sheets: [], sheet: null });
    expect(table.encoding).toBe(form.split(' ')[0]);
    expect(table.separator).toBe(form.includes('semicolon') ? ';' : form.includes('tab') ? '\t' : ',');
  });

  it('reads the chosen sheet of a workbook (shared strings, rich text, a formula) to the same cells', async () => {
    const table = await readTable(await xlsxBytes(ROWS), { sheet: 'Cases' });
    expect(table).toMatchObject({
      format: 'xlsx',
      encoding: null,
      sheet: 'Cases',
      sheets: ['Read me', 'Cases'],
    });
    expect(table.headers).toEqual(SAME_HEADERS);
    expect(table.rows).toEqual(ROWS);
  });
});

describe('readTable: asking the person', () => {
  it('asks which sheet when several hold data, offering the visible ones with a sample', async () => {
    const error = await refusal(readTable(await xlsxBytes(ROWS)));
    expect(error.code).toBe('choose_sheet');
    expect(error.choices).toEqual([
      { value: 'Read me', label: 'Read me', sample: expect.stringContaining('Exported') },
      { value: 'Cases', label: 'Cases', sample: expect.stringContaining('Case reference | Team') },
    ]);
  });

  it('asks again, listing the sheets, when the chosen sheet is not there', async () => {
    const error = await refusal(readTable(await xlsxBytes(ROWS), { sheet: 'Lists' }));
    expect(error.code).toBe('choose_sheet');
    expect(error.choices?.map((c) => c.value)).toEqual(['Read me', 'Cases']);
  });

  it('reads the only sheet with data without asking (empty Sheet2 and Sheet3 as old Excel adds them)', async () => {
    const bytes = await workbook((wb) => {
      wb.addWorksheet('Sheet1').addRows([
        ['Ref', 'Team'],
        ['A1', 'Leaving Care'],
      ]);
      wb.addWorksheet('Sheet2');
      wb.addWorksheet('Sheet3');
    });
    expect(await readTable(bytes)).toMatchObject({ sheet: 'Sheet1', rows: [['A1', 'Leaving Care']] });
  });

  it('asks which character set when UTF-8 holds a stray Windows-1252 byte, and reads the one chosen', async () => {
    const bytes = Buffer.concat([
      Buffer.from('Ref,Worker\r\nA1,Zoë Brontë\r\nA2,O'),
      windows1252('’'),
      Buffer.from('Brien\r\n'),
    ]);
    const error = await refusal(readTable(bytes));
    expect(error.code).toBe('choose_encoding');
    expect(error.choices).toEqual([
      { value: 'utf-8', label: 'UTF-8', sample: 'A1,Zoë Brontë' },
      { value: 'windows-1252', label: 'Windows (Western European, Windows-1252)', sample: 'A1,ZoÃ« BrontÃ«' },
    ]);
    // Neither reading is clean: whichever the person picks, the garbled cell is named, not stored.
    const asUtf8 = await refusal(readTable(bytes, { encoding: 'utf-8' }));
    expect(asUtf8.fields).toEqual([
      { path: 'Row 3, column B (Worker)', message: expect.stringContaining('replacement character') },
    ]);
  });
});

describe('readTable: Excel quirks', () => {
  it('drops the trailing empty columns and rows Excel writes, and pads short rows', async () => {
    const table = await readTable(Buffer.from('Ref,Team,,\r\nA1,Leaving Care,,\r\nA2\r\n,,,\r\n\r\n'));
    expect(table.headers).toEqual(['Ref', 'Team']);
    expect(table.rows).toEqual([
      ['A1', 'Leaving Care'],
      ['A2', ''],
    ]);
  });

  it('keeps blank rows inside the table, so row numbers are those Excel shows', async () => {
    const table = await readTable(Buffer.from('Ref,Team\r\nA1,x\r\n,\r\nA3,y\r\n'));
    expect(table.rows).toEqual([
      ['A1', 'x'],
      ['', ''],
      ['A3', 'y'],
    ]);
  });

  it('reads an XLSX date as YYYY-MM-DD, a number as Excel shows it, and a formula as its result', async () => {
    const bytes = await workbook((wb) => {
      const sheet = wb.addWorksheet('Cases');
      sheet.addRow(['Ref', 'Opened', 'Score', 'Total', 'Link', 'Flag']);
      const row = sheet.addRow(['A1', new Date(Date.UTC(2026, 2, 31)), 0.1 + 0.2, null, null, true]);
      row.getCell(4).value = { formula: 'C2*10', result: 3 };
      row.getCell(5).value = { text: 'Case file', hyperlink: 'https://cms.example.invalid/A1' };
    });
    expect((await readTable(bytes)).rows).toEqual([['A1', '2026-03-31', '0.3', '3', 'Case file', 'TRUE']]);
  });

  it('reads a team name with a quoted comma and a cell with a line break as one cell each', async () => {
    const table = await readTable(
      Buffer.from('Ref,Team,Note\r\nA1,"Children in Care, North","two\r\nlines"\r\n'),
    );
    expect(table.rows).toEqual([['A1', 'Children in Care, North', 'two\r\nlines']]);
  });
});

describe('readTable: bad files', () => {
  it.each([
    ['an empty file', Buffer.alloc(0), /The file is empty/],
    ['a file of blank lines', Buffer.from('\r\n\r\n,,\r\n'), /The file is empty/],
    ['only a heading row', Buffer.from('Case reference,Team\r\n'), /heading row and nothing under it/],
    ['a heading row of blanks', Buffer.from(',,\r\nA1,x\r\n'), /first row of the file must name its columns/],
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), /This is a PDF/],
    [
      'an Excel 97–2003 workbook',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      /\.xls\)/,
    ],
    [
      'a picture',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]),
      /not text/,
    ],
    [
      'a zip that is not a workbook',
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
      /could not be read as an Excel workbook/,
    ],
  ])('refuses %s, saying what it is', async (_name, bytes, message) => {
    const error = await refusal(readTable(bytes));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(message);
  });

  it.each([
    ['a C1 control (O\\u0092Brien, ’ through the wrong character set)', 'O\u0092Brien', 'U+0092'],
    ['a replacement character (�5k)', '\ufffd5k', 'replacement character'],
  ])('refuses %s by row and column, in CSV and XLSX', async (_name, cell, words) => {
    const rows = [
      ['A1', 'Leaving Care', 'CIN', 'Ann Lee'],
      ['A2', 'Leaving Care', 'CIN', cell],
    ];
    const csv = Buffer.from(
      ['Ref,Team,Case type,Allocated worker', ...rows.map((r) => r.join(','))].join('\r\n'),
    );
    const xlsx = await workbook((wb) =>
      wb.addWorksheet('Cases').addRows([['Ref', 'Team', 'Case type', 'Allocated worker'], ...rows]),
    );
    for (const bytes of [csv, xlsx]) {
      const error = await refusal(readTable(bytes));
      expect(error.code).toBe('validation_failed');
      expect(error.message).toMatch(/^A cell holds garbled text\. Nothing was imported/);
      expect(error.fields).toEqual([
        { path: 'Row 3, column D (Allocated worker)', message: expect.stringContaining(words) },
      ]);
    }
  });

  it('names the row where a quote opens and never closes', async () => {
    const error = await refusal(readTable(Buffer.from('Ref,Team\r\nA1,x\r\nA2,"Leaving Care\r\nA3,y\r\n')));
    expect(error.fields).toEqual([{ path: 'Row 3', message: expect.stringContaining('never ends') }]);
  });

  it('refuses a workbook that says it unpacks to more than the reader takes, before unpacking it', async () => {
    const bytes = await workbook((wb) => wb.addWorksheet('Cases').addRows([['Ref'], ['A1']]));
    // Rewrite one central-directory entry's declared size to 400 MB (APPNOTE 4.3.12: offset 24).
    const entry = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(400 * 1024 * 1024, entry + 24);
    const error = await refusal(readTable(bytes));
    expect(error.message).toMatch(/unpacks to 4\d\d MB, more than Lantern reads/);
  });

  it('reads many files at once, each to its own table', async () => {
    const forms = CSV_FORMS.slice(0, 5);
    const tables = await Promise.all(forms.map((form, i) => readTable(csvBytes(form, sameRows(`P${i}`)))));
    expect(tables.map((t) => t.rows[0]?.[0])).toEqual(['P0-1', 'P1-1', 'P2-1', 'P3-1', 'P4-1']);
  });
});
