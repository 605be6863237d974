/**
 * The brands are checked by the compiler, not at run time: the `@ts-expect-error` lines below
 * fail the typecheck (`vue-tsc`, which covers the tests) the day a mix starts to compile.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { civilFromDays, dateOfDayNumber, dayNumberOf, isCalendarDate } from './calendar-date';
import { londonDayNumber, londonOffsetMinutes, londonToday, parseZonedTimestamp } from './london-date';
import { addDays, type CalendarDate, type DayNumber, type EpochMs } from './time-values';

describe('day numbers, epoch milliseconds and calendar dates', () => {
  it('are made where they are parsed, and keep their brand through day arithmetic', () => {
    const day = dayNumberOf('2019-09-30');
    expectTypeOf(day).toEqualTypeOf<DayNumber>();
    expectTypeOf(londonDayNumber('2019-09-30T12:00:00Z')).toEqualTypeOf<DayNumber>();
    expectTypeOf(parseZonedTimestamp('2019-09-30T12:00:00Z')).toEqualTypeOf<EpochMs>();
    expectTypeOf(dateOfDayNumber(day)).toEqualTypeOf<CalendarDate>();
    expectTypeOf(addDays(day, 1)).toEqualTypeOf<DayNumber>();
    expect(dateOfDayNumber(addDays(day, 1))).toBe('2019-10-01');
  });

  it('refuses one where another is meant', () => {
    const day = dayNumberOf('2019-09-30');
    const instant = parseZonedTimestamp('2019-09-30T12:00:00Z');
    // @ts-expect-error epoch milliseconds are not a day number
    civilFromDays(instant);
    // @ts-expect-error a clock reading is not a day number
    dateOfDayNumber(Date.now());
    // @ts-expect-error `day + 1` is a plain number: use addDays
    dateOfDayNumber(day + 1);
    // @ts-expect-error a day number is not epoch milliseconds
    londonOffsetMinutes(day);
    // @ts-expect-error a day number is not a clock reading
    londonToday(day);
    // @ts-expect-error any string is not a checked calendar date
    const date: CalendarDate = '2019-09-30';
    // A clock reading is taken as epoch milliseconds.
    expect(londonToday(Date.UTC(2019, 8, 30, 12))).toBe('2019-09-30');
    expect(londonOffsetMinutes(instant)).toBe(60);
    expect(isCalendarDate(date)).toBe(true);
  });
});
