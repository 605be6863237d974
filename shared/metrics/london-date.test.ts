import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dateOfDayNumber, dayNumberOf, weekday } from './calendar-date';
import {
  isZonedTimestamp,
  londonDate,
  londonDayNumber,
  londonOffsetMinutes,
  londonToday,
  parseZonedTimestamp,
} from './london-date';

/** The oracle: Intl's own tz database (IANA Europe/London), independent of the rule in london-date.ts. */
const intl = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const intlLondonDate = (ms: number): string => intl.format(new Date(ms));

/** 01:00 UTC on the last Sunday of March or October: when the clocks change. */
function clockChange(year: number, month: 3 | 10): number {
  const last = dayNumberOf(`${year}-${month === 3 ? '03' : '10'}-31`);
  return (last - weekday(last)) * 86_400_000 + 3_600_000;
}

describe('londonDate', () => {
  // Reference values: UK summer time 2019 ran from 01:00 UTC on 31 March to 01:00 UTC on 27 October (gov.uk/when-do-the-clocks-change).
  it.each([
    { name: 'winter: London is on UTC', at: '2019-01-15T23:59:59Z', date: '2019-01-15' },
    { name: 'summer: 22:30 UTC is 23:30 BST, same day', at: '2019-08-31T22:30:00Z', date: '2019-08-31' },
    { name: 'summer: 23:00 UTC is midnight BST, next day', at: '2019-08-31T23:00:00Z', date: '2019-09-01' },
    { name: 'spring forward: a second before, still GMT', at: '2019-03-31T00:59:59Z', date: '2019-03-31' },
    { name: 'spring: the evening before the change', at: '2019-03-30T23:59:59Z', date: '2019-03-30' },
    { name: 'spring forward: the last day of March in BST', at: '2019-03-31T22:59:59Z', date: '2019-03-31' },
    {
      name: 'spring forward: 23:00 UTC on 31 March is 1 April BST',
      at: '2019-03-31T23:00:00Z',
      date: '2019-04-01',
    },
    {
      name: 'fall back: 23:30 UTC on 26 Oct is 00:30 BST on 27 Oct',
      at: '2019-10-26T23:30:00Z',
      date: '2019-10-27',
    },
    { name: 'fall back: 23:30 UTC on 27 Oct is GMT again', at: '2019-10-27T23:30:00Z', date: '2019-10-27' },
    { name: 'an offset east of London', at: '2019-07-01T00:30:00+02:00', date: '2019-06-30' },
    { name: 'an offset west of London', at: '2019-06-30T19:30:00-04:00', date: '2019-07-01' },
    { name: 'a half-hour offset without a colon', at: '2019-12-31T05:00:00+0530', date: '2019-12-30' },
    { name: 'an hour-only offset, as Postgres writes it', at: '2019-12-31 23:30:00+00', date: '2019-12-31' },
    { name: 'fractional seconds', at: '2019-08-31T22:59:59.999Z', date: '2019-08-31' },
    { name: 'no seconds', at: '2019-08-31T23:00Z', date: '2019-09-01' },
    { name: 'New Year in another zone', at: '2019-12-31T23:30:00-05:00', date: '2020-01-01' },
  ])('$name: $at → $date', ({ at, date }) => {
    expect(londonDate(at)).toBe(date);
    expect(intlLondonDate(Date.parse(at.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')))).toBe(date);
  });

  it('agrees with the tz database for any instant from 1996 to 2100', () => {
    const from = Date.UTC(1996, 0, 1);
    const to = Date.UTC(2100, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), (ms) => {
        expect(londonDate(new Date(ms).toISOString())).toBe(intlLondonDate(ms));
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with the tz database within an hour either side of every clock change', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1996, max: 2099 }),
        fc.constantFrom(3 as const, 10 as const),
        fc.integer({ min: -3_600_000, max: 3_600_000 }),
        (year, month, delta) => {
          const ms = clockChange(year, month) + delta;
          expect(londonOffsetMinutes(ms)).toBe(delta >= 0 === (month === 3) ? 60 : 0);
          expect(londonDate(new Date(ms).toISOString())).toBe(intlLondonDate(ms));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads the same instant written with any offset as the same London day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1996, 1, 1), max: Date.UTC(2099, 0, 1) }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (ms, offset) => {
          const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
          const sign = offset < 0 ? '-' : '+';
          const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
          const mm = String(Math.abs(offset) % 60).padStart(2, '0');
          const written = `${local}${sign}${hh}:${mm}`;
          expect(parseZonedTimestamp(written)).toBe(ms);
          expect(londonDayNumber(written)).toBe(londonDayNumber(new Date(ms).toISOString()));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives day numbers that round-trip through calendar dates', () => {
    expect(dateOfDayNumber(londonDayNumber('2019-08-31T22:30:00Z'))).toBe('2019-08-31');
  });
});

describe('londonToday', () => {
  it.each([
    [
      'a summer night after midnight in London (still yesterday in UTC)',
      Date.UTC(2026, 5, 30, 23, 30),
      '2026-07-01',
    ],
    ['the last minute of a summer day', Date.UTC(2026, 5, 30, 22, 59), '2026-06-30'],
    ['a winter night: London is on UTC', Date.UTC(2026, 11, 31, 23, 30), '2026-12-31'],
    ['New Year in winter', Date.UTC(2027, 0, 1, 0, 0), '2027-01-01'],
  ])('%s', (_name, nowMs, expected) => {
    expect(londonToday(nowMs)).toBe(expected);
  });

  it('is the London date of the instant, for any instant from 1996 to 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1996, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(londonToday(ms)).toBe(londonDate(new Date(ms).toISOString()));
      }),
    );
  });
});

describe('timestamps that are refused', () => {
  it.each([
    { name: 'no zone', text: '2019-03-31T10:00:00' },
    { name: 'no zone or seconds', text: '2019-03-31T10:00' },
    { name: 'no zone, fractional seconds', text: '2019-03-31T10:00:00.123' },
    { name: 'a date alone', text: '2019-03-31' },
  ])('without a zone — $name: "$text"', ({ text }) => {
    expect(isZonedTimestamp(text)).toBe(false);
    expect(() => londonDayNumber(text)).toThrow(expect.objectContaining({ code: 'timestamp_without_zone' }));
    expect(() => londonDayNumber(text)).toThrow(/no time zone/);
  });

  it.each([
    { name: 'empty', text: '' },
    { name: 'words', text: 'yesterday at 5pm' },
    { name: 'a 29 February in a common year', text: '2019-02-29T10:00:00Z' },
    { name: 'month 13', text: '2019-13-01T10:00:00Z' },
    { name: 'hour 24', text: '2019-03-31T24:00:00Z' },
    { name: 'minute 60', text: '2019-03-31T10:60:00Z' },
    { name: 'second 60', text: '2019-03-31T10:00:60Z' },
    { name: 'offset hours out of range', text: '2019-03-31T10:00:00+25:00' },
    { name: 'two zones', text: '2019-03-31T10:00:00ZZ' },
    { name: 'a zone name', text: '2019-03-31T10:00:00 BST' },
    { name: 'a dot with no fraction', text: '2019-03-31T10:00:00.Z' },
    { name: 'a slash date', text: '31/03/2019T10:00:00Z' },
    { name: 'a non-digit in the year', text: '20x9-03-31T10:00:00Z' },
    { name: 'a three-digit offset', text: '2019-03-31T10:00:00+010' },
  ])('unreadable — $name: "$text"', ({ text }) => {
    expect(isZonedTimestamp(text)).toBe(false);
    expect(() => parseZonedTimestamp(text)).toThrow(expect.objectContaining({ code: 'invalid_timestamp' }));
  });

  it('refuses instants before 1996, when a different summer-time rule applied', () => {
    expect(() => londonDate('1995-10-25T12:00:00Z')).toThrow(
      expect.objectContaining({ code: 'invalid_timestamp' }),
    );
  });
});
