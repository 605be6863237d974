/**
 * What a pushed mutation may contain before anything tries to store it. JSON can carry things
 * that PostgreSQL's jsonb refuses (the NUL character U+0000, and unpaired UTF-16 surrogates,
 * which JSON.stringify escapes as "\ud800") and nesting deep enough to overflow a recursive
 * JSON.stringify or jsonb parser; each used to turn one hostile or corrupted mutation into a
 * 500 for the whole push. A `__proto__` key is dropped silently by the parser, so it is
 * refused here like any other name the framework does not have.
 *
 * `findUnstorable` walks iteratively (no recursion, whatever the depth) and names the first
 * problem; `storableCopy` is what is kept of a refused mutation: the same data with those
 * characters replaced (U+FFFD) and anything nested too deeply cut off.
 */

/** Far deeper than any well-formed mutation (mutation → snapshot → answers → item → actions → action → field is 7). */
export const MAX_NESTING = 20;

const NUL = String.fromCharCode(0);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

export interface Unstorable {
  path: string;
  message: string;
}

function problemWith(text: string): string | null {
  if (text.includes(NUL)) return 'Contains a character that cannot be saved (U+0000).';
  if (LONE_SURROGATE.test(text)) return 'Contains a broken character (half of a UTF-16 pair).';
  return null;
}

const safeText = (text: string): string => text.replaceAll(NUL, '\uFFFD').replace(LONE_SURROGATES, '\uFFFD');

interface Visit {
  value: unknown;
  key: string;
  depth: number;
  parent: Visit | null;
}

/** The dotted path to a visited value, built only when there is a problem to name. */
function pathOf(visit: Visit, key?: string): string {
  const keys = key === undefined ? [] : [key];
  for (let v: Visit | null = visit; v && v.parent; v = v.parent) keys.unshift(v.key);
  return keys.map(safeText).join('.');
}

/** The first thing in `value` that cannot be stored, or null. */
export function findUnstorable(value: unknown): Unstorable | null {
  const stack: Visit[] = [{ value, key: '', depth: 0, parent: null }];
  for (let visit = stack.pop(); visit; visit = stack.pop()) {
    if (typeof visit.value === 'string') {
      const message = problemWith(visit.value);
      if (message) return { path: pathOf(visit), message };
      continue;
    }
    if (typeof visit.value !== 'object' || visit.value === null) continue;
    if (visit.depth >= MAX_NESTING) return { path: pathOf(visit), message: 'Nested too deeply to be read.' };
    for (const [key, child] of Object.entries(visit.value)) {
      const message = key === '__proto__' ? 'Uses a reserved name.' : problemWith(key);
      if (message) return { path: pathOf(visit, key), message };
      stack.push({ value: child, key, depth: visit.depth + 1, parent: visit });
    }
  }
  return null;
}

/** A copy that jsonb can store: unstorable characters replaced, nesting cut at MAX_NESTING. */
export function storableCopy(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return safeText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_NESTING) return '[nested too deeply]';
  if (Array.isArray(value)) return value.map((item) => storableCopy(item, depth + 1));
  // fromEntries defines own properties, so even a key named __proto__ is kept as data.
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [safeText(key), storableCopy(child, depth + 1)]),
  );
}
