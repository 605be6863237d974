import { describe, expect, it } from 'vitest';
import { inspectionWindow, longDate, windowWords } from './inspection-window';

describe('inspectionWindow', () => {
  it.each([
    // name, today, months, from, fromInstant (London midnight in UTC), untilInstant
    [
      'six months, both ends on GMT',
      '2026-12-05',
      6,
      '2026-06-05',
      '2026-06-04T23:00:00.000Z',
      '2026-12-06T00:00:00.000Z',
    ],
    [
      'a window starting in summer time',
      '2026-12-15',
      4,
      '2026-08-15',
      '2026-08-14T23:00:00.000Z',
      '2026-12-16T00:00:00.000Z',
    ],
    [
      '31 August less six months is the end of February',
      '2026-08-31',
      6,
      '2026-02-28',
      '2026-02-28T00:00:00.000Z',
      '2026-08-31T23:00:00.000Z',
    ],
    [
      'a leap year’s February',
      '2028-08-31',
      6,
      '2028-02-29',
      '2028-02-29T00:00:00.000Z',
      '2028-08-31T23:00:00.000Z',
    ],
    [
      'across a new year',
      '2027-01-10',
      3,
      '2026-10-10',
      '2026-10-09T23:00:00.000Z',
      '2027-01-11T00:00:00.000Z',
    ],
    [
      'the last day before the clocks go forward (London midnight still on GMT)',
      '2026-03-28',
      1,
      '2026-02-28',
      '2026-02-28T00:00:00.000Z',
      '2026-03-29T00:00:00.000Z',
    ],
  ])('%s', (_name, today, months, from, fromInstant, untilInstant) => {
    expect(inspectionWindow(today, months)).toEqual({ from, to: today, fromInstant, untilInstant });
  });

  it.each([0, -1, 1.5, 37, Number.NaN])('refuses %s months', (months) => {
    expect(() => inspectionWindow('2026-12-05', months)).toThrow(RangeError);
  });

  it('says the dates covered in words', () => {
    expect(windowWords({ from: '2026-06-05', to: '2026-12-05' })).toBe(
      'from 5 June 2026 to 5 December 2026, both days included (London dates)',
    );
    expect(longDate('2027-01-01')).toBe('1 January 2027');
  });
});
