/**
 * The one place errors become HTTP answers, always `{ code, message, fields? }` as JSON:
 * - typed AppErrors say their code and message;
 * - a domain refusal (DomainError) is a 400;
 * - Hono's HTTPExceptions keep their status with a plain message;
 * - a database error never shows its text (it can hold SQL, values, table names): one the
 *   input caused (SQLSTATE class 22, a value the column cannot hold; 23503, a reference to a
 *   record that is not there) is a 400, a unique clash a 409, a serialisation failure or
 *   timeout a 503 to retry; anything else is logged here and answered as a bare "internal".
 * The security headers are set by the middleware in app.ts around every handler, including
 * this one; `errorResponse` is for the places Hono's onError is not reached (a stream that
 * fails after its handler returned, the not-found answer), so they answer alike.
 */
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, appError } from '../../shared/errors/app-error';
import { DomainError } from '../../shared/errors/domain-error';
import { log, loggableError } from '../log/logger';
import { routePattern } from '../log/request-log';

/** An error from PostgreSQL or PGlite: both carry the five-character SQLSTATE in `code`. */
function sqlState(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const { code, severity } = error as Error & { code?: unknown; severity?: unknown };
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof severity === 'string' ? code : null;
}

/** What a database error means for the person who sent the request, or null for "internal". */
function databaseRefusal(state: string): AppError | null {
  if (state.startsWith('22')) {
    return appError('validation_failed', 'A value sent cannot be stored: it is out of range or malformed.');
  }
  if (state === '23503') {
    return appError('validation_failed', 'The request refers to a record that does not exist.');
  }
  if (state === '23505') return appError('conflict', 'That already exists. Reload to see it.');
  if (state === '40001' || state === '40P01' || state === '57014' || state === '55P03') {
    return appError('unavailable', 'The server was busy. Try again in a moment; nothing was changed.');
  }
  return null;
}

/** The AppError an error is answered as; logs those that are not the sender's doing. */
export function toAppError(error: unknown, where: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof DomainError) {
    // A domain rule refused the input (a timestamp without a zone, an impossible date…).
    return appError('validation_failed', error.message);
  }
  if (error instanceof HTTPException) {
    if (error.status === 413) return appError('payload_too_large', 'The request is too large.');
    return appError('bad_request', error.message || 'The request could not be read.');
  }
  const state = sqlState(error);
  const refusal = state ? databaseRefusal(state) : null;
  if (refusal) {
    // Never the database's message: it can quote the value sent.
    log.warn({ err: loggableError(error), where }, `refused by the database (${state ?? ''})`);
    return refusal;
  }
  log.error({ err: loggableError(error), where }, 'unexpected error');
  return appError('internal', 'Something went wrong on the server. Nothing was changed.');
}

export const onError: ErrorHandler = (error, c) => errorResponse(c, error);

/** The JSON answer for any error, with the status its code has. */
export function errorResponse(c: Context, error: unknown): Response {
  // The route's pattern, not its path: a path can hold a case's reference.
  const known = toAppError(error, `${c.req.method} ${routePattern(c)}`);
  // An HTTPException keeps its own status (405, 415…); everything else has its code's.
  const status = error instanceof HTTPException && error.status < 500 ? error.status : known.status;
  return c.json(known.toBody(), status as 400);
}
