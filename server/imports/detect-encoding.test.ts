import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding, encodingSamples } from './detect-encoding';
import { windows1252 } from '../../tests/fixtures/tables/same-rows';

const TEXT = 'Ref,Worker,Note\r\nA1,Siobhán O’Neill,“£250” – agreed\r\n';
const utf16le = (s: string) => Buffer.from(s, 'utf16le');
const utf16be = (s: string) => utf16le(s).swap16();

describe('detectEncoding', () => {
  // Byte-order marks: the Unicode Standard, section 23.8; Excel writes FF FE for "Unicode text".
  it.each([
    ['a UTF-8 mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]), 'utf-8', 3],
    ['a UTF-16LE mark', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(TEXT)]), 'utf-16le', 2],
    ['a UTF-16BE mark', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)]), 'utf-16be', 2],
    ['UTF-16LE without a mark, by its NUL bytes', utf16le(TEXT), 'utf-16le', 0],
    ['UTF-16BE without a mark, by its NUL bytes', utf16be(TEXT), 'utf-16be', 0],
    ['valid UTF-8', Buffer.from(TEXT), 'utf-8', 0],
    ['plain ASCII (the same in every candidate)', Buffer.from('Ref,Team\r\nA1,Leaving Care\r\n'), 'utf-8', 0],
    ['Windows-1252 as Excel on Windows saves it', windows1252(TEXT), 'windows-1252', 0],
  ])('reads %s', (_name, bytes, encoding, bomLength) => {
    expect(detectEncoding(bytes)).toEqual({ kind: 'known', encoding, bomLength });
  });

  it.each([
    // UTF-8 text with one Windows-1252 byte pasted in: neither reading is right everywhere.
    [
      'UTF-8 with a stray Windows-1252 byte',
      Buffer.concat([Buffer.from('Ref\r\nO’Neill\r\n'), Buffer.from([0x92, 0x0d, 0x0a])]),
    ],
    // 0x81 is undefined in Windows-1252 and invalid alone in UTF-8.
    ['a byte no candidate defines', Buffer.from([0x52, 0x65, 0x66, 0x0a, 0x41, 0x81, 0x42])],
  ])('cannot tell apart %s, and offers UTF-8 and Windows-1252', (_name, bytes) => {
    expect(detectEncoding(bytes)).toEqual({ kind: 'ambiguous', candidates: ['utf-8', 'windows-1252'] });
  });

  it.each([
    ['a UTF-8 mark over bytes that are not UTF-8', Buffer.from([0xef, 0xbb, 0xbf, 0x41, 0xa3, 0x35])],
    ['a UTF-16 mark over a lone surrogate', Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x42, 0x00])],
    [
      'binary bytes with NULs (a picture)',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    ],
  ])('refuses %s', (_name, bytes) => {
    expect(detectEncoding(bytes).kind).toBe('refused');
  });

  it('shows how each candidate reads the line where they differ', () => {
    const bytes = Buffer.concat([
      Buffer.from('Ref,Name\r\nA1,Ann\r\nA2,O'),
      Buffer.from([0x92]),
      Buffer.from('Brien\r\n'),
    ]);
    expect(encodingSamples(bytes, ['utf-8', 'windows-1252'])).toEqual([
      { encoding: 'utf-8', label: 'UTF-8', sample: 'A2,O\ufffdBrien' },
      { encoding: 'windows-1252', label: 'Windows (Western European, Windows-1252)', sample: 'A2,O’Brien' },
    ]);
  });

  it('decodes without the byte-order mark', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a')]), 'utf-8')).toBe('a');
  });
});
