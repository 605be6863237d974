/**
 * Calendar dates without a time or a zone ("2019-09-30"), as whole day numbers counted from
 * 1970-01-01. Periods, practice weeks, milestones and trajectories are all about calendar
 * days, so they are compared and interpolated as integers: no Date object, no time of day,
 * no daylight-saving hour to trip over. The conversions are Howard Hinnant's
 * `days_from_civil` / `civil_from_days` (proleptic Gregorian, exact for any year). Dates that
 * come in from outside are parsed with `calendarDateSchema` (shared/validation/bounded-date.ts),
 * which also bounds them to 2000–2100.
 */
import { DomainError } from '../errors/domain-error';
import type { CalendarDate, DayNumber } from './time-values';

/** A calendar date split into parts; `month` is 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Days since 1970-01-01 for a calendar date. Pure integer arithmetic, so it is fast enough per audit. */
export function daysFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146_097 + doe - 719_468) as DayNumber;
}

/** The calendar date of a day number (the inverse of `daysFromCivil`). */
export function civilFromDays(days: DayNumber): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day };
}

/** Number of days in a month of a year (leap years included). */
export function daysInMonth(year: number, month: number): number {
  return (
    daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
    daysFromCivil(year, month, 1)
  );
}

/** Day of the week of a day number: 0 Sunday … 6 Saturday (1970-01-01 was a Thursday). */
export function weekday(days: DayNumber): number {
  return (((days + 4) % 7) + 7) % 7;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `text` is a real calendar date written YYYY-MM-DD (so "2019-02-29" is not). */
export function isCalendarDate(text: string): text is CalendarDate {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The day number of a YYYY-MM-DD date.
 * @throws DomainError `invalid_date` when the text is not a real calendar date.
 * @example dayNumberOf('1970-01-02') // 1
 */
export function dayNumberOf(date: string): DayNumber {
  if (!isCalendarDate(date)) {
    throw new DomainError('invalid_date', `"${date}" is not a calendar date written as YYYY-MM-DD.`);
  }
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** The YYYY-MM-DD text of a day number. @example dateOfDayNumber(0) // '1970-01-01' */
export function dateOfDayNumber(days: DayNumber): CalendarDate {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as CalendarDate;
}
