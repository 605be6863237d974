/**
 * The three forms a day or an instant takes in the metrics, as branded types so that passing
 * one where another is meant does not compile: a London day number (days since 1970-01-01), epoch
 * milliseconds, and a calendar date written YYYY-MM-DD. To TypeScript the first two are both
 * `number` and the last is any `string`; the brand is a type-only tag and costs nothing at run time.
 *
 * Day numbers and calendar dates are Lantern's own forms, so they get their brand only where they
 * are made: calendar-date.ts and london-date.ts return them (`dayNumberOf`, `londonDayNumber`,
 * `daysFromCivil`, `dateOfDayNumber`, `londonDate`, `isCalendarDate`…), and `addDays` below keeps
 * the brand through day arithmetic (`day + 1` is a plain number again). Epoch milliseconds are
 * what every clock gives (`Date.now()`, `Date#getTime()`), so a plain number is taken as one;
 * only a number branded as something else — a day number — is refused.
 */

/** Whole days since 1970-01-01, counted in Europe/London (calendar-date.ts). */
export type DayNumber = number & { readonly __brand: 'DayNumber' };

/** Milliseconds since 1970-01-01T00:00:00Z: any plain number, but never a `DayNumber`. */
export type EpochMs = number & { readonly __brand?: 'EpochMs' };

/** A real calendar date written YYYY-MM-DD, with no time or zone ("2019-09-30"). */
export type CalendarDate = string & { readonly __brand: 'CalendarDate' };

/**
 * The day `days` after `day` (before it when negative).
 * @example dateOfDayNumber(addDays(dayNumberOf('2019-02-28'), 1)) // '2019-03-01'
 */
export function addDays(day: DayNumber, days: number): DayNumber {
  return (day + days) as DayNumber;
}
