/** Dates as people write them, in London time: never an ISO date on screen. */
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format-date-time';

describe('formatDate', () => {
  it.each([
    ['2026-12-31', '31 December 2026'],
    ['2026-03-29', '29 March 2026'], // the day the clocks go forward: no shift across midnight
    ['2027-01-01', '1 January 2027'],
  ])('%s reads %s', (iso, words) => {
    expect(formatDate(iso)).toBe(words);
  });
});

describe('formatDateTime', () => {
  it.each([
    ['winter: London is UTC', '2026-12-31T14:05:00Z', '31 December 2026 at 14:05'],
    ['summer: a late evening belongs to its London day', '2026-06-30T23:30:00Z', '1 July 2026 at 00:30'],
  ])('%s', (_, iso, words) => {
    expect(formatDateTime(iso)).toBe(words);
  });
});

describe('dates that cannot be read', () => {
  // A draft holds what was typed; a review page that threw here showed nothing at all.
  it.each([
    ['a half-typed date', '2026-1'],
    ['a date with a time', '2026-12-31T10:00:00Z'],
    ['a month that does not exist', '2026-13-01'],
    ['free text', 'next week'],
    ['empty', ''],
  ])('formatDate shows %s as it is', (_name, text) => {
    expect(formatDate(text)).toBe(text);
  });

  it.each([
    ['not a moment', 'yesterday'],
    ['empty', ''],
  ])('formatDateTime shows %s as it is', (_name, text) => {
    expect(formatDateTime(text)).toBe(text);
  });

  it('reads the edges of the calendar', () => {
    expect(formatDate('9999-12-31')).toBe('31 December 9999');
  });
});
