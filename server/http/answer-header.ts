/**
 * A header set on the answer a handler has already made, from a middleware after `next()`.
 * Hono's `c.header` then copies the whole answer into a new Response on every call (to allow
 * for headers that cannot change); the answers made here can change in place, and one that
 * cannot (a Response from elsewhere) still gets the copy.
 */
import type { Context } from 'hono';

export function setAnswerHeader(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
}
