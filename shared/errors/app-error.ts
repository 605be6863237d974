/**
 * Typed errors with a stable `code`, shared by server and client: the server answers
 * `{ code, message, fields? }` and the client maps the code to words a council worker
 * understands. Create them only through `appError` so every code has one HTTP status.
 */

/** Every error code the API may answer with, and its HTTP status. */
export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  /** The session's CSRF token was missing or stale: the client fetches the session again and retries. */
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  /** A workbook with several sheets and none chosen: `choices` lists them; the client asks and resends. */
  choose_sheet: 422,
  /** A text file whose character set cannot be told apart: `choices` shows how each candidate reads. */
  choose_encoding: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A problem with one field of the input: where it is (a path or a CSV row) and what is wrong. */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * One of the options a person picks from before resending a request (a workbook's sheet, a
 * file's character set): the value to send back, words for it, and a sample of what it gives.
 */
export interface ErrorChoice {
  value: string;
  label: string;
  sample?: string;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldProblem[],
    readonly choices?: ErrorChoice[],
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }

  /** The body the API sends: never a stack trace, never more than the person may see. */
  toBody(): { code: ErrorCode; message: string; fields?: FieldProblem[]; choices?: ErrorChoice[] } {
    return {
      code: this.code,
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.choices ? { choices: this.choices } : {}),
    };
  }
}

/**
 * @example throw appError('not_found', 'No audit with that id.')
 * @example throw appError('choose_sheet', 'Which sheet?', undefined, [{ value: 'Cases', label: 'Cases' }])
 */
export function appError(
  code: ErrorCode,
  message: string,
  fields?: FieldProblem[],
  choices?: ErrorChoice[],
): AppError {
  return new AppError(code, message, fields, choices);
}
