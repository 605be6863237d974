import { describe, expect, it } from 'vitest';
import { monthsBefore, openLongerThan } from './case-age';
import { dateOfDayNumber, dayNumberOf } from '../metrics/calendar-date';

describe('monthsBefore', () => {
  it.each([
    { day: '2026-10-19', months: 12, before: '2025-10-19' },
    // Clamped to the shorter month's last day, as draw-sample's audit cut-off is.
    { day: '2026-03-31', months: 1, before: '2026-02-28' },
    { day: '2024-03-31', months: 1, before: '2024-02-29' },
    { day: '2026-01-15', months: 3, before: '2025-10-15' },
    { day: '2026-01-15', months: 120, before: '2016-01-15' },
  ])('$day less $months months is $before', ({ day, months, before }) => {
    expect(dateOfDayNumber(monthsBefore(dayNumberOf(day), months))).toBe(before);
  });
});

describe('openLongerThan', () => {
  it.each([
    { name: 'a day over', openedOn: '2025-01-10', months: 12, on: '2026-01-11', longer: true },
    {
      name: 'exactly N months is not longer',
      openedOn: '2025-01-10',
      months: 12,
      on: '2026-01-10',
      longer: false,
    },
    { name: 'opened recently', openedOn: '2026-09-01', months: 6, on: '2026-10-19', longer: false },
    {
      name: 'an unknown opened date never counts',
      openedOn: null,
      months: 1,
      on: '2026-10-19',
      longer: false,
    },
    { name: 'clamped month end', openedOn: '2026-02-27', months: 1, on: '2026-03-31', longer: true },
  ])('$name', ({ openedOn, months, on, longer }) => {
    expect(openLongerThan(openedOn, months, dayNumberOf(on))).toBe(longer);
  });
});
