/**
 * CSV as spreadsheets and "Save as CSV" from Word write it (RFC 4180): fields separated by
 * commas (or semicolons, as some European-locale Excel installs write), quoted with double
 * quotes when they hold a separator, a quote ("" inside) or a line break; CRLF or LF line
 * ends; an optional UTF-8 byte-order mark. Pure and total: it never throws, and a quote left
 * open at the end is reported so the importer can name the row.
 */

export interface CsvResult {
  rows: string[][];
  /** The 1-based row where a quoted field was still open at the end of the file, if any. */
  unterminatedRow: number | null;
}

/** The separator of the header line: a semicolon only when it has semicolons and no commas. */
function separatorOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
}

/**
 * @example parseCsv('a,"b, c"\r\n1,"say ""hi"""').rows // [['a', 'b, c'], ['1', 'say "hi"']]
 */
export function parseCsv(input: string): CsvResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const separator = separatorOf(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let quoteStartRow = 0;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      quoteStartRow = rows.length + 1;
    } else if (ch === separator) endField();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endRow();
      i += 1;
    } else if (ch === '\n' || ch === '\r') endRow();
    else field += ch;
    i += 1;
  }
  if (field !== '' || row.length > 0) endRow();
  return { rows, unterminatedRow: quoted ? quoteStartRow : null };
}
