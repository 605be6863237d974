import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addWorkingMinutes, workingMinutesBetween } from './working-hours';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

/** London wall clock of an instant, by Intl's tz database: the independent oracle. */
function londonClock(ms: number): { weekday: string; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return { weekday: get('weekday'), hour: Number(get('hour')), minute: Number(get('minute')) };
}

describe('addWorkingMinutes (Mon–Fri 09:00–17:00 Europe/London)', () => {
  it.each([
    {
      name: 'inside one day (BST)',
      start: '2026-10-14T09:00:00Z',
      minutes: 240,
      due: '2026-10-14T13:00:00Z',
    },
    {
      name: 'Friday 16:00 BST runs over the weekend to Monday 12:00 BST',
      start: '2026-10-16T15:00:00Z',
      minutes: 240,
      due: '2026-10-19T11:00:00Z',
    },
    {
      name: 'raised on a Saturday: Monday 13:00 BST',
      start: '2026-10-17T10:00:00Z',
      minutes: 240,
      due: '2026-10-19T12:00:00Z',
    },
    {
      name: 'raised at night: next morning 13:00 GMT',
      start: '2026-12-01T22:00:00Z',
      minutes: 240,
      due: '2026-12-02T13:00:00Z',
    },
    {
      name: 'raised before opening: 09:00 + 4 h GMT',
      start: '2026-12-02T07:30:00Z',
      minutes: 240,
      due: '2026-12-02T13:00:00Z',
    },
    // Clocks go back on Sunday 25 October 2026: Friday 16:00 BST + 4 h is Monday 12:00 GMT.
    {
      name: 'over the autumn clock change',
      start: '2026-10-23T15:00:00Z',
      minutes: 240,
      due: '2026-10-26T12:00:00Z',
    },
    // Clocks go forward on Sunday 29 March 2026: Friday 15:00 GMT + 4 h is Monday 11:00 BST.
    {
      name: 'over the spring clock change',
      start: '2026-03-27T15:00:00Z',
      minutes: 240,
      due: '2026-03-30T10:00:00Z',
    },
    {
      name: 'raised at closing time: the clock starts next morning',
      start: '2026-10-14T16:00:00Z',
      minutes: 30,
      due: '2026-10-15T08:30:00Z',
    },
    {
      name: 'a whole working week',
      start: '2026-10-12T08:00:00Z',
      minutes: 5 * 8 * 60,
      due: '2026-10-16T16:00:00Z',
    },
  ])('$name', ({ start, minutes, due }) => {
    expect(iso(addWorkingMinutes(at(start), minutes))).toBe(new Date(due).toISOString());
  });

  it('skips bank holidays it is given', () => {
    const holidays = new Set(['2026-12-25', '2026-12-28']);
    // Thursday 24 December 16:00 GMT + 4 h: 1 h on Thursday, then Tuesday 29th 09:00 + 3 h.
    expect(iso(addWorkingMinutes(at('2026-12-24T16:00:00Z'), 240, { holidays }))).toBe(
      '2026-12-29T12:00:00.000Z',
    );
  });

  it('lands inside working hours, on a weekday, exactly the asked working minutes later', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: at('2019-01-01T00:00:00Z'), max: at('2030-12-31T00:00:00Z') }),
        fc.integer({ min: 1, max: 6000 }),
        (start, minutes) => {
          const due = addWorkingMinutes(start, minutes);
          expect(due).toBeGreaterThan(start);
          const clock = londonClock(due);
          expect(['Sat', 'Sun']).not.toContain(clock.weekday);
          const minuteOfDay = clock.hour * 60 + clock.minute;
          expect(minuteOfDay).toBeGreaterThanOrEqual(9 * 60);
          expect(minuteOfDay).toBeLessThanOrEqual(17 * 60);
          expect(workingMinutesBetween(start, due)).toBeCloseTo(minutes, 6);
        },
      ),
    );
  });
});

describe('workingMinutesBetween', () => {
  it.each([
    {
      name: 'a weekend counts nothing',
      from: '2026-10-17T08:00:00Z',
      to: '2026-10-18T20:00:00Z',
      minutes: 0,
    },
    {
      name: 'Friday 16:30 BST to Monday 09:30 BST',
      from: '2026-10-16T15:30:00Z',
      to: '2026-10-19T08:30:00Z',
      minutes: 60,
    },
    { name: 'backwards is 0', from: '2026-10-16T15:30:00Z', to: '2026-10-16T10:00:00Z', minutes: 0 },
  ])('$name → $minutes', ({ from, to, minutes }) => {
    expect(workingMinutesBetween(at(from), at(to))).toBe(minutes);
  });
});
