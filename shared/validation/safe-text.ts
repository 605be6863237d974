/**
 * Text Lantern can store, show and export. JSON and URLs can carry characters that no person
 * types and that break what comes after: U+0000 (PostgreSQL refuses it in text and jsonb), a
 * lone half of a UTF-16 surrogate pair (jsonb refuses its escape; UTF-8 cannot encode it), the
 * other C0 and the C1 control characters and U+FFFE/U+FFFF (XML, so the XLSX export, cannot
 * hold them; CSV and terminals misread them). Tab, line feed and carriage return are ordinary
 * text. Every string that comes in from outside — a body field, a query parameter, a path
 * segment — is held to this one rule, so a hostile value is refused with a 400 naming the
 * field instead of failing somewhere deeper.
 */
import { z } from 'zod';

// With the `u` flag a paired surrogate is one code point, so [\u{D800}-\u{DFFF}] matches only a lone half.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\u{D800}-\u{DFFF}]/u;

/** What is wrong with `text`, in words for the person who sent it, or null when it is safe. */
export function textProblem(text: string): string | null {
  const match = UNSAFE.exec(text);
  if (!match) return null;
  const code = match[0].charCodeAt(0);
  if (code === 0) return 'Contains a character that cannot be saved (U+0000).';
  if (code >= 0xd800 && code <= 0xdfff) return 'Contains a broken character (half of a UTF-16 pair).';
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return `Contains a control character that cannot be saved (U+${hex}).`;
}

/** True when `text` holds nothing `textProblem` objects to. */
export function isSafeText(text: string): boolean {
  return !UNSAFE.test(text);
}

/**
 * A string schema refusing NUL, lone surrogates, control characters other than tab and line
 * breaks, and U+FFFE/U+FFFF. Chain as a `z.string()`: `safeText().trim().min(1).max(200)`.
 * @example safeText().safeParse('a\u0000b').success // false
 */
export function safeText(): z.ZodString {
  return z.string().superRefine((text, ctx) => {
    const problem = textProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** Deeper than any body Lantern reads; a deeper one is refused rather than walked. */
export const MAX_BODY_NESTING = 64;

interface Visit {
  value: unknown;
  key: string;
  depth: number;
  parent: Visit | null;
}

/** The dotted path to a visit, built only when there is something to name. */
function pathOf(visit: Visit, last?: string): string {
  const keys = last === undefined ? [] : [last];
  for (let v: Visit | null = visit; v && v.parent; v = v.parent) keys.unshift(v.key);
  return keys.join('.') || '(body)';
}

/**
 * Where the first unsafe string (or object key) sits in a parsed JSON value, as a dotted path,
 * with what is wrong; null when every string is safe. Iterative with parent links (no path copied
 * per level), and refuses nesting deeper than MAX_BODY_NESTING, so a hostile body costs linear time.
 */
export function findUnsafeText(value: unknown): { path: string; message: string } | null {
  const stack: Visit[] = [{ value, key: '', depth: 0, parent: null }];
  for (let visit = stack.pop(); visit; visit = stack.pop()) {
    if (typeof visit.value === 'string') {
      const problem = textProblem(visit.value);
      if (problem) return { path: pathOf(visit), message: problem };
      continue;
    }
    if (typeof visit.value !== 'object' || visit.value === null) continue;
    if (visit.depth >= MAX_BODY_NESTING)
      return { path: pathOf(visit), message: 'Nested too deeply to be read.' };
    const entries = Object.entries(visit.value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] ?? ['', null];
      const keyProblem = textProblem(key);
      if (keyProblem) return { path: pathOf(visit, '(a field name)'), message: keyProblem };
      stack.push({ value: child, key, depth: visit.depth + 1, parent: visit });
    }
  }
  return null;
}
