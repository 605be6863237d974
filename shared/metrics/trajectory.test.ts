import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dateOfDayNumber, dayNumberOf } from './calendar-date';
import { addDays } from './time-values';
import { finalTarget, trajectorySchema, trajectoryValue, type Trajectory } from './trajectory';
// Two targets of the council's plan (PRODUCT.md).
import {
  AT_LEAST_GOOD_TRAJECTORY as AT_LEAST_GOOD,
  SUPERVISION_TRAJECTORY as SUPERVISION,
} from './council-plan-trajectories';

describe('trajectoryValue', () => {
  // Reference values: linear interpolation by calendar day, worked by hand from the plans above.
  it.each([
    { name: 'before the baseline it is the baseline', t: AT_LEAST_GOOD, date: '2018-11-30', value: 0.35 },
    { name: 'on the baseline date', t: AT_LEAST_GOOD, date: '2019-01-31', value: 0.35 },
    {
      name: '31 May: 0.35 + 0.25 × 120/242',
      t: AT_LEAST_GOOD,
      date: '2019-05-31',
      value: 0.35 + (0.25 * 120) / 242,
    },
    {
      name: '31 Aug: 0.35 + 0.25 × 212/242',
      t: AT_LEAST_GOOD,
      date: '2019-08-31',
      value: 0.35 + (0.25 * 212) / 242,
    },
    { name: 'on a milestone it is exactly its target', t: AT_LEAST_GOOD, date: '2019-09-30', value: 0.6 },
    {
      name: '31 Oct: 0.60 + 0.25 × 31/92',
      t: AT_LEAST_GOOD,
      date: '2019-10-31',
      value: 0.6 + (0.25 * 31) / 92,
    },
    { name: 'on the final milestone', t: AT_LEAST_GOOD, date: '2019-12-31', value: 0.85 },
    {
      name: 'after the last milestone it is the final target',
      t: AT_LEAST_GOOD,
      date: '2020-03-31',
      value: 0.85,
    },
    {
      name: 'supervision, 31 Mar: 0.38 + 0.12 × 31/61',
      t: SUPERVISION,
      date: '2019-03-31',
      value: 0.38 + (0.12 * 31) / 61,
    },
    { name: 'supervision, on the April milestone', t: SUPERVISION, date: '2019-04-30', value: 0.5 },
    {
      name: 'supervision, 31 May: 0.50 + 0.30 × 31/153',
      t: SUPERVISION,
      date: '2019-05-31',
      value: 0.5 + (0.3 * 31) / 153,
    },
  ])('$name', ({ t, date, value }) => {
    expect(trajectoryValue(t, date)).toBeCloseTo(value, 12);
  });

  it('the final target is the last milestone', () => {
    expect(finalTarget(SUPERVISION)).toBe(0.8);
  });

  it('lies between the neighbouring points and never falls on a rising plan', () => {
    const start = dayNumberOf('2018-06-01');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 30 }), (offset, step) => {
        const a = trajectoryValue(AT_LEAST_GOOD, dateOfDayNumber(addDays(start, offset)));
        const b = trajectoryValue(AT_LEAST_GOOD, dateOfDayNumber(addDays(start, offset + step)));
        expect(b).toBeGreaterThanOrEqual(a - 1e-12);
        expect(a).toBeGreaterThanOrEqual(0.35);
        expect(a).toBeLessThanOrEqual(0.85);
      }),
      { numRuns: 200 },
    );
  });
});

describe('trajectories that are refused', () => {
  it.each([
    { name: 'no milestones', t: { baseline: { date: '2019-01-31', value: 0.35 }, milestones: [] } },
    {
      name: 'a milestone before the baseline',
      t: { baseline: { date: '2019-01-31', value: 0.35 }, milestones: [{ date: '2018-12-31', target: 0.6 }] },
    },
    {
      name: 'two milestones on one date',
      t: {
        baseline: { date: '2019-01-31', value: 0.35 },
        milestones: [
          { date: '2019-09-30', target: 0.6 },
          { date: '2019-09-30', target: 0.7 },
        ],
      },
    },
    {
      name: 'milestones out of order',
      t: {
        baseline: { date: '2019-01-31', value: 0.35 },
        milestones: [
          { date: '2019-12-31', target: 0.85 },
          { date: '2019-09-30', target: 0.6 },
        ],
      },
    },
    {
      name: 'a target written as a percentage',
      t: { baseline: { date: '2019-01-31', value: 0.35 }, milestones: [{ date: '2019-09-30', target: 60 }] },
    },
    {
      name: 'a date that does not exist',
      t: { baseline: { date: '2019-02-30', value: 0.35 }, milestones: [{ date: '2019-09-30', target: 0.6 }] },
    },
  ])('$name', ({ t }) => {
    expect(trajectorySchema.safeParse(t).success).toBe(false);
    expect(() => trajectoryValue(t as Trajectory, '2019-05-31')).toThrow(
      expect.objectContaining({ code: 'invalid_trajectory' }),
    );
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => trajectoryValue(AT_LEAST_GOOD, '31/05/2019')).toThrow(
      expect.objectContaining({ code: 'invalid_date' }),
    );
  });
});
