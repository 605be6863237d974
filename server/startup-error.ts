/**
 * A reason Lantern cannot start, worded for the person running it: one line, no stack trace,
 * no secrets. main.ts prints it and exits non-zero.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}
