/**
 * What a pushed mutation may hold before the server stores it (storable-json.ts): the
 * characters PostgreSQL's jsonb refuses, reserved names and runaway nesting are named with
 * their path; everything an auditor can type — emoji included — passes untouched.
 */
import { describe, expect, it } from 'vitest';
import { findUnstorable, MAX_NESTING, storableCopy } from './storable-json';

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

describe('findUnstorable', () => {
  it.each<{ name: string; value: unknown; path: string | null }>([
    { name: 'plain text, numbers, null', value: { a: 'words', b: 1, c: null, d: [true] }, path: null },
    { name: 'an emoji (a valid surrogate pair)', value: { note: 'seen 👍 today' }, path: null },
    { name: 'Welsh and accents', value: { note: 'Ŵyr, café, naïve' }, path: null },
    {
      name: 'a NUL in a value',
      value: { answers: { 'plan.evidence': { value: 'a\u0000b' } } },
      path: 'answers.plan.evidence.value',
    },
    { name: 'a NUL in a key', value: { answers: { 'a\u0000': 1 } }, path: 'answers.a\uFFFD' },
    { name: 'a lone high surrogate', value: ['x', 'a\ud800'], path: '1' },
    { name: 'a lone low surrogate', value: { t: '\udc00b' }, path: 't' },
    {
      name: 'a __proto__ key (as JSON.parse makes it)',
      value: JSON.parse('{"answers":{"__proto__":{}}}'),
      path: 'answers.__proto__',
    },
    { name: `nesting ${MAX_NESTING} deep`, value: nested(MAX_NESTING - 1), path: null },
    {
      name: `nesting deeper than ${MAX_NESTING}`,
      value: nested(MAX_NESTING + 5),
      path: Array.from({ length: MAX_NESTING }, () => '0').join('.'),
    },
    {
      name: 'nesting 100,000 deep (no stack overflow)',
      value: nested(100_000),
      path: Array.from({ length: MAX_NESTING }, () => '0').join('.'),
    },
  ])('$name', ({ value, path }) => {
    const found = findUnstorable(value);
    expect(found?.path ?? null).toBe(path);
    if (found) expect(found.message).not.toBe('');
  });
});

describe('storableCopy', () => {
  it('replaces unstorable characters, keeps __proto__ as data, and cuts runaway nesting', () => {
    const copy = storableCopy(
      JSON.parse('{"a\\u0000":"x\\ud800","__proto__":{"k":1},"deep":' + JSON.stringify(nested(30)) + '}'),
    );
    const text = JSON.stringify(copy);
    expect(text).not.toMatch(/\\u0000|\\ud[89ab]/); // what jsonb refuses, as JSON.stringify writes it
    expect(JSON.parse(text)).toMatchObject({ 'a\uFFFD': 'x\uFFFD' });
    expect(Object.keys(JSON.parse(text))).toContain('__proto__');
    expect(text).toContain('[nested too deeply]');
  });

  it('leaves what can be stored as it was', () => {
    const value = { mutationId: 'm', snapshot: { answers: { note: { kind: 'text', value: 'café 👍' } } } };
    expect(storableCopy(value)).toEqual(value);
  });
});
