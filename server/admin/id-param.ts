/**
 * Reads a record id from the path. Anything that is not a UUID cannot name a record, so it is
 * "not found" here rather than an SQL error later.
 */
import type { Context } from 'hono';
import { appError } from '../../shared/errors/app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function idParam(c: Context, name: string, what: string): string {
  const value = c.req.param(name);
  if (!value || !UUID.test(value)) throw appError('not_found', `There is no ${what} with that id.`);
  return value.toLowerCase();
}
