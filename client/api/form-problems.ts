/**
 * What a form shows when something went wrong, from any failure: the API's problem
 * (`{ code, message, fields }`, an ApiError), a zod error found before sending, or anything else.
 * One mapping for every form (it replaced separate admin, plan and QA copies):
 *
 * - `problemsFrom` gives the GOV.UK error summary's entries, each a link to its field
 *   (`#${prefix}-${field}`), and the message beside each field (`byField`, the first per field).
 *   A problem with no field the form knows links to `fallback`. A file reader's problem names
 *   its place ("Row 14, column D (Allocated worker)"): it links to the file field and says the
 *   place in its message.
 * - `problemsFromError` / `problemsFromZod` keep the problems as field paths, for forms whose
 *   summary maps paths to element ids itself (`ErrorSummary`'s `idFor`).
 */
import type { z } from 'zod';
import { ApiError } from './http';
import type { FieldProblem } from '../../shared/errors/app-error';

export interface Problems {
  summary: string;
  items: { href: string; message: string }[];
  byField: Record<string, string>;
}

export const NO_PROBLEMS: Problems = { summary: '', items: [], byField: {} };

const OFFLINE = 'Lantern cannot reach the server. Try again when you are back online.';
const UNKNOWN = 'Something went wrong. Nothing was changed. Try again.';

/** The words of any error, for a line of text. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.code === 'network' ? OFFLINE : error.message;
  return error instanceof Error && error.message ? error.message : UNKNOWN;
}

/**
 * A problem the screen finds itself, in one field: the summary, its link to the field
 * (`#${prefix}-${field}`) and the message beside the field (the summary's words unless given).
 */
export function oneProblem(summary: string, prefix: string, field: string, message = summary): Problems {
  return { summary, items: [{ href: `#${prefix}-${field}`, message }], byField: { [field]: message } };
}

const isPlace = (path: string): boolean => /^Row \d+/.test(path);

export function problemsFrom(
  error: unknown,
  prefix: string,
  fallback: string,
  known: readonly string[] = [],
): Problems {
  const summary = messageOf(error);
  const fields = error instanceof ApiError ? error.fields : [];
  if (fields.length === 0)
    return { summary, items: [{ href: `#${prefix}-${fallback}`, message: summary }], byField: {} };
  const byField: Record<string, string> = {};
  const items = fields.map((f) => {
    const first = isPlace(f.path) ? '' : (f.path.split('.')[0] ?? '');
    const field = first && (known.length === 0 || known.includes(first)) ? first : fallback;
    const message = isPlace(f.path) ? `${f.path}: ${f.message}` : f.message;
    byField[field] ??= message;
    return { href: `#${prefix}-${field}`, message };
  });
  return { summary, items, byField };
}

/** Problems as field paths: a message for the summary and one message per field. */
export interface FormProblems {
  message: string;
  fields: FieldProblem[];
}

/** The first message for each field, in the order the schema or server gave them. */
export function firstPerField(fields: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return fields.filter((field) => !seen.has(field.path) && seen.add(field.path));
}

export function problemsFromZod(error: z.ZodError): FormProblems {
  return {
    message: 'Some fields need correcting.',
    fields: firstPerField(
      error.issues.map((issue) => ({
        path: issue.path.map(String).join('.') || '(form)',
        message: issue.message,
      })),
    ),
  };
}

export function problemsFromError(error: unknown): FormProblems {
  if (error instanceof ApiError) return { message: messageOf(error), fields: firstPerField(error.fields) };
  return { message: UNKNOWN, fields: [] };
}

/** The message for one field, for the line above its input. */
export const fieldError = (problems: FormProblems | null, path: string): string | undefined =>
  problems?.fields.find((field) => field.path === path)?.message;
