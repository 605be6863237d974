/**
 * The one error the pure domain core throws: a refusal of input that breaks a domain rule
 * (a timestamp without a zone, an impossible count, a trajectory whose milestones go
 * backwards). It carries a stable `code` so callers can branch and tests can assert without
 * matching wording. It is not an HTTP error: the server's edge decides what a domain refusal
 * means for its caller (usually 400 `validation_failed`), which keeps shared/ free of HTTP.
 */

/** Every reason the domain core refuses input. Stable: clients and tests rely on them. */
export const DOMAIN_ERROR_CODES = [
  'timestamp_without_zone',
  'invalid_timestamp',
  'invalid_date',
  'invalid_count',
  'invalid_grade',
  'invalid_trajectory',
  'invalid_practice_weeks',
  'invalid_metric',
] as const;

/** One of DOMAIN_ERROR_CODES. */
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/**
 * @example
 * try { londonDayNumber('2019-03-31 10:00') } catch (e) {
 *   if (e instanceof DomainError && e.code === 'timestamp_without_zone') showProblem(e.message);
 * }
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }
}
