import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayNumberOf, weekday } from './calendar-date';
import { londonDayNumber } from './london-date';
import { TIME_BUCKETS, periodBucketer, periodOf } from './periods';
import type { PracticeWeek } from './practice-weeks';

// Two practice weeks as a QA lead would set them up (Monday to Friday, London dates).
const WEEKS: PracticeWeek[] = [
  {
    id: 'pw-2019-autumn',
    label: 'Practice week, autumn 2019',
    startDate: '2019-10-21',
    endDate: '2019-10-25',
  },
  {
    id: 'pw-2019-spring',
    label: 'Practice week, spring 2019',
    startDate: '2019-03-25',
    endDate: '2019-03-29',
  },
];

describe('periodOf', () => {
  // Reference values: the calendar, UK financial year 1 April–31 March (HM Treasury), and BST 2019 (gov.uk).
  it.each([
    {
      name: 'a month',
      at: '2019-09-15T10:00:00Z',
      bucket: 'month',
      id: '2019-09',
      label: 'September 2019',
      start: '2019-09-01',
      end: '2019-09-30',
    },
    {
      name: 'a leap February',
      at: '2020-02-29T12:00:00Z',
      bucket: 'month',
      id: '2020-02',
      label: 'February 2020',
      start: '2020-02-01',
      end: '2020-02-29',
    },
    {
      name: 'a calendar quarter',
      at: '2019-08-01T09:00:00Z',
      bucket: 'quarter',
      id: '2019-Q3',
      label: 'Q3 2019 (Jul–Sep)',
      start: '2019-07-01',
      end: '2019-09-30',
    },
    {
      name: 'the first quarter',
      at: '2019-01-01T00:00:00Z',
      bucket: 'quarter',
      id: '2019-Q1',
      label: 'Q1 2019 (Jan–Mar)',
      start: '2019-01-01',
      end: '2019-03-31',
    },
    {
      name: 'a financial year from its first day',
      at: '2019-04-01T08:00:00+01:00',
      bucket: 'financial-year',
      id: 'FY2019-20',
      label: 'Financial year 2019/20',
      start: '2019-04-01',
      end: '2020-03-31',
    },
    {
      name: 'a financial year in January',
      at: '2020-01-10T12:00:00Z',
      bucket: 'financial-year',
      id: 'FY2019-20',
      label: 'Financial year 2019/20',
      start: '2019-04-01',
      end: '2020-03-31',
    },
    {
      name: 'the financial year ending in 2000',
      at: '2000-03-31T12:00:00Z',
      bucket: 'financial-year',
      id: 'FY1999-00',
      label: 'Financial year 1999/00',
      start: '1999-04-01',
      end: '2000-03-31',
    },
    {
      name: 'Q1 of a financial year',
      at: '2019-06-30T22:59:00Z',
      bucket: 'financial-quarter',
      id: 'FY2019-20-Q1',
      label: 'Q1 2019/20 (Apr–Jun 2019)',
      start: '2019-04-01',
      end: '2019-06-30',
    },
    {
      name: 'Q3 of a financial year',
      at: '2019-12-31T23:59:59Z',
      bucket: 'financial-quarter',
      id: 'FY2019-20-Q3',
      label: 'Q3 2019/20 (Oct–Dec 2019)',
      start: '2019-10-01',
      end: '2019-12-31',
    },
    {
      name: 'Q4 of a financial year',
      at: '2020-02-29T12:00:00Z',
      bucket: 'financial-quarter',
      id: 'FY2019-20-Q4',
      label: 'Q4 2019/20 (Jan–Mar 2020)',
      start: '2020-01-01',
      end: '2020-03-31',
    },
    {
      name: 'a practice week',
      at: '2019-10-23T14:00:00+01:00',
      bucket: 'practice-week',
      id: 'pw-2019-autumn',
      label: 'Practice week, autumn 2019',
      start: '2019-10-21',
      end: '2019-10-25',
    },
    {
      name: 'the last evening of a practice week in BST (23:59 BST on Friday)',
      at: '2019-10-25T22:59:00Z',
      bucket: 'practice-week',
      id: 'pw-2019-autumn',
      label: 'Practice week, autumn 2019',
      start: '2019-10-21',
      end: '2019-10-25',
    },
  ] as const)('$name: $at', ({ at, bucket, id, label, start, end }) => {
    expect(periodOf(at, bucket, WEEKS)).toEqual({ bucket, id, label, startDate: start, endDate: end });
  });

  // Reference values: PRODUCT.md "a late-evening audit on the last day of a month in summer time belongs to that month".
  it.each([
    { name: '23:30 BST on 31 August is August', at: '2019-08-31T22:30:00Z', bucket: 'month', id: '2019-08' },
    {
      name: '00:30 BST on 1 September is September',
      at: '2019-08-31T23:30:00Z',
      bucket: 'month',
      id: '2019-09',
    },
    {
      name: '23:59 BST on 31 March 2019 is FY2018-19',
      at: '2019-03-31T22:59:00Z',
      bucket: 'financial-year',
      id: 'FY2018-19',
    },
    {
      name: '00:00 BST on 1 April 2019 is FY2019-20',
      at: '2019-03-31T23:00:00Z',
      bucket: 'financial-year',
      id: 'FY2019-20',
    },
    {
      name: '23:30 BST on 30 September is calendar Q3',
      at: '2019-09-30T22:30:00Z',
      bucket: 'quarter',
      id: '2019-Q3',
    },
    {
      name: '00:30 BST on 26 Oct (night before fall-back) is October',
      at: '2019-10-25T23:30:00Z',
      bucket: 'month',
      id: '2019-10',
    },
    {
      name: '00:30 BST on the Monday a practice week starts is inside it',
      at: '2019-10-20T23:30:00Z',
      bucket: 'practice-week',
      id: 'pw-2019-autumn',
    },
    {
      name: '00:30 BST on the Saturday after a practice week is outside it',
      at: '2019-10-25T23:30:00Z',
      bucket: 'practice-week',
      id: null,
    },
  ] as const)('$name', ({ at, bucket, id }) => {
    expect(periodOf(at, bucket, WEEKS)?.id ?? null).toBe(id);
  });

  it('returns null for an audit outside every practice week', () => {
    expect(periodOf('2019-06-12T12:00:00Z', 'practice-week', WEEKS)).toBeNull();
  });
});

describe('properties', () => {
  const instant = fc.integer({ min: Date.UTC(1996, 0, 3), max: Date.UTC(2099, 11, 29) });

  it('moving a completion time inside one London day never changes its period', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: -26 * 3_600_000, max: 26 * 3_600_000 }),
        fc.constantFrom(...TIME_BUCKETS),
        (ms, shift, bucket) => {
          const a = new Date(ms).toISOString();
          const b = new Date(ms + shift).toISOString();
          fc.pre(londonDayNumber(a) === londonDayNumber(b));
          expect(periodOf(b, bucket, WEEKS)).toEqual(periodOf(a, bucket, WEEKS));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('late evening (23:00–23:59 BST) on the last day of a summer-time month lands in that month, and just after midnight in the next', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1996, max: 2098 }),
        fc.integer({ min: 3, max: 9 }),
        fc.integer({ min: 0, max: 3_599_999 }),
        (year, month, intoHour) => {
          const monthId = `${year}-${String(month).padStart(2, '0')}`;
          const next = `${year}-${String(month + 1).padStart(2, '0')}`;
          const lastDay = dayNumberOf(`${monthId}-01`) + new Date(Date.UTC(year, month, 0)).getUTCDate() - 1;
          const elevenPmBst = lastDay * 86_400_000 + 22 * 3_600_000; // 23:00 BST is 22:00 UTC
          expect(periodOf(new Date(elevenPmBst + intoHour).toISOString(), 'month')?.id).toBe(monthId);
          expect(periodOf(new Date(elevenPmBst + 3_600_000 + intoHour).toISOString(), 'month')?.id).toBe(
            next,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the hours around each clock change land on the London date of the change, in its month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1996, max: 2099 }),
        fc.constantFrom('03', '10'),
        fc.integer({ min: -3_600_000, max: 7_199_999 }),
        (year, month, delta) => {
          const last = dayNumberOf(`${year}-${month}-31`);
          const sunday = last - weekday(last);
          const ms = sunday * 86_400_000 + 3_600_000 + delta; // 00:00–03:00 UTC around the 01:00 UTC change
          expect(londonDayNumber(new Date(ms).toISOString())).toBe(sunday);
          expect(periodOf(new Date(ms).toISOString(), 'month')?.id).toBe(`${year}-${month}`);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('periodBucketer', () => {
  it('lists every period overlapping a range, in order', () => {
    const bucketer = periodBucketer('financial-quarter');
    const keys = bucketer.keysOverlapping(dayNumberOf('2019-03-31'), dayNumberOf('2019-10-01'));
    expect(keys.map((key) => bucketer.period(key).id)).toEqual([
      'FY2018-19-Q4',
      'FY2019-20-Q1',
      'FY2019-20-Q2',
      'FY2019-20-Q3',
    ]);
  });
});
