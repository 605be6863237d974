/**
 * Text that has been through the wrong character set somewhere before it reached Lantern:
 * U+FFFD (a byte some program could not read: "�5k"), C1 control characters U+0080–U+009F
 * (Windows-1252 punctuation read as Latin-1 and written back: "O\u0092Brien"), NUL, and lone
 * UTF-16 surrogates. None of these is ever typed by a person, and storing them would put the
 * mangled name in every audit, list and report, so a file holding one is refused, naming the
 * row and column of each (at most MAX_LISTED, the rest counted).
 */
import type { FieldProblem } from '../../shared/errors/app-error';
import { columnName } from '../../shared/imports/field-mapping';

const MAX_LISTED = 100;

// Finding control characters is the point of this expression.
const GARBLED =
  // eslint-disable-next-line no-control-regex
  /[\u0000\u0080-\u009f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function describe(text: string): string {
  const match = GARBLED.exec(text);
  const ch = match?.[0] ?? '';
  const code = `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  const shown = JSON.stringify(text.length > 60 ? `${text.slice(0, 59)}…` : text);
  if (ch === '\ufffd')
    return `${shown} holds a replacement character (�) where a letter or symbol was lost before the file was saved. Correct the cell in the original and save the file again.`;
  if (ch === '\u0000')
    return `${shown} holds a NUL character, which is not text. Correct the cell and save the file again.`;
  if (ch.length === 1 && ch >= '\ud800' && ch <= '\udfff')
    return `${shown} holds half of a character (${code}): the text was cut or converted wrongly. Correct the cell and save the file again.`;
  return `${shown} holds an invisible control character (${code}) where punctuation such as ’ or £ was converted with the wrong character set. Correct the cell (retype the punctuation) and save the file again.`;
}

/**
 * Every garbled cell, as "Row R, column X (Heading)" problems; rows are numbered as the
 * spreadsheet shows them (the header is row 1).
 */
export function garbledCells(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): { problems: FieldProblem[]; count: number } {
  const problems: FieldProblem[] = [];
  let count = 0;
  const check = (cells: readonly string[], rowNumber: number) => {
    cells.forEach((cell, column) => {
      if (!GARBLED.test(cell)) return;
      count++;
      if (problems.length < MAX_LISTED)
        problems.push({
          path: `Row ${rowNumber}, column ${columnName(column, headers)}`,
          message: describe(cell),
        });
    });
  };
  check(headers, 1);
  rows.forEach((cells, i) => check(cells, i + 2));
  return { problems, count };
}
