import { describe, expect, it } from 'vitest';
import { englandAndWalesBankHolidays } from './bank-holidays';
import { addWorkingMinutes } from './working-hours';

// As published on gov.uk/bank-holidays for England and Wales.
const PUBLISHED: Record<number, string[]> = {
  2024: [
    '2024-01-01',
    '2024-03-29',
    '2024-04-01',
    '2024-05-06',
    '2024-05-27',
    '2024-08-26',
    '2024-12-25',
    '2024-12-26',
  ],
  2025: [
    '2025-01-01',
    '2025-04-18',
    '2025-04-21',
    '2025-05-05',
    '2025-05-26',
    '2025-08-25',
    '2025-12-25',
    '2025-12-26',
  ],
  2026: [
    '2026-01-01',
    '2026-04-03',
    '2026-04-06',
    '2026-05-04',
    '2026-05-25',
    '2026-08-31',
    '2026-12-25',
    '2026-12-28',
  ],
  2027: [
    '2027-01-01',
    '2027-03-26',
    '2027-03-29',
    '2027-05-03',
    '2027-05-31',
    '2027-08-30',
    '2027-12-27',
    '2027-12-28',
  ],
};

describe('englandAndWalesBankHolidays', () => {
  it.each(Object.entries(PUBLISHED))('gives the published dates for %s', (year, dates) => {
    expect(englandAndWalesBankHolidays(Number(year))).toEqual(dates);
  });

  it('moves a New Year on a Saturday to the Monday, and keeps a Christmas on a Monday', () => {
    const dates = englandAndWalesBankHolidays(2028);
    expect(dates[0]).toBe('2028-01-03');
    expect(dates.slice(-2)).toEqual(['2028-12-25', '2028-12-26']);
  });

  it('with Christmas on a Sunday, Boxing Day stays on the Monday and Christmas moves to the Tuesday', () => {
    expect(englandAndWalesBankHolidays(2022).slice(-2)).toEqual(['2022-12-26', '2022-12-27']);
  });

  it('makes an alert raised on Christmas Eve afternoon fall due after the holidays', () => {
    const holidays = new Set(englandAndWalesBankHolidays(2026));
    // Thursday 24 December 2026, 16:00 GMT, four working hours: one that day, three on Tuesday 29th.
    const due = addWorkingMinutes(Date.parse('2026-12-24T16:00:00Z'), 240, { holidays });
    expect(new Date(due).toISOString()).toBe('2026-12-29T12:00:00.000Z');
  });
});
