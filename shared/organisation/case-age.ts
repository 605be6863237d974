/**
 * "Open longer than N months", one rule for sampling and metric filters: a case counts when it
 * was opened before the day N calendar months before the day asked about (the round's start
 * for a sample, the audit's London completion day for a metric). Months are calendar months;
 * a day missing from the shorter month is clamped to its last day (31 March less one month is
 * 28 or 29 February). A case without an opened date never counts: its age is unknown.
 */
import { civilFromDays, daysFromCivil, daysInMonth, dayNumberOf } from '../metrics/calendar-date';
import type { DayNumber } from '../metrics/time-values';

/** The London day number `months` calendar months before `day` (clamped to the month's end). */
export function monthsBefore(day: DayNumber, months: number): DayNumber {
  const { year, month, day: dayOfMonth } = civilFromDays(day);
  const index = year * 12 + (month - 1) - months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return daysFromCivil(y, m, Math.min(dayOfMonth, daysInMonth(y, m)));
}

/**
 * @param openedOn the case's opened date, YYYY-MM-DD, or null when not known
 * @param months N, at least 1
 * @param onDay the London day number the age is measured on
 * @example openLongerThan('2025-01-10', 12, dayNumberOf('2026-01-11')) // true
 * @example openLongerThan('2025-01-10', 12, dayNumberOf('2026-01-10')) // false: exactly 12 months
 */
export function openLongerThan(
  openedOn: string | null | undefined,
  months: number,
  onDay: DayNumber,
): boolean {
  if (!openedOn) return false;
  return dayNumberOf(openedOn) < monthsBefore(onDay, months);
}
