/**
 * Reads a JSON request body through a shared zod schema: the one place untrusted bodies are
 * parsed. In order, each refused with a 400 that names the field where it can:
 * - a gzip body that cannot be unpacked, or unpacks past the route's limit (413; request-bytes.ts);
 * - bytes that are not UTF-8 (decoded with a fatal decoder: never silently stored as U+FFFD);
 * - text that is not JSON;
 * - a string or field name holding NUL, a lone surrogate or a control character
 *   (shared/validation/safe-text.ts), anywhere in the body;
 * - anything the route's schema refuses (bounded dates and numbers among them).
 * The sync routes answer such text inside `mutations` per mutation instead
 * (server/sync/storable-json.ts keeps a copy of a refused mutation), so they name that field
 * in `textCheckedPerItemIn`; the rest of their body is checked here like any other.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { appError, type FieldProblem } from '../../shared/errors/app-error';
import { findUnsafeText } from '../../shared/validation/safe-text';
import { requestBytes } from './request-bytes';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
const NOT_UTF8 = 'Contains bytes that are not UTF-8 text.';

/** The dotted paths of strings holding U+FFFD: where a lenient decode replaced bad bytes. */
function pathsOfReplaced(value: unknown, path: string[] = [], found: string[] = []): string[] {
  if (found.length >= 10) return found;
  if (typeof value === 'string') {
    if (value.includes('\uFFFD')) found.push(path.join('.') || '(body)');
  } else if (value && typeof value === 'object' && path.length < 20) {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\uFFFD')) found.push([...path, '(a field name)'].join('.'));
      else pathsOfReplaced(child, [...path, key], found);
    }
  }
  return found;
}

/** The fields that held bytes which are not UTF-8, as far as they can be told. */
function invalidUtf8(bytes: Uint8Array): FieldProblem[] {
  try {
    const paths = pathsOfReplaced(JSON.parse(lenientUtf8.decode(bytes)) as unknown);
    if (paths.length > 0) return paths.map((path) => ({ path, message: NOT_UTF8 }));
  } catch {
    // Outside any string: the body as a whole is named.
  }
  return [{ path: '(body)', message: NOT_UTF8 }];
}

/** Turns zod's issues into the `fields` of a validation error. */
export function fieldProblems(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  root: string,
) {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.') || root, message: issue.message }));
}

/** Any zod schema, classic or `zod/mini` (the schemas the client also bundles are the latter). */
export async function parseBody<S extends z.core.$ZodType>(
  c: Context,
  schema: S,
  options: { textCheckedPerItemIn?: string; maxBytes?: number } = {},
): Promise<z.core.output<S>> {
  const bytes = await requestBytes(c, options.maxBytes);
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw appError('validation_failed', 'The request holds text that is not UTF-8.', invalidUtf8(bytes));
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw appError('bad_request', 'The request body must be JSON.', [
      { path: '(body)', message: 'Not JSON.' },
    ]);
  }
  const perItem = options.textCheckedPerItemIn;
  const unsafe = findUnsafeText(
    perItem && raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...raw, [perItem]: null } : raw,
  );
  if (unsafe) throw appError('validation_failed', 'Some fields need correcting.', [unsafe]);
  const result = z.safeParse(schema, raw);
  if (!result.success) {
    throw appError(
      'validation_failed',
      'Some fields need correcting.',
      fieldProblems(result.error.issues, '(body)'),
    );
  }
  return result.data;
}
