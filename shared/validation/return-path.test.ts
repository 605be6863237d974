import { describe, expect, it } from 'vitest';
import { isSameOriginPath, safeReturnPath } from './return-path';

describe('the return path after signing in', () => {
  it.each(['/', '/audits', '/audits/123?tab=mine#notes', '/qa/alerts?x=%2F%2Fevil', '/a b'])(
    'keeps %j',
    (path) => {
      expect(isSameOriginPath(path)).toBe(true);
      expect(safeReturnPath(path)).toBe(path);
    },
  );

  it.each([
    // Chromium drops tab and line breaks inside a URL: "/\t/evil.example" is "//evil.example".
    ['a tab after the slash', '/\t/evil.example'],
    ['a line feed after the slash', '/\n/evil.example'],
    ['a carriage return after the slash', '/\r/evil.example'],
    ['a protocol-relative URL', '//evil.example'],
    ['a backslash (read as a slash)', '/\\evil.example'],
    ['a backslash later on', '/audits\\..\\'],
    ['an absolute URL', 'https://evil.example/'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'audits'],
    ['NUL', '/a\u0000b'],
    ['a C1 control', '/a\u0085b'],
    ['an empty string', ''],
    ['a very long path', `/${'a'.repeat(600)}`],
  ])('sends %s home instead', (_name, path) => {
    expect(isSameOriginPath(path)).toBe(false);
    expect(safeReturnPath(path)).toBe('/');
  });

  it('sends an absent path home', () => expect(safeReturnPath(undefined)).toBe('/'));
});
