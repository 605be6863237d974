/**
 * The calendar dates Lantern accepts from outside, 2000-01-01 to 2100-12-31, and the words for a
 * date outside them. No schema here: the audit form checks its date fields without loading zod
 * (the schemas are in bounded-date.ts).
 */
import { isCalendarDate } from '../metrics/calendar-date';

/** The first calendar date accepted from outside. */
export const EARLIEST_DATE = '2000-01-01';
/** The last calendar date accepted from outside. */
export const LATEST_DATE = '2100-12-31';

/**
 * What is wrong with a date written as text, or null when it is a calendar date within the bounds.
 * The words are shown beside a date picker: they name no format the person never types
 * (the API description gives YYYY-MM-DD), and an empty field asks for a date.
 */
export function dateProblem(text: string): string | null {
  if (text.trim() === '') return 'Enter a date.';
  if (!isCalendarDate(text)) return 'Enter a real date, for example 31 March 2026.';
  if (text < EARLIEST_DATE || text > LATEST_DATE)
    return 'Enter a date from 1 January 2000 to 31 December 2100.';
  return null;
}
