/** CSV cells: RFC 4180 quoting and the OWASP defence against formulas in spreadsheets. */
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv';

describe('csvCell', () => {
  it.each([
    ['plain text', 'Amara Osei', 'Amara Osei'],
    ['empty for null', null, ''],
    ['a number', 42, '42'],
    ['a comma is quoted', 'Osei, Amara', '"Osei, Amara"'],
    ['quotes are doubled', 'the "good" grade', '"the ""good"" grade"'],
    ['a line break is quoted', 'one\ntwo', '"one\ntwo"'],
    ['= is defused', '=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['+ is defused', '+44 20', "'+44 20"],
    ['- is defused', '-1+1', "'-1+1"],
    ['@ is defused', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab is defused', '\t=1', "'\t=1"],
    ['a leading carriage return is defused and quoted', '\r=1', '"\'\r=1"'],
    ['an = later in the text is left alone', 'a=b', 'a=b'],
  ])('%s', (_name, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('csvLine', () => {
  it('joins cells with commas and ends with CRLF', () => {
    expect(csvLine(['a', 'b,c', null])).toBe('a,"b,c",\r\n');
  });
});
