/**
 * Parsing with a start-up check (virtual:startup-checks), the way a zod schema's `parse` and
 * `safeParse` are used: the result is the checked document, typed as the schema's output.
 */
export class StartupCheckError extends Error {
  constructor(
    what: string,
    readonly issues: unknown,
  ) {
    super(`${what} is not in the expected form.`);
    this.name = 'StartupCheckError';
  }
}

type Check = ((data: unknown) => boolean) & { errors?: unknown[] | null };

/** The document, checked; throws StartupCheckError when the schema would refuse it. */
export function startupParse<T>(check: Check, data: unknown, what: string): T {
  if (!check(data)) throw new StartupCheckError(what, check.errors);
  return data as T;
}

/** The document, checked, or null when the schema would refuse it. */
export function startupSafeParse<T>(check: Check, data: unknown): T | null {
  return check(data) ? (data as T) : null;
}
