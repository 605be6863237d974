/**
 * Turns a failed request into what a QA form shows: an error summary whose entries link to
 * the fields they concern (`#${prefix}-${field}`), and the message beside each field. A
 * problem without a known field links to `fallback`.
 */
import { ApiError } from '../../api/http';

export interface Problems {
  summary: string;
  items: { href: string; message: string }[];
  byField: Record<string, string>;
}

export const NO_PROBLEMS: Problems = { summary: '', items: [], byField: {} };

export function problemsFrom(
  error: unknown,
  prefix: string,
  fallback: string,
  known: readonly string[] = [],
): Problems {
  if (!(error instanceof ApiError)) {
    const message = error instanceof Error ? error.message : 'Something went wrong. Try again.';
    return { summary: message, items: [{ href: `#${prefix}-${fallback}`, message }], byField: {} };
  }
  if (error.fields.length === 0)
    return {
      summary: error.message,
      items: [{ href: `#${prefix}-${fallback}`, message: error.message }],
      byField: {},
    };
  const byField: Record<string, string> = {};
  const items = error.fields.map((f) => {
    const first = f.path.split('.')[0] ?? '';
    const field = known.length === 0 || known.includes(first) ? first || fallback : fallback;
    // A file reader's problem names its place ("Row 14, column D (Allocated worker)"): say it.
    const message = /^Row \d+/.test(f.path) ? `${f.path}: ${f.message}` : f.message;
    byField[field] ??= message;
    return { href: `#${prefix}-${field}`, message };
  });
  return { summary: error.message, items, byField };
}

/** The words of any error, for a line of text. */
export const messageOf = (error: unknown): string =>
  error instanceof ApiError
    ? error.message
    : error instanceof Error
      ? error.message
      : 'Something went wrong. Try again.';
