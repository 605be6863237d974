import { describe, expect, it } from 'vitest';
import { boundedInt, intWithin, MAX_STORED_INT, queryInt } from './bounded-int';

describe('bounded integers', () => {
  it.each([
    ['the lower bound', 1, true],
    ['what an integer column holds', MAX_STORED_INT, true],
    ['one more than that', MAX_STORED_INT + 1, false],
    ['99999999999999999999', Number('99999999999999999999'), false],
    ['a fraction', 1.5, false],
    ['zero below the bound', 0, false],
    ['infinity', Infinity, false],
  ])('in a body: %s', (_name, value, ok) => {
    expect(boundedInt(1).safeParse(value).success).toBe(ok);
  });

  it.each([
    ['50', 50],
    ['0050', 50],
    ['99999999999999999999', null],
    ['1e3', null],
    ['-1', null],
    [' 5', null],
    ['', null],
    ['2147483648', null],
  ])('in a URL: %j → %j', (text, expected) => {
    expect(intWithin(text, 1)).toBe(expected);
    expect(queryInt(1).safeParse(text).success).toBe(expected !== null);
  });
});
