/**
 * Bank holidays in England and Wales, by the standing rules (the Banking and Financial
 * Dealings Act 1971 and the dates proclaimed each year since): New Year's Day, Good Friday,
 * Easter Monday, the first and last Mondays of May, the last Monday of August, Christmas Day
 * and Boxing Day, a holiday on a weekend moving to the next weekday not already one. One-off
 * changes (a coronation, a moved May holiday) are not rules: councils add them, and their own
 * closure days, through the server's LANTERN_EXTRA_CLOSED_DAYS setting.
 */
import { dateOfDayNumber, daysFromCivil, daysInMonth, weekday } from '../metrics/calendar-date';
import { addDays, type DayNumber } from '../metrics/time-values';

/** Easter Sunday's day number (the Gregorian computus, "anonymous" algorithm). */
function easterSunday(year: number): DayNumber {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return daysFromCivil(year, month, day);
}

const MONDAY = 1;
const isWeekend = (day: DayNumber): boolean => weekday(day) === 0 || weekday(day) === 6;

function firstMonday(year: number, month: number): DayNumber {
  const first = daysFromCivil(year, month, 1);
  return addDays(first, (MONDAY - weekday(first) + 7) % 7);
}

function lastMonday(year: number, month: number): DayNumber {
  const last = daysFromCivil(year, month, daysInMonth(year, month));
  return addDays(last, -((weekday(last) - MONDAY + 7) % 7));
}

/**
 * The year's bank holidays in England and Wales as London dates (YYYY-MM-DD), in order.
 * @example englandAndWalesBankHolidays(2026).at(-1) // '2026-12-28' — Boxing Day falls on a Saturday
 */
export function englandAndWalesBankHolidays(year: number): string[] {
  const taken = new Set<DayNumber>();
  const observe = (day: DayNumber): void => {
    let observed = day;
    while (isWeekend(observed) || taken.has(observed)) observed = addDays(observed, 1);
    taken.add(observed);
  };
  observe(daysFromCivil(year, 1, 1));
  const easter = easterSunday(year);
  taken.add(addDays(easter, -2));
  taken.add(addDays(easter, 1));
  taken.add(firstMonday(year, 5));
  taken.add(lastMonday(year, 5));
  taken.add(lastMonday(year, 8));
  observe(daysFromCivil(year, 12, 25));
  observe(daysFromCivil(year, 12, 26));
  return [...taken].sort((x, y) => x - y).map(dateOfDayNumber);
}
