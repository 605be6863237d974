import { describe, expect, it } from 'vitest';
import { dateOfDayNumber, dayNumberOf } from './calendar-date';
import { addDays } from './time-values';
import { practiceWeekBucketer, practiceWeekSchema, type PracticeWeek } from './practice-weeks';

const week = (id: string, startDate: string, endDate: string): PracticeWeek => ({
  id,
  label: id,
  startDate,
  endDate,
});
// Two practice weeks as a QA lead would set them up (Monday to Friday), given out of order.
const WEEKS = [week('autumn', '2019-10-21', '2019-10-25'), week('spring', '2019-03-25', '2019-03-29')];

describe('practiceWeekBucketer', () => {
  it.each([
    { name: 'the first day of a week', date: '2019-03-25', id: 'spring' },
    { name: 'the last day of a week (inclusive)', date: '2019-03-29', id: 'spring' },
    { name: 'a day inside the later week', date: '2019-10-23', id: 'autumn' },
    { name: 'the day before a week', date: '2019-03-24', id: null },
    { name: 'the day after a week', date: '2019-10-26', id: null },
    { name: 'between the weeks', date: '2019-06-01', id: null },
  ])('$name: $date → $id', ({ date, id }) => {
    const bucketer = practiceWeekBucketer(WEEKS);
    const key = bucketer.keyOfDay(dayNumberOf(date));
    expect(key < 0 ? null : bucketer.period(key).id).toBe(id);
  });

  it('lists weeks overlapping a range in date order, whatever order they were given in', () => {
    const bucketer = practiceWeekBucketer(WEEKS);
    const keys = bucketer.keysOverlapping(dayNumberOf('2019-01-01'), dayNumberOf('2019-12-31'));
    expect(keys.map((key) => bucketer.period(key).id)).toEqual(['spring', 'autumn']);
  });

  it('places a day among many weeks', () => {
    const many = Array.from({ length: 52 }, (_, i) => {
      const start = addDays(dayNumberOf('2019-01-07'), i * 7);
      return week(`w${i + 1}`, dateOfDayNumber(start), dateOfDayNumber(addDays(start, 4)));
    });
    const bucketer = practiceWeekBucketer(many);
    expect(bucketer.period(bucketer.keyOfDay(dayNumberOf('2019-06-12'))).id).toBe('w23');
    expect(bucketer.keyOfDay(dayNumberOf('2019-06-15'))).toBe(-1); // a Saturday
  });
});

describe('practice weeks that are refused', () => {
  it.each([
    {
      name: 'overlapping weeks',
      weeks: [week('a', '2019-03-25', '2019-03-29'), week('b', '2019-03-29', '2019-04-02')],
      code: 'invalid_practice_weeks',
    },
    {
      name: 'a shared id',
      weeks: [week('a', '2019-03-25', '2019-03-29'), week('a', '2019-10-21', '2019-10-25')],
      code: 'invalid_practice_weeks',
    },
    {
      name: 'a week ending before it starts',
      weeks: [week('a', '2019-03-29', '2019-03-25')],
      code: 'invalid_practice_weeks',
    },
    {
      name: 'a date that does not exist',
      weeks: [week('a', '2019-02-29', '2019-03-01')],
      code: 'invalid_date',
    },
  ])('$name', ({ weeks, code }) => {
    expect(() => practiceWeekBucketer(weeks)).toThrow(expect.objectContaining({ code }));
  });

  it.each([
    { name: 'a week ending before it starts', json: week('a', '2019-03-29', '2019-03-25') },
    { name: 'a British-order date', json: week('a', '25/03/2019', '2019-03-29') },
    { name: 'no label', json: { ...week('a', '2019-03-25', '2019-03-29'), label: '' } },
  ])('the schema refuses $name', ({ json }) => {
    expect(practiceWeekSchema.safeParse(json).success).toBe(false);
  });
});
