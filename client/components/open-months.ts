/**
 * "Open longer than … months" as typed in a filter: blank or 0 is any age; otherwise a whole
 * number of months up to 600 (fifty years), the bound the server holds too
 * (shared/plans/trend-query.ts, shared/rounds/sample-spec.ts). Checked before a request so the
 * person is told at the field, in the same words the server would use.
 */
export type OpenMonths = { months: number } | { problem: string };

export function openMonthsFrom(text: string): OpenMonths {
  const trimmed = text.trim();
  if (trimmed === '') return { months: 0 };
  if (!/^-?\d+$/.test(trimmed)) return { problem: 'Enter a whole number of months.' };
  const months = Number(trimmed);
  if (months < 0) return { problem: 'Enter 0 or more months.' };
  if (months > 600) return { problem: 'Enter at most 600 months.' };
  return { months };
}
