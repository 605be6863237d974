import { describe, expect, it } from 'vitest';
import { garbledCells } from './garbled-cells';

const HEADERS = ['Case reference', 'Team', 'Case type', 'Allocated worker'];

describe('garbledCells', () => {
  it.each([
    ['a C1 control where Windows-1252’s ’ was read as Latin-1', 'O\u0092Brien', 'U+0092'],
    ['a replacement character where a byte was lost', '\ufffd5k', 'replacement character'],
    ['a NUL', 'Ann\u0000', 'NUL'],
    ['a lone high surrogate', 'Ann \ud83d', 'half of a character'],
    ['a lone low surrogate', '\ude00 Ann', 'half of a character'],
  ])('refuses %s, naming the row and column', (_name, cell, words) => {
    const { problems, count } = garbledCells(HEADERS, [
      ['A1', 'Leaving Care', 'CIN', 'Ann'],
      ['A2', 'Leaving Care', 'CIN', cell],
    ]);
    expect(count).toBe(1);
    expect(problems).toEqual([
      { path: 'Row 3, column D (Allocated worker)', message: expect.stringContaining(words) },
    ]);
  });

  it.each([
    ['curly quotes, pound, dash', 'Siobhán O’Neill – “£250”'],
    ['an emoji (a surrogate pair)', 'Ann 😀'],
    ['tab and line break', 'line one\nline two\tend'],
  ])('accepts %s', (_name, cell) => {
    expect(garbledCells(HEADERS, [['A1', 'x', 'y', cell]]).count).toBe(0);
  });

  it('checks the header row as row 1 and lists at most 100, counting the rest', () => {
    const rows = Array.from({ length: 150 }, () => ['\ufffd']);
    const { problems, count } = garbledCells(['Ref\u0080'], rows);
    expect(count).toBe(151);
    expect(problems).toHaveLength(100);
    expect(problems[0]?.path).toBe('Row 1, column A (Ref\u0080)');
  });
});
