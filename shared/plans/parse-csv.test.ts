import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse-csv';

describe('parseCsv', () => {
  it.each([
    [
      'plain rows',
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CRLF and no final line end',
      'a,b\r\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'quoted separators, quotes and line breaks',
      'a,"b, c"\n"say ""hi""","two\nlines"',
      [
        ['a', 'b, c'],
        ['say "hi"', 'two\nlines'],
      ],
    ],
    [
      'a byte-order mark',
      '\ufeffRef,Action\nA,x',
      [
        ['Ref', 'Action'],
        ['A', 'x'],
      ],
    ],
    [
      'semicolons from a European Excel',
      'Ref;Action\nA;x, y',
      [
        ['Ref', 'Action'],
        ['A', 'x, y'],
      ],
    ],
    [
      'empty fields',
      'a,,c\n,,',
      [
        ['a', '', 'c'],
        ['', '', ''],
      ],
    ],
  ])('reads %s', (_name, text, rows) => {
    expect(parseCsv(text)).toEqual({ rows, unterminatedRow: null });
  });

  it('reports a quote left open, with the row it opened on', () => {
    expect(parseCsv('a,b\n1,"never closed\n2,3').unterminatedRow).toBe(2);
  });
});
