/** Which completion times a device may claim: not in the future, not before the allocation. */
import { describe, expect, it } from 'vitest';
import {
  CLOCK_SKEW_MINUTES,
  completionTimeProblem,
  londonDateTimeFields,
  londonDateTimeWords,
  londonTimestampOf,
} from './completion-time';

const NOW = Date.UTC(2026, 11, 4, 10, 0); // 4 December 2026, 10:00 GMT
const ALLOCATED = Date.UTC(2026, 10, 2, 9, 0); // 2 November 2026

describe('completionTimeProblem', () => {
  it.each([
    ['now', '2026-12-04T10:00:00Z'],
    ['a tablet a little fast, within the skew', '2026-12-04T10:04:59Z'],
    ['the moment the case was allocated', '2026-11-02T09:00:00Z'],
    ['a tablet a little slow, just after the allocation', '2026-11-02T08:55:00Z'],
    ['in between, with an offset', '2026-11-20T14:30:00+01:00'],
  ])('accepts %s', (_name, completedAt) => {
    expect(completionTimeProblem(completedAt, NOW, ALLOCATED)).toBeNull();
  });

  it('refuses a time beyond the skew, saying when it claims and when it is now', () => {
    expect(completionTimeProblem('2026-12-04T10:06:00Z', NOW, ALLOCATED)).toBe(
      'The completion time, 4 December 2026 at 10:06, is later than now (4 December 2026 at 10:00): ' +
        "this device's clock may be wrong. Check its date and time, correct the completion time and submit again.",
    );
    expect(CLOCK_SKEW_MINUTES).toBe(5);
  });

  it('refuses a time before the allocation beyond the skew', () => {
    expect(completionTimeProblem('2026-11-02T08:54:59Z', NOW, ALLOCATED)).toMatch(
      /before the case was allocated/,
    );
  });

  it('refuses a December audit stamped 30 June: before the case was allocated', () => {
    expect(completionTimeProblem('2026-06-30T15:00:00+01:00', NOW, ALLOCATED)).toMatch(
      /^The completion time, 30 June 2026 at 15:00, is before the case was allocated to you \(2 November 2026 at 09:00\)/,
    );
  });

  it('checks only the future when the allocation time is unknown', () => {
    expect(completionTimeProblem('2019-06-30T15:00:00Z', NOW, null)).toBeNull();
  });

  it('names times in London time', () => {
    expect(londonDateTimeWords(Date.UTC(2026, 5, 30, 23, 30))).toBe('1 July 2026 at 00:30');
    expect(londonDateTimeWords(Date.UTC(2026, 0, 5, 9, 7))).toBe('5 January 2026 at 09:07');
  });
});

describe("the review page's completion date and time (London)", () => {
  it.each([
    ['summer time', '2026-06-30', '15:00', '2026-06-30T15:00:00+01:00'],
    ['winter', '2026-12-04', '09:30', '2026-12-04T09:30:00+00:00'],
    ['the hour that happens twice: summer time meant', '2026-10-25', '01:30', '2026-10-25T01:30:00+01:00'],
    ['the hour that never happens: read as GMT', '2026-03-29', '01:30', '2026-03-29T01:30:00+00:00'],
    ['not a date', '2026-02-30', '10:00', null],
    ['not a time', '2026-02-03', '25:00', null],
    ['empty', '', '', null],
  ])('%s', (_name, date, time, expected) => {
    expect(londonTimestampOf(date, time)).toBe(expected);
  });

  it('fills the fields with the London date and time of an instant', () => {
    expect(londonDateTimeFields(Date.UTC(2026, 5, 30, 23, 30))).toEqual({
      date: '2026-07-01',
      time: '00:30',
    });
    expect(londonDateTimeFields(Date.UTC(2026, 11, 4, 9, 5))).toEqual({ date: '2026-12-04', time: '09:05' });
  });
});
