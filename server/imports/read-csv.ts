/**
 * A CSV file's bytes as rows of text cells: the character set decided by detect-encoding (or
 * the one the person chose), then csv-parse (RFC 4180: quoted cells may hold the separator, a
 * doubled quote or line breaks). The separator is the one a `sep=;` first line names — Excel
 * writes and honours that line, and does not show it, so it is not a row — or else whichever
 * of comma, semicolon and tab occurs most in the header line outside quotes (a tie goes to the
 * comma). Excel's "Unicode text" is UTF-16 and tab separated; European Excel writes semicolons.
 */
import { parse } from 'csv-parse/sync';
import { appError } from '../../shared/errors/app-error';
import { decodeText, detectEncoding, encodingSamples, type TextEncodingName } from './detect-encoding';

export type Separator = ',' | ';' | '\t';

/** The first line, up to a line break outside quotes. */
function headerLine(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length && i < 64 * 1024; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) return text.slice(0, i);
  }
  return text.slice(0, 64 * 1024);
}

function countOutsideQuotes(line: string, separator: string): number {
  let quoted = false;
  let count = 0;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === separator) count++;
  }
  return count;
}

/** The separator and where the data starts (after a `sep=` line). */
export function findSeparator(text: string): { separator: Separator; start: number } {
  const sepLine = /^sep=(.)\r?\n/i.exec(text);
  if (sepLine) {
    const named = sepLine[1];
    if (named === ',' || named === ';' || named === '\t')
      return { separator: named, start: sepLine[0].length };
  }
  const line = headerLine(text);
  let best: Separator = ',';
  let bestCount = countOutsideQuotes(line, ',');
  for (const candidate of [';', '\t'] as const) {
    const count = countOutsideQuotes(line, candidate);
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return { separator: best, start: 0 };
}

export interface CsvRead {
  records: string[][];
  encoding: TextEncodingName;
  separator: Separator;
}

/**
 * @throws AppError `choose_encoding` (with how each candidate reads) when the bytes cannot be told
 *   apart; `validation_failed` for a damaged file or a quote that never closes (naming the row).
 */
export function readCsv(bytes: Uint8Array, encoding?: TextEncodingName): CsvRead {
  let chosen: TextEncodingName;
  if (encoding) chosen = encoding;
  else {
    const verdict = detectEncoding(bytes);
    if (verdict.kind === 'refused') throw appError('validation_failed', verdict.message);
    if (verdict.kind === 'ambiguous')
      throw appError(
        'choose_encoding',
        'Lantern cannot tell which character set this file was saved in. Choose the one in which the line below reads correctly.',
        undefined,
        encodingSamples(bytes, verdict.candidates).map((c) => ({
          value: c.encoding,
          label: c.label,
          sample: c.sample,
        })),
      );
    chosen = verdict.encoding;
  }
  const text = decodeText(bytes, chosen);
  const { separator, start } = findSeparator(text);
  let records: string[][];
  try {
    records = parse(start > 0 ? text.slice(start) : text, {
      delimiter: separator,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: false,
    });
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    const records = error instanceof Error && 'records' in error ? Number(error.records) : NaN;
    const row = Number.isFinite(records) ? records + 1 : null;
    if (code === 'CSV_QUOTE_NOT_CLOSED' && row !== null)
      throw appError('validation_failed', 'The file could not be read as CSV. Nothing was imported.', [
        {
          path: `Row ${row}`,
          message:
            'A quoted cell starts on this row and never ends. Check for a missing closing quote (") and save the file again.',
        },
      ]);
    throw appError(
      'validation_failed',
      `The file could not be read as CSV${row !== null ? ` (near row ${row})` : ''}. Save it from Excel as "CSV UTF-8" or as an .xlsx workbook and try again.`,
    );
  }
  return { records, encoding: chosen, separator };
}
