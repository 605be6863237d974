/**
 * Dates in a report's words, as councils write them: "3 December 2026", "October 2026",
 * "1 July to 30 September 2026". Dates are London calendar dates (YYYY-MM-DD); a timestamp is
 * turned into its London date first (shared/metrics/london-date.ts).
 */
import { londonDate } from '../metrics/london-date';
import { MONTH_NAMES } from '../metrics/month-names';

function parts(date: string): { year: string; month: string; day: number } {
  const [year = '', month = '01', day = '01'] = date.split('-');
  return { year, month: MONTH_NAMES[Number(month) - 1] ?? '', day: Number(day) };
}

/** @example longDate('2026-12-03') // '3 December 2026' */
export function longDate(date: string): string {
  const { year, month, day } = parts(date);
  return `${day} ${month} ${year}`;
}

/** The London date of a zoned timestamp. @example publishedDate('2026-12-03T00:30:00Z') // '3 December 2026' */
export function publishedDate(timestamp: string): string {
  return longDate(londonDate(timestamp));
}

/** @example monthWords('2026-10') // 'October 2026' */
export function monthWords(month: string): string {
  const { year, month: name } = parts(`${month}-01`);
  return `${name} ${year}`;
}

/** @example rangeWords('2026-07-01', '2026-09-30') // '1 July to 30 September 2026' */
export function rangeWords(from: string, to: string): string {
  if (from === to) return longDate(from);
  const a = parts(from);
  const b = parts(to);
  if (a.year === b.year) return `${a.day} ${a.month} to ${longDate(to)}`;
  return `${longDate(from)} to ${longDate(to)}`;
}
