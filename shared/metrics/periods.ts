/**
 * The periods a metric is reported in: calendar months and quarters, the UK financial year
 * (April–March) and its quarters, and practice weeks (see practice-weeks.ts). Every period is a range of
 * Europe/London calendar days, inclusive at both ends, so an audit belongs to the period that
 * contains the London date it was completed on (see london-date.ts).
 *
 * Periods are identified by small integer keys while audits are binned (a month is
 * `year * 12 + month - 1`), because building a label per audit would dominate a metric over
 * 100,000 audits; the `Period` with its id, label and dates is only made once per period.
 */
import { z } from 'zod';
import { civilFromDays, dateOfDayNumber, daysFromCivil, daysInMonth } from './calendar-date';
import { londonDayNumber } from './london-date';
import { practiceWeekBucketer, type PracticeWeek } from './practice-weeks';
import type { DayNumber } from './time-values';
import { MONTH_NAMES } from './month-names';

/** How a metric buckets time. */
export const TIME_BUCKETS = [
  'month',
  'quarter',
  'financial-year',
  'financial-quarter',
  'practice-week',
] as const;
/** One of TIME_BUCKETS. */
export const timeBucketSchema = z.enum(TIME_BUCKETS);
/** 'month' | 'quarter' | 'financial-year' | 'financial-quarter' | 'practice-week'. */
export type TimeBucket = z.infer<typeof timeBucketSchema>;

/** One reporting period: its stable id (e.g. "2019-09", "2019-Q3", "FY2019-20-Q1"), a label for people, and its London dates. */
export interface Period {
  bucket: TimeBucket;
  id: string;
  label: string;
  startDate: string;
  endDate: string;
}

/** Bins London day numbers into period keys; built once per metric evaluation. */
export interface PeriodBucketer {
  /** The key of the period containing a London day number, or -1 when none does (a day outside every practice week). */
  keyOfDay(day: DayNumber): number;
  /** The period a key stands for. */
  period(key: number): Period;
  /** Keys of every period that overlaps the London days `fromDay`..`toDay`, in time order. */
  keysOverlapping(fromDay: DayNumber, toDay: DayNumber): number[];
}

const short = (month: number): string => (MONTH_NAMES[month - 1] ?? '').slice(0, 3);
const pad = (n: number): string => String(n).padStart(2, '0');

/** A bucketer for periods of `monthsPerPeriod` months, the first starting in `firstMonth` of a year. */
function monthlyBucketer(
  bucket: TimeBucket,
  monthsPerPeriod: number,
  firstMonth: number,
  describe: (startYear: number, startMonth: number, index: number) => { id: string; label: string },
): PeriodBucketer {
  const keyOfDay = (day: DayNumber): number => {
    const { year, month } = civilFromDays(day);
    return Math.floor((year * 12 + month - firstMonth) / monthsPerPeriod);
  };
  return {
    keyOfDay,
    period(key) {
      const startMonthIndex = key * monthsPerPeriod + firstMonth - 1;
      const year = Math.floor(startMonthIndex / 12);
      const month = (startMonthIndex % 12) + 1;
      const endIndex = startMonthIndex + monthsPerPeriod - 1;
      const endYear = Math.floor(endIndex / 12);
      const endMonth = (endIndex % 12) + 1;
      const perYear = 12 / monthsPerPeriod;
      const index = (((key % perYear) + perYear) % perYear) + 1;
      return {
        bucket,
        ...describe(year, month, index),
        startDate: dateOfDayNumber(daysFromCivil(year, month, 1)),
        endDate: dateOfDayNumber(daysFromCivil(endYear, endMonth, daysInMonth(endYear, endMonth))),
      };
    },
    keysOverlapping(fromDay, toDay) {
      const keys: number[] = [];
      for (let key = keyOfDay(fromDay), last = keyOfDay(toDay); key <= last; key++) keys.push(key);
      return keys;
    },
  };
}

const financialYear = (startYear: number): string => `${startYear}/${pad((startYear + 1) % 100)}`;

/**
 * A bucketer for one kind of period.
 * @throws DomainError `invalid_practice_weeks` for practice weeks that overlap, share an id or
 *   end before they start (an audit must belong to at most one week).
 * @example periodBucketer('financial-quarter').period(2019 * 4) // Q1 2019/20, 2019-04-01 to 2019-06-30
 */
export function periodBucketer(
  bucket: TimeBucket,
  practiceWeeks: readonly PracticeWeek[] = [],
): PeriodBucketer {
  switch (bucket) {
    case 'month':
      return monthlyBucketer(bucket, 1, 1, (y, m) => ({
        id: `${y}-${pad(m)}`,
        label: `${MONTH_NAMES[m - 1]} ${y}`,
      }));
    case 'quarter':
      return monthlyBucketer(bucket, 3, 1, (y, m, q) => ({
        id: `${y}-Q${q}`,
        label: `Q${q} ${y} (${short(m)}–${short(m + 2)})`,
      }));
    case 'financial-year':
      return monthlyBucketer(bucket, 12, 4, (y) => ({
        id: `FY${y}-${pad((y + 1) % 100)}`,
        label: `Financial year ${financialYear(y)}`,
      }));
    case 'financial-quarter':
      return monthlyBucketer(bucket, 3, 4, (y, m, q) => {
        const startYear = m >= 4 ? y : y - 1;
        const endMonth = m + 2; // a financial quarter never crosses a calendar year
        return {
          id: `FY${startYear}-${pad((startYear + 1) % 100)}-Q${q}`,
          label: `Q${q} ${financialYear(startYear)} (${short(m)}–${short(endMonth)} ${y})`,
        };
      });
    case 'practice-week':
      return practiceWeekBucketer(practiceWeeks);
  }
}

/**
 * The period a completion timestamp belongs to, or null when it is in no practice week.
 * Convenient for one audit; a metric uses `periodBucketer` directly.
 * @throws DomainError as `londonDayNumber`, and as `periodBucketer`.
 * @example periodOf('2019-08-31T22:30:00Z', 'month')?.id // '2019-08' (23:30 BST on 31 August)
 */
export function periodOf(
  timestamp: string,
  bucket: TimeBucket,
  practiceWeeks: readonly PracticeWeek[] = [],
): Period | null {
  const bucketer = periodBucketer(bucket, practiceWeeks);
  const key = bucketer.keyOfDay(londonDayNumber(timestamp));
  return key < 0 ? null : bucketer.period(key);
}
