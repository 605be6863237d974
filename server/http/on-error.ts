/**
 * The one place errors become HTTP answers: typed AppErrors say their code and message,
 * anything else is logged on the server and answered as a bare "internal" with no detail.
 */
import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, appError } from '../../shared/errors/app-error';
import { DomainError } from '../../shared/errors/domain-error';

export const onError: ErrorHandler = (error, c) => {
  if (error instanceof AppError) {
    return c.json(error.toBody(), error.status as 400);
  }
  if (error instanceof DomainError) {
    // A domain rule refused the input (a timestamp without a zone, an impossible date…).
    return c.json(appError('validation_failed', error.message).toBody(), 400);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const known =
      status === 413
        ? appError('payload_too_large', 'The request is too large.')
        : appError('bad_request', error.message || 'The request could not be read.');
    return c.json(known.toBody(), status);
  }
  console.error('Unexpected error on', c.req.method, c.req.path, error);
  return c.json(
    appError('internal', 'Something went wrong on the server. Nothing was changed.').toBody(),
    500,
  );
};
