/**
 * Writing CSV that spreadsheets open safely: RFC 4180 quoting (a cell with a comma, quote or
 * line break is quoted, quotes doubled, lines end CRLF), and formula-injection defence (OWASP
 * "CSV injection"): a cell that starts with = + - @, a tab or a carriage return is prefixed
 * with ' so Excel and LibreOffice show it as text instead of running it.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell, escaped and defused. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line of cells, ending CRLF. */
export function csvLine(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
