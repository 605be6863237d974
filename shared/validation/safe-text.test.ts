import { describe, expect, it } from 'vitest';
import { findUnsafeText, isSafeText, safeText, textProblem } from './safe-text';

const NUL = String.fromCharCode(0);

describe('safe text', () => {
  it.each([
    ['plain words', 'Seen alone at school'],
    ['tab and line breaks', 'one\ttwo\r\nthree'],
    ['accents and emoji (a surrogate pair)', 'Zoë 👍 café'],
    ['the replacement character typed on purpose', 'a \uFFFD b'],
    ['an empty string', ''],
  ])('accepts %s', (_name, text) => {
    expect(textProblem(text)).toBeNull();
    expect(isSafeText(text)).toBe(true);
    expect(safeText().safeParse(text).success).toBe(true);
  });

  it.each([
    ['U+0000', `a${NUL}b`, 'U+0000'],
    ['a lone high surrogate', 'a\ud800b', 'UTF-16'],
    ['a lone low surrogate', '\udc00', 'UTF-16'],
    ['a high surrogate at the end', 'name\ud83d', 'UTF-16'],
    ['a C0 control (bell)', 'a\u0007b', 'U+0007'],
    ['DEL', 'a\u007fb', 'U+007F'],
    ['a C1 control (NEL)', 'a\u0085b', 'U+0085'],
    ['a C1 control (CSI)', '\u009b31m', 'U+009B'],
    ['U+FFFE', 'a\ufffeb', 'U+FFFE'],
  ])('refuses %s, saying which', (_name, text, said) => {
    expect(textProblem(text)).toContain(said);
    expect(isSafeText(text)).toBe(false);
    expect(safeText().trim().min(1).safeParse(text).success).toBe(false);
  });

  it('names the first unsafe string or field name in a body by its path', () => {
    expect(findUnsafeText({ a: 'ok', list: [{ title: 'fine' }, { title: `x${NUL}` }] })).toEqual({
      path: 'list.1.title',
      message: expect.stringContaining('U+0000'),
    });
    expect(findUnsafeText({ nested: { ['bad\u0085key']: 1 } })?.path).toBe('nested.(a field name)');
    expect(findUnsafeText('\ud800')?.path).toBe('(body)');
    expect(findUnsafeText({ n: 1, b: true, z: null, s: 'fine' })).toBeNull();
  });

  it('refuses a body nested deeper than any Lantern reads, in linear time', () => {
    let deep: unknown = 'end';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const started = performance.now();
    expect(findUnsafeText(deep)?.message).toContain('Nested too deeply');
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
