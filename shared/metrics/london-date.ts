/**
 * Which calendar day an instant falls on in Europe/London, the zone every council period is
 * counted in: an audit finished at 23:30 BST on 31 August (22:30 UTC) belongs to August, one
 * finished at 00:30 BST on 1 September (23:30 UTC on 31 August) to September.
 *
 * Why the British Summer Time rule is computed here rather than asked of Intl.DateTimeFormat:
 * a metric bins every audit, and on the reference machine `format` costs about 0.7 µs and
 * `formatToParts` about 1.9 µs per call (70–190 ms for 100,000 audits, against a 50 ms budget
 * for the whole metric), while parsing the timestamp and applying the rule here takes about
 * 0.14 µs. The rule — summer time from 01:00 UTC on the last Sunday of March to 01:00 UTC on
 * the last Sunday of October — is the one the UK has followed since 1996, so earlier instants
 * are refused rather than guessed. The tests check this module against Intl's tz database
 * over random instants as an independent oracle; if the law changes, they are where to start.
 *
 * Timestamps must carry a zone (`Z` or an offset): one without is ambiguous by an hour for
 * half the year, so it is refused, never assumed to be UTC or local.
 */
import { DomainError } from '../errors/domain-error';
import { daysFromCivil, dateOfDayNumber, weekday } from './calendar-date';
import type { CalendarDate, DayNumber, EpochMs } from './time-values';

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
/** The first year the current UK summer-time rule applies to in full. */
export const FIRST_SUPPORTED_YEAR = 1996;

// Sentinels the parser returns instead of throwing, so the hot path allocates nothing;
// every valid result (epoch milliseconds or a day number from 1996 on) is positive.
const NO_ZONE = -1;
const INVALID = -2;
const TOO_EARLY = -3;

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The digit at `i`, or -1 when it is not 0–9. */
function digitAt(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** A two-digit number at `i`, or a negative number when either character is not a digit. */
function twoDigits(text: string, i: number): number {
  const a = digitAt(text, i);
  const b = digitAt(text, i + 1);
  return a < 0 || b < 0 ? -100 : a * 10 + b;
}

/** 01:00 UTC on the last Sunday of a 31-day month, in epoch milliseconds. */
function lastSundayOneAmUtc(year: number, month: number): number {
  const last = daysFromCivil(year, month, 31);
  return (last - weekday(last)) * MS_PER_DAY + MS_PER_HOUR;
}

/**
 * Parses an RFC 3339 timestamp and returns its UTC epoch milliseconds, or (with `toLondonDay`)
 * its Europe/London day number; a negative sentinel when it cannot. Hand-written rather than a
 * RegExp plus Date because it runs once per audit in every metric.
 */
function parse(text: string, toLondonDay: boolean): number {
  const len = text.length;
  if (len < 16) return len === 10 && text.charCodeAt(4) === 45 && twoDigits(text, 5) >= 0 ? NO_ZONE : INVALID;
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const year = century * 100 + yearOfCentury;
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const sep = text.charCodeAt(10);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  if (
    century < 0 ||
    yearOfCentury < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59
  ) {
    return INVALID;
  }
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58) return INVALID;
  if (sep !== 84 && sep !== 116 && sep !== 32) return INVALID; // 'T', 't' or a space
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (DAYS_IN_MONTH[month] ?? 0) + (leap ? 1 : 0)) return INVALID;
  let i = 16;
  let second = 0;
  let millis = 0;
  if (text.charCodeAt(i) === 58) {
    second = twoDigits(text, i + 1);
    if (second < 0 || second > 59) return INVALID;
    i += 3;
    if (text.charCodeAt(i) === 46 || text.charCodeAt(i) === 44) {
      i += 1;
      let scale = 100;
      const start = i;
      for (let d = digitAt(text, i); d >= 0; d = digitAt(text, ++i)) {
        millis += d * scale;
        scale /= 10;
      }
      if (i === start) return INVALID;
      millis = Math.floor(millis);
    }
  }
  if (i === len) return NO_ZONE;
  let offsetMinutes = 0;
  const zone = text.charCodeAt(i);
  if (zone === 90 || zone === 122) {
    if (i + 1 !== len) return INVALID; // 'Z' or 'z', then nothing
  } else if (zone === 43 || zone === 45) {
    const offsetHours = twoDigits(text, i + 1);
    let minutes = 0;
    const rest = len - (i + 3);
    if (rest === 3 && text.charCodeAt(i + 3) === 58) minutes = twoDigits(text, i + 4);
    else if (rest === 2) minutes = twoDigits(text, i + 3);
    else if (rest !== 0) return INVALID;
    if (offsetHours < 0 || offsetHours > 23 || minutes < 0 || minutes > 59) return INVALID;
    offsetMinutes = (zone === 45 ? -1 : 1) * (offsetHours * 60 + minutes);
  } else {
    return INVALID;
  }
  if (year < FIRST_SUPPORTED_YEAR) return TOO_EARLY;
  const utcMs =
    daysFromCivil(year, month, day) * MS_PER_DAY +
    hour * MS_PER_HOUR +
    minute * MS_PER_MINUTE +
    second * 1000 +
    millis -
    offsetMinutes * MS_PER_MINUTE;
  if (!toLondonDay) return utcMs;
  // The written year is safe for the rule: offsets are under a day, and at New Year both
  // candidate years agree that London is on GMT.
  return Math.floor((utcMs + londonOffsetMinutes(utcMs, year) * MS_PER_MINUTE) / MS_PER_DAY);
}

function refuse(text: string, reason: number): never {
  if (reason === NO_ZONE) {
    throw new DomainError(
      'timestamp_without_zone',
      `The time "${text}" has no time zone. Add "Z" for UTC or an offset such as "+01:00".`,
    );
  }
  if (reason === TOO_EARLY) {
    throw new DomainError('invalid_timestamp', `The time "${text}" is before ${FIRST_SUPPORTED_YEAR}.`);
  }
  throw new DomainError(
    'invalid_timestamp',
    `"${text}" is not a time Lantern can read. Expected e.g. "2019-03-31T10:15:00Z" or "2019-03-31T11:15:00+01:00".`,
  );
}

/**
 * The UTC epoch milliseconds of a timestamp that carries a zone.
 * @throws DomainError `timestamp_without_zone` when it has no `Z` or offset; `invalid_timestamp`
 *   when it is not an RFC 3339 timestamp or is before 1996.
 * @example parseZonedTimestamp('2019-07-01T01:00:00+01:00') // 1561939200000, i.e. Date.UTC(2019, 6, 1)
 */
export function parseZonedTimestamp(text: string): EpochMs {
  const ms = parse(text, false);
  if (ms < 0) refuse(text, ms);
  return ms;
}

/** True when `text` is a timestamp with a zone that `parseZonedTimestamp` accepts. */
export function isZonedTimestamp(text: string): boolean {
  return parse(text, false) >= 0;
}

/**
 * Minutes Europe/London is ahead of UTC at an instant: 60 in British Summer Time, else 0, by
 * the rule in force since 1996. `year` may be passed when the caller already knows the
 * instant's year (within a day either way is enough: New Year is always on GMT).
 * @example londonOffsetMinutes(Date.UTC(2019, 6, 1)) // 60
 */
export function londonOffsetMinutes(utcMs: EpochMs, year = new Date(utcMs).getUTCFullYear()): number {
  return utcMs >= lastSundayOneAmUtc(year, 3) && utcMs < lastSundayOneAmUtc(year, 10) ? 60 : 0;
}

/**
 * The Europe/London calendar day of a timestamp, as a day number from 1970-01-01 (see
 * calendar-date.ts). This is the hot path of every metric.
 * @throws DomainError as `parseZonedTimestamp`.
 * @example dateOfDayNumber(londonDayNumber('2019-08-31T22:30:00Z')) // '2019-08-31' (23:30 BST)
 */
export function londonDayNumber(timestamp: string): DayNumber {
  const day = parse(timestamp, true);
  if (day < 0) refuse(timestamp, day);
  return day as DayNumber;
}

/**
 * The Europe/London calendar date of a timestamp, YYYY-MM-DD.
 * @throws DomainError as `parseZonedTimestamp`.
 * @example londonDate('2019-10-27T00:30:00Z') // '2019-10-27' (01:30 BST, before the clocks go back)
 */
export function londonDate(timestamp: string): CalendarDate {
  return dateOfDayNumber(londonDayNumber(timestamp));
}

/**
 * Today's date in Europe/London at the instant `nowMs` (epoch milliseconds): the one "today"
 * every screen and route uses (due dates, default report dates, file names). UTC's date is
 * wrong for the first hour of every summer day.
 * @example londonToday(Date.UTC(2026, 5, 30, 23, 30)) // '2026-07-01' (00:30 BST)
 */
export function londonToday(nowMs: EpochMs): CalendarDate {
  return dateOfDayNumber(
    Math.floor((nowMs + londonOffsetMinutes(nowMs) * MS_PER_MINUTE) / MS_PER_DAY) as DayNumber,
  );
}
