/**
 * What went wrong with a form, in one shape whether the browser found it (the shared zod
 * schema, before sending) or the server did (an ApiError with field problems): a message for
 * the error summary and one message per field.
 */
import type { z } from 'zod';
import { ApiError } from '../../api/http';
import type { FieldProblem } from '../../../shared/errors/app-error';

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
  if (error instanceof ApiError) {
    const message =
      error.code === 'network'
        ? 'Lantern cannot reach the server. Try again when you are back online.'
        : error.message;
    return { message, fields: firstPerField(error.fields) };
  }
  return { message: 'Something went wrong. Nothing was changed. Try again.', fields: [] };
}

/** The message for one field, for the line above its input. */
export const fieldError = (problems: FormProblems | null, path: string): string | undefined =>
  problems?.fields.find((field) => field.path === path)?.message;
