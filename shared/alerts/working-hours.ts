/**
 * Working hours for safeguarding-alert escalation: Monday to Friday, 09:00 to 17:00 in
 * Europe/London (GMT in winter, BST in summer, by london-date.ts's rule). An alert raised at
 * 16:00 on a Friday with four working hours to acknowledge is due at 12:00 on Monday; one
 * raised on Saturday is due at 13:00 on Monday. Bank holidays can be passed in as London dates.
 *
 * Arithmetic is done on "London wall-clock milliseconds" (UTC plus the London offset). The
 * clocks change at 01:00 UTC on Sundays, never inside working hours, so a wall-clock time in
 * working hours always maps back to exactly one instant.
 */
import { dateOfDayNumber, weekday } from '../metrics/calendar-date';
import { londonOffsetMinutes } from '../metrics/london-date';
import type { DayNumber } from '../metrics/time-values';

const MINUTE = 60_000;
const DAY = 86_400_000;
const OPEN = 9 * 60;
const CLOSE = 17 * 60;

export interface WorkingHoursOptions {
  /** London dates (YYYY-MM-DD) that are not working days, e.g. bank holidays. */
  holidays?: ReadonlySet<string>;
}

const toWall = (utcMs: number): number => utcMs + londonOffsetMinutes(utcMs) * MINUTE;

/** The instant a London wall-clock time names (unambiguous inside working hours). */
function fromWall(wallMs: number): number {
  const summer = wallMs - 60 * MINUTE;
  return londonOffsetMinutes(summer) === 60 ? summer : wallMs;
}

/** `wallDay` is a day of London wall-clock time (wall milliseconds / DAY), i.e. a day number. */
function isWorkingDay(wallDay: number, holidays: ReadonlySet<string> | undefined): boolean {
  const day = wallDay as DayNumber;
  const w = weekday(day);
  return w !== 0 && w !== 6 && !holidays?.has(dateOfDayNumber(day));
}

/**
 * The instant `minutes` working minutes after `startUtcMs`.
 * @example new Date(addWorkingMinutes(Date.parse('2026-10-16T15:00:00Z'), 240)).toISOString()
 * // '2026-10-19T11:00:00.000Z' — Friday 16:00 BST plus four working hours is Monday 12:00 BST
 */
export function addWorkingMinutes(
  startUtcMs: number,
  minutes: number,
  options: WorkingHoursOptions = {},
): number {
  let wall = toWall(startUtcMs);
  let left = Math.max(0, minutes);
  for (let guard = 0; guard < 10_000; guard++) {
    const day = Math.floor(wall / DAY);
    const minuteOfDay = (wall - day * DAY) / MINUTE;
    if (!isWorkingDay(day, options.holidays) || minuteOfDay >= CLOSE) {
      wall = (day + 1) * DAY + OPEN * MINUTE;
      continue;
    }
    if (minuteOfDay < OPEN) wall = day * DAY + OPEN * MINUTE;
    const available = CLOSE - Math.max(minuteOfDay, OPEN);
    if (left <= available) return fromWall(wall + left * MINUTE);
    left -= available;
    wall = (day + 1) * DAY + OPEN * MINUTE;
  }
  throw new RangeError('addWorkingMinutes: no working time found (too many holidays?)');
}

/**
 * Working minutes between two instants (0 when `to` is not after `from`).
 * @example workingMinutesBetween(Date.parse('2026-10-16T15:00:00Z'), Date.parse('2026-10-19T11:00:00Z')) // 240
 */
export function workingMinutesBetween(
  fromUtcMs: number,
  toUtcMs: number,
  options: WorkingHoursOptions = {},
): number {
  if (toUtcMs <= fromUtcMs) return 0;
  const start = toWall(fromUtcMs);
  const end = toWall(toUtcMs);
  let total = 0;
  for (let day = Math.floor(start / DAY); day <= Math.floor(end / DAY); day++) {
    if (!isWorkingDay(day, options.holidays)) continue;
    const open = day * DAY + OPEN * MINUTE;
    const close = day * DAY + CLOSE * MINUTE;
    const from = Math.max(open, start);
    const to = Math.min(close, end);
    if (to > from) total += (to - from) / MINUTE;
  }
  return total;
}
