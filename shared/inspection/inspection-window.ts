/**
 * Which days "audited in the last N months" covers, on London calendar dates (PRODUCT.md: an
 * audit belongs to the London date it was completed on). The window runs from the same day of
 * the month N months before today (the month's last day when that month is shorter: 31 August
 * less 6 months is 28 or 29 February) to today, both days included, and is stated in those
 * words on the screen and in the files so an inspector knows exactly what was covered.
 */
import { daysInMonth, dayNumberOf, dateOfDayNumber } from '../metrics/calendar-date';
import { londonOffsetMinutes } from '../metrics/london-date';
import { longDate } from '../metrics/month-names';

export { longDate };
import { addDays } from '../metrics/time-values';

export const DEFAULT_INSPECTION_MONTHS = 6;
export const MAX_INSPECTION_MONTHS = 36;

export interface InspectionWindow {
  /** The first London date covered (included). */
  from: string;
  /** The last London date covered (included): today. */
  to: string;
  /** The instant London's `from` begins, ISO UTC: the lower bound for `completed_at`. */
  fromInstant: string;
  /** The instant the day after `to` begins in London, ISO UTC: the (excluded) upper bound. */
  untilInstant: string;
}

const MS_PER_DAY = 86_400_000;

/** The UTC instant London's midnight starts `date` (clocks change at 01:00 UTC, never at London midnight). */
function londonMidnight(date: string): string {
  const utcMidnight = dayNumberOf(date) * MS_PER_DAY;
  return new Date(utcMidnight - londonOffsetMinutes(utcMidnight) * 60_000).toISOString();
}

/**
 * The window of the last `months` months ending on London's `today`.
 * @throws RangeError when `months` is not a whole number from 1 to MAX_INSPECTION_MONTHS.
 * @example inspectionWindow('2026-12-05', 6) // { from: '2026-06-05', to: '2026-12-05', fromInstant: '2026-06-04T23:00:00.000Z', untilInstant: '2026-12-06T00:00:00.000Z' }
 */
export function inspectionWindow(today: string, months: number): InspectionWindow {
  if (!Number.isInteger(months) || months < 1 || months > MAX_INSPECTION_MONTHS)
    throw new RangeError(`months must be a whole number from 1 to ${MAX_INSPECTION_MONTHS}.`);
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) - months;
  const fromYear = Math.floor(index / 12);
  const fromMonth = (index % 12) + 1;
  const fromDay = Math.min(day, daysInMonth(fromYear, fromMonth));
  const from = `${String(fromYear).padStart(4, '0')}-${String(fromMonth).padStart(2, '0')}-${String(fromDay).padStart(2, '0')}`;
  return {
    from,
    to: today,
    fromInstant: londonMidnight(from),
    untilInstant: londonMidnight(dateOfDayNumber(addDays(dayNumberOf(today), 1))),
  };
}

/** The window in words: "from 5 June 2026 to 5 December 2026, both days included (London dates)". */
export function windowWords(window: Pick<InspectionWindow, 'from' | 'to'>): string {
  return `from ${longDate(window.from)} to ${longDate(window.to)}, both days included (London dates)`;
}
