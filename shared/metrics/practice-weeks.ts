/**
 * Practice weeks as periods. Unlike months, they are whatever the QA lead set up (a week may
 * run Monday to Friday, or be moved for a bank holiday), so they come in as data: an id, a
 * label and London start and end dates, inclusive. An audit belongs to the week whose London
 * date range contains its completion date, and to no week if none does. Weeks must not
 * overlap, or one audit could count twice.
 */
import { z } from 'zod';
import { DomainError } from '../errors/domain-error';
import { dayNumberOf } from './calendar-date';
import { calendarDateSchema } from '../validation/bounded-date';
import type { PeriodBucketer } from './periods';

/** A practice week as the QA lead sets it up: London dates, inclusive (a "week" may run Mon–Fri). */
export const practiceWeekSchema = z
  .object({
    id: z.string().min(1),
    label: z.string().min(1),
    startDate: calendarDateSchema,
    endDate: calendarDateSchema,
  })
  .refine((week) => week.startDate <= week.endDate, {
    message: 'A practice week cannot end before it starts.',
  });
/** One practice week: id, label, London start and end dates (inclusive). */
export type PracticeWeek = z.infer<typeof practiceWeekSchema>;

/**
 * A bucketer whose keys are the weeks' positions in date order (whatever order they came in);
 * a day is placed by binary search, so many weeks cost little per audit.
 * @throws DomainError `invalid_practice_weeks` for weeks that overlap, share an id or end
 *   before they start; `invalid_date` for a date that is not YYYY-MM-DD.
 */
export function practiceWeekBucketer(weeks: readonly PracticeWeek[]): PeriodBucketer {
  const sorted = weeks
    .map((week) => ({ week, start: dayNumberOf(week.startDate), end: dayNumberOf(week.endDate) }))
    .sort((a, b) => a.start - b.start);
  const ids = new Set<string>();
  sorted.forEach((entry, i) => {
    const previous = sorted[i - 1];
    if (entry.end < entry.start) {
      throw new DomainError(
        'invalid_practice_weeks',
        `Practice week "${entry.week.label}" ends before it starts.`,
      );
    }
    if (previous && entry.start <= previous.end) {
      throw new DomainError(
        'invalid_practice_weeks',
        `Practice weeks "${previous.week.label}" and "${entry.week.label}" overlap, so an audit could belong to both.`,
      );
    }
    if (ids.has(entry.week.id)) {
      throw new DomainError('invalid_practice_weeks', `Two practice weeks share the id "${entry.week.id}".`);
    }
    ids.add(entry.week.id);
  });
  return {
    keyOfDay(day) {
      let lo = 0;
      let hi = sorted.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const entry = sorted[mid];
        if (!entry) break;
        if (day < entry.start) hi = mid - 1;
        else if (day > entry.end) lo = mid + 1;
        else return mid;
      }
      return -1;
    },
    period(key) {
      const entry = sorted[key];
      if (!entry) throw new DomainError('invalid_practice_weeks', `There is no practice week number ${key}.`);
      const { id, label, startDate, endDate } = entry.week;
      return { bucket: 'practice-week', id, label, startDate, endDate };
    },
    keysOverlapping(fromDay, toDay) {
      return sorted.flatMap((entry, key) => (entry.start <= toDay && entry.end >= fromDay ? [key] : []));
    },
  };
}
