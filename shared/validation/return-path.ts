/**
 * Where a person may be sent back to after signing in: a path on Lantern itself, never another
 * site. Browsers are lenient in ways a simple prefix check misses: they drop tabs and line
 * breaks inside a URL (so "/\t/evil.example" becomes "//evil.example", another host), read a
 * backslash as a slash, and treat "//host" as a host. So a return path must start with one "/"
 * followed by something other than "/" or "\", hold no backslash, whitespace other than a plain
 * space, or control character, and still resolve to the same origin when a URL parser reads it.
 */

const BASE = 'https://lantern.invalid';
const MAX_LENGTH = 500;
// Tab, line breaks and every other control character; and the backslash.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const REFUSED = /[\u0000-\u001F\u007F-\u009F\\\u2028\u2029]/;

/**
 * True when `value` is a path on this site that is safe to redirect to.
 * @example isSameOriginPath('/audits?tab=mine') // true
 * @example isSameOriginPath('/\t/evil.example') // false
 */
export function isSameOriginPath(value: string): boolean {
  if (value.length === 0 || value.length > MAX_LENGTH) return false;
  if (value[0] !== '/' || value[1] === '/' || REFUSED.test(value)) return false;
  try {
    return new URL(value, BASE).origin === BASE;
  } catch {
    return false;
  }
}

/** `value` when it is a safe return path, otherwise the home page '/'. */
export function safeReturnPath(value: string | undefined): string {
  return value !== undefined && isSameOriginPath(value) ? value : '/';
}
