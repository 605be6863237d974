/** Whether a value read from outside (JSON, storage) is a plain object whose keys can be read. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
