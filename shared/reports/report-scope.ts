/**
 * What an audit report covers, and the comparable period before it:
 * - a round: its audits (the round's first tool); the previous comparable round is the latest
 *   earlier round of the same kind (and, for a thematic audit, the same theme) in the service;
 * - a London month of one audit tool: the previous month;
 * - a theme: the audits of one kind of round (and with one theme, '' for any) and one tool,
 *   completed over a date range; the previous range is the one of the same length just before it.
 * Pure: the server finds the rounds, this file only reasons about dates and words.
 */
import { z } from 'zod';
import { calendarDateSchema } from '../validation/bounded-date';
import { safeText } from '../validation/safe-text';
import { roundKindSchema } from '../rounds/round-schemas';
import { dateOfDayNumber, dayNumberOf, daysInMonth } from '../metrics/calendar-date';
import { addDays } from '../metrics/time-values';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const reportMonthSchema = z
  .string()
  .regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/, 'Choose a month as YYYY-MM, from 2000 to 2100.');

export const reportScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('round'), roundId: z.string().regex(UUID, 'Choose a round.') }),
  z.object({
    kind: z.literal('month'),
    month: reportMonthSchema,
    toolKey: z.string().min(1, 'Choose an audit tool.').max(100),
  }),
  z
    .object({
      kind: z.literal('theme'),
      roundKind: roundKindSchema,
      theme: safeText().trim().max(500, 'Keep the theme to 500 characters.'),
      toolKey: z.string().min(1, 'Choose an audit tool.').max(100),
      from: calendarDateSchema,
      to: calendarDateSchema,
    })
    .refine((s) => s.from <= s.to, { message: 'The range cannot end before it starts.', path: ['to'] }),
]);
export type ReportScope = z.infer<typeof reportScopeSchema>;

export interface DateRange {
  from: string;
  to: string;
}

/** The London dates of a month. @example monthRange('2026-02') // { from: '2026-02-01', to: '2026-02-28' } */
export function monthRange(month: string): DateRange {
  const [year = 0, m = 0] = month.split('-').map(Number);
  return { from: `${month}-01`, to: `${month}-${String(daysInMonth(year, m)).padStart(2, '0')}` };
}

/** @example previousMonth('2026-01') // '2025-12' */
export function previousMonth(month: string): string {
  const [year = 0, m = 0] = month.split('-').map(Number);
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * The range of the same number of days ending the day before `range` starts.
 * @example previousRange({ from: '2026-07-01', to: '2026-09-30' }) // { from: '2026-03-31', to: '2026-06-30' } (92 days each)
 */
export function previousRange(range: DateRange): DateRange {
  const from = dayNumberOf(range.from);
  const days = dayNumberOf(range.to) - from + 1;
  return { from: dateOfDayNumber(addDays(from, -days)), to: dateOfDayNumber(addDays(from, -1)) };
}
