/**
 * Reads a JSON request body through a shared zod schema: the one place untrusted input is
 * parsed. A body that is not JSON, or does not fit, is a validation error naming each field.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { appError } from '../../shared/errors/app-error';

export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw appError('bad_request', 'The request body must be JSON.');
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const fields = result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(body)',
      message: issue.message,
    }));
    throw appError('validation_failed', 'Some fields need correcting.', fields);
  }
  return result.data;
}
