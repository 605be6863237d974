/** A backup or restore that cannot go on, with one line saying why and what to do. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}
