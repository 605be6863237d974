import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import {
  civilFromDays,
  dateOfDayNumber,
  dayNumberOf,
  daysFromCivil,
  daysInMonth,
  isCalendarDate,
  weekday,
} from './calendar-date';
import type { DayNumber } from './time-values';

describe('day numbers', () => {
  // Reference values: the Unix epoch day count (POSIX "days since 1970-01-01").
  it.each([
    { name: 'the epoch', date: '1970-01-01', day: 0 },
    { name: 'the day before the epoch', date: '1969-12-31', day: -1 },
    { name: 'the Y2K leap day', date: '2000-02-29', day: 11_016 },
    { name: 'a plan milestone', date: '2019-09-30', day: 18_169 },
    { name: 'a leap day in a financial year', date: '2020-02-29', day: 18_321 },
  ])('$name: $date is day $day', ({ date, day }) => {
    expect(dayNumberOf(date)).toBe(day);
    expect(dateOfDayNumber(day as DayNumber)).toBe(date);
  });

  it('agrees with Date.UTC (an independent implementation) for any day from 1900 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 84_006 }), (day) => {
        const { year, month, day: d } = civilFromDays(day as DayNumber);
        expect(Date.UTC(year, month - 1, d) / 86_400_000).toBe(day);
        expect(daysFromCivil(year, month, d)).toBe(day);
      }),
      { numRuns: 300 },
    );
  });

  // Reference values: the Gregorian calendar's leap-year rule (every 4th year, not centuries unless divisible by 400).
  it.each([
    { name: 'February in a leap year', year: 2020, month: 2, days: 29 },
    { name: 'February in a common year', year: 2019, month: 2, days: 28 },
    { name: 'February in a century that is not a leap year', year: 2100, month: 2, days: 28 },
    { name: 'February in 2000, a leap century', year: 2000, month: 2, days: 29 },
    { name: 'December', year: 2019, month: 12, days: 31 },
    { name: 'September', year: 2019, month: 9, days: 30 },
  ])('$name has $days days', ({ year, month, days }) => {
    expect(daysInMonth(year, month)).toBe(days);
  });

  // Reference values: a printed 2019 calendar.
  it.each([
    { name: 'the epoch was a Thursday', date: '1970-01-01', weekday: 4 },
    { name: 'the last Sunday of March 2019', date: '2019-03-31', weekday: 0 },
    { name: 'the last Sunday of October 2019', date: '2019-10-27', weekday: 0 },
    { name: 'a Saturday before the epoch', date: '1969-12-27', weekday: 6 },
  ])('$name', ({ date, weekday: expected }) => {
    expect(weekday(dayNumberOf(date))).toBe(expected);
  });
});

describe('invalid dates are refused', () => {
  it.each([
    { name: 'a 29 February in a common year', text: '2019-02-29' },
    { name: 'month 13', text: '2019-13-01' },
    { name: 'day 0', text: '2019-01-00' },
    { name: 'no zero padding', text: '2019-1-01' },
    { name: 'no separators', text: '20190101' },
    { name: 'a timestamp', text: '2019-01-01T00:00:00Z' },
    { name: 'British order', text: '01/09/2019' },
    { name: 'empty', text: '' },
  ])('$name: "$text"', ({ text }) => {
    expect(isCalendarDate(text)).toBe(false);
    expect(() => dayNumberOf(text)).toThrow(expect.objectContaining({ code: 'invalid_date' }));
    expect(() => dayNumberOf(text)).toThrow(DomainError);
  });
});
