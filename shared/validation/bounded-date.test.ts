import { describe, expect, it } from 'vitest';
import {
  boundedTimestampSchema,
  calendarDateSchema,
  dateProblem,
  EARLIEST_DATE,
  LATEST_DATE,
} from './bounded-date';

describe('calendar dates from outside', () => {
  it.each([EARLIEST_DATE, '2019-09-30', '2024-02-29', LATEST_DATE])('accepts %s', (date) => {
    expect(dateProblem(date)).toBeNull();
    expect(calendarDateSchema.safeParse(date).success).toBe(true);
  });

  it.each([
    ['the year 0000', '0000-01-01', 'from 1 January 2000 to 31 December 2100'],
    ['the day before the range', '1999-12-31', 'from 1 January 2000 to 31 December 2100'],
    ['the day after the range', '2101-01-01', 'from 1 January 2000 to 31 December 2100'],
    ['the year 9999', '9999-12-31', 'from 1 January 2000 to 31 December 2100'],
    ['a day that does not exist', '2019-02-29', 'real date'],
    ['a month 13', '2019-13-01', 'real date'],
    ['a time', '2019-09-30T10:00:00Z', 'real date'],
    ['six-digit years', '+02019-09-30', 'real date'],
    ['an empty string', '', 'Enter a date.'],
    ['spaces', '  ', 'Enter a date.'],
  ])('refuses %s', (_name, date, said) => {
    expect(dateProblem(date)).toContain(said);
    expect(calendarDateSchema.safeParse(date).success).toBe(false);
  });
});

describe('timestamps from outside', () => {
  it.each([
    '2026-03-31T10:00:00Z',
    '2026-03-31T11:00:00+01:00',
    '2000-01-01T00:00:00Z',
    '2100-12-31T23:59:59Z',
  ])('accepts %s', (text) => expect(boundedTimestampSchema.safeParse(text).success).toBe(true));

  it.each([
    ['without a zone', '2026-03-31T10:00:00'],
    ['in the year 0000', '0000-01-01T00:00:00Z'],
    ['in 2101 once in UTC', '2100-12-31T23:30:00-01:00'],
    ['before 2000', '1999-12-31T23:59:59Z'],
    ['not a time', 'yesterday'],
  ])('refuses one %s', (_name, text) => expect(boundedTimestampSchema.safeParse(text).success).toBe(false));
});
