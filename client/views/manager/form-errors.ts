/**
 * Turns a failed request into what a form shows: an error summary whose entries link to the
 * fields they concern, and the message beside each field. A field's DOM id is the form's
 * prefix and the problem's path ("measure-reason"); import problems name a row and column
 * instead and link to the file field.
 */
import { ApiError } from '../../api/http';

export interface FormErrors {
  summary: string;
  items: { href: string; message: string }[];
  byField: Record<string, string>;
}

export const NO_ERRORS: FormErrors = { summary: '', items: [], byField: {} };

export function formErrors(error: unknown, prefix: string, fallbackField: string): FormErrors {
  if (!(error instanceof ApiError)) throw error;
  if (error.fields.length === 0) {
    return {
      summary: error.message,
      items: [{ href: `#${prefix}-${fallbackField}`, message: error.message }],
      byField: {},
    };
  }
  const byField: Record<string, string> = {};
  const items = error.fields.map((f) => {
    const field = /^Row \d+/.test(f.path) ? fallbackField : (f.path.split('.')[0] ?? fallbackField);
    byField[field] ??= f.message;
    return {
      href: `#${prefix}-${field}`,
      message: /^Row \d+/.test(f.path) ? `${f.path}: ${f.message}` : f.message,
    };
  });
  return { summary: error.message, items, byField };
}
