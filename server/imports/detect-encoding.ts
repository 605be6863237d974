/**
 * Which character set a text file (a CSV) was saved in, decided from its bytes alone, in this
 * order — the first rule that applies wins:
 *  1. A byte-order mark says it: EF BB BF is UTF-8, FF FE UTF-16LE, FE FF UTF-16BE ("Unicode
 *     text" from Excel). A file that then does not decode in that encoding is refused.
 *  2. NUL bytes at the odd (or even) offsets of the first 4 KB, and almost none at the others:
 *     UTF-16LE (or BE) without a mark. Text never holds NUL, so this comes before rule 3 (a NUL is
 *     valid UTF-8).
 *  3. Bytes that are valid UTF-8: UTF-8 (ASCII included: it reads the same in every candidate).
 *  4. Windows-1252, as Excel on Windows saves "CSV (Comma delimited)", when every byte is one
 *     Windows-1252 defines (not 81, 8D, 8F, 90, 9D), no control byte other than tab, CR and LF
 *     occurs, and no run of bytes is a well-formed UTF-8 sequence (Windows-1252 would read those
 *     as "â€™" or "Ã©": the file is UTF-8 with something else pasted in).
 *  5. Otherwise the bytes cannot be told apart: the person is asked, shown how the line that
 *     differs reads in each candidate.
 * Decoding: UTF-8 and UTF-16 with the WHATWG TextDecoder built into Node. Windows-1252 with
 * iconv-lite, because Node's own TextDecoder('windows-1252') reads bytes 80–9F as Latin-1 C1
 * controls since v20.18.3 and v22.13.0 (nodejs/node#60888; measured here on v20.20: 0x92
 * gives U+0092, so "O’Brien" became "O\u0092Brien"). A decode the person chose that meets a
 * bad byte leaves U+FFFD, which the cell check (garbled-cells.ts) then refuses by row and column.
 */
import iconv from 'iconv-lite';

import type { TableEncoding as TextEncodingName } from '../../shared/imports/table-choice';

export type { TextEncodingName };

export type EncodingVerdict =
  | { kind: 'known'; encoding: TextEncodingName; bomLength: number }
  | { kind: 'refused'; message: string }
  | { kind: 'ambiguous'; candidates: TextEncodingName[] };

/** Bytes Windows-1252 leaves undefined (WHATWG maps them to C1 controls, which are not text). */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

const BOMS: { bytes: number[]; encoding: TextEncodingName }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

export const ENCODING_LABELS: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows (Western European, Windows-1252)',
  'utf-16le': 'Unicode (UTF-16, little-endian)',
  'utf-16be': 'Unicode (UTF-16, big-endian)',
};

/** True when `bytes` decode in `encoding` without a single invalid sequence. */
export function decodesCleanly(bytes: Uint8Array, encoding: TextEncodingName): boolean {
  if (encoding === 'windows-1252') return !bytes.some((b) => UNDEFINED_IN_1252.has(b));
  try {
    new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function utf16ByNulPattern(bytes: Uint8Array): TextEncodingName | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  // Latin text in UTF-16 has a NUL in nearly every pair's high byte; allow a few non-Latin characters.
  if (oddNul >= pairs * 0.6 && evenNul <= pairs * 0.05) return 'utf-16le';
  if (evenNul >= pairs * 0.6 && oddNul <= pairs * 0.05) return 'utf-16be';
  return null;
}

/** A well-formed UTF-8 multi-byte sequence starting at `i` (its length), or 0. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] ?? 0;
  const length =
    lead >= 0xc2 && lead <= 0xdf
      ? 2
      : lead >= 0xe0 && lead <= 0xef
        ? 3
        : lead >= 0xf0 && lead <= 0xf4
          ? 4
          : 0;
  if (length === 0 || i + length > bytes.length) return 0;
  for (let k = 1; k < length; k++) {
    const b = bytes[i + k] ?? 0;
    if (b < 0x80 || b > 0xbf) return 0;
  }
  return length;
}

/** Whether Windows-1252 reads the bytes as plain text (rule 4). */
function readsAsWindows1252(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
    if (b === 0x7f || UNDEFINED_IN_1252.has(b)) return false;
    if (b >= 0xc2 && utf8SequenceAt(bytes, i) > 0) return false;
  }
  return true;
}

/**
 * @example detectEncoding(new Uint8Array([0x41, 0xa3, 0x35])) // { kind: 'known', encoding: 'windows-1252', bomLength: 0 }
 */
export function detectEncoding(bytes: Uint8Array): EncodingVerdict {
  for (const bom of BOMS) {
    if (bom.bytes.every((b, i) => bytes[i] === b)) {
      const rest = bytes.subarray(bom.bytes.length);
      return decodesCleanly(rest, bom.encoding)
        ? { kind: 'known', encoding: bom.encoding, bomLength: bom.bytes.length }
        : {
            kind: 'refused',
            message: `The file starts with the mark of ${ENCODING_LABELS[bom.encoding]} text but has bytes that are not ${ENCODING_LABELS[bom.encoding]}: it is damaged. Save it again from Excel (as "CSV UTF-8" or as an .xlsx workbook) and try again.`,
          };
    }
  }
  if (bytes.includes(0)) {
    const utf16 = utf16ByNulPattern(bytes);
    if (utf16 && decodesCleanly(bytes, utf16)) return { kind: 'known', encoding: utf16, bomLength: 0 };
    return {
      kind: 'refused',
      message:
        'The file holds bytes that are not text (it may be a program, a picture or a damaged file). Save the list from Excel as "CSV UTF-8" or as an .xlsx workbook and try again.',
    };
  }
  if (decodesCleanly(bytes, 'utf-8')) return { kind: 'known', encoding: 'utf-8', bomLength: 0 };
  if (readsAsWindows1252(bytes)) return { kind: 'known', encoding: 'windows-1252', bomLength: 0 };
  return { kind: 'ambiguous', candidates: ['utf-8', 'windows-1252'] };
}

/** The text of `bytes` in `encoding`, without its byte-order mark; bad bytes become U+FFFD (refused later, by cell). */
export function decodeText(bytes: Uint8Array, encoding: TextEncodingName): string {
  if (encoding === 'windows-1252')
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1252');
  return new TextDecoder(encoding, { fatal: false, ignoreBOM: false }).decode(bytes);
}

/**
 * A short sample showing how each candidate reads the file: the first line whose bytes are not
 * plain ASCII (where the candidates differ), at most 120 characters of it.
 */
export function encodingSamples(
  bytes: Uint8Array,
  candidates: readonly TextEncodingName[],
): { encoding: TextEncodingName; label: string; sample: string }[] {
  let start = 0;
  let end = bytes.length;
  const firstHigh = bytes.findIndex((b) => b >= 0x80);
  if (firstHigh >= 0) {
    start = bytes.lastIndexOf(0x0a, firstHigh) + 1;
    const nextLine = bytes.indexOf(0x0a, firstHigh);
    end = nextLine < 0 ? bytes.length : nextLine;
  }
  const line = bytes.subarray(start, Math.min(end, start + 480));
  return candidates.map((encoding) => {
    const text = decodeText(line, encoding).replace(/\r$/, '');
    return {
      encoding,
      label: ENCODING_LABELS[encoding],
      sample: text.length > 120 ? `${text.slice(0, 119)}…` : text,
    };
  });
}
