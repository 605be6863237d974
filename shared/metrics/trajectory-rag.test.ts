import { describe, expect, it } from 'vitest';
import { trajectoryRag, type RagInput } from './trajectory-rag';
import type { Trajectory } from './trajectory';
// The council's plan (PRODUCT.md): at least good, re-based to 35% (Jan 2019); good supervision.
import {
  AT_LEAST_GOOD_TRAJECTORY as REBASED,
  SUPERVISION_TRAJECTORY as SUPERVISION,
} from './council-plan-trajectories';

// The same plan before it was re-based: 47% at Oct 2018.
const ORIGINAL: Trajectory = { ...REBASED, baseline: { date: '2018-10-31', value: 0.47 } };
// The council's plan (PRODUCT.md): "95% of cases to receive management oversight/supervision by April 2019".
// The plan publishes no baseline; 70% at the end of January 2019 is ASSUMED here to make a trajectory.
const OVERSIGHT: Trajectory = {
  baseline: { date: '2019-01-31', value: 0.7 },
  milestones: [{ date: '2019-04-30', target: 0.95 }],
};

const AFTER_THE_PLAN = '2020-02-01';

describe('trajectoryRag on the councils’ real targets', () => {
  // Expected trajectory values are worked by hand by calendar day (see trajectory.test.ts);
  // Wilson upper bounds from the Wilson 1927 formula (e.g. 8 of 20 → 0.613, 14 of 20 → 0.855, 6 of 20 → 0.519).
  it.each([
    // Rule 1 — no data
    {
      name: 'no audits at all',
      t: REBASED,
      k: 0,
      n: 0,
      end: '2019-05-31',
      on: AFTER_THE_PLAN,
      colour: 'no-data',
      rule: 1,
      trajectory: 0.474,
      value: null,
    },
    {
      name: 'four audits are fewer than the minimum 5',
      t: REBASED,
      k: 4,
      n: 4,
      end: '2019-05-31',
      on: AFTER_THE_PLAN,
      colour: 'no-data',
      rule: 1,
      trajectory: 0.474,
      value: 1,
    },
    // Rule 2 — Blue
    {
      name: '90% in Dec 2019 meets the final 85%',
      t: REBASED,
      k: 18,
      n: 20,
      end: '2019-12-31',
      on: AFTER_THE_PLAN,
      colour: 'blue',
      rule: 2,
      trajectory: 0.85,
      value: 0.9,
    },
    {
      name: '85% supervision in Sept 2019 beats the final 80%',
      t: SUPERVISION,
      k: 17,
      n: 20,
      end: '2019-09-30',
      on: '2019-10-10',
      colour: 'blue',
      rule: 2,
      trajectory: 0.8,
      value: 0.85,
    },
    {
      name: 'exactly 95% oversight in April 2019 (19 of 20) is achieved',
      t: OVERSIGHT,
      k: 19,
      n: 20,
      end: '2019-04-30',
      on: '2019-05-10',
      colour: 'blue',
      rule: 2,
      trajectory: 0.95,
      value: 0.95,
    },
    // Rule 3 — Red: a milestone already due was missed by more than 10 points
    {
      name: '45% in Oct 2019 missed Sept’s 60% by 15 points',
      t: REBASED,
      k: 9,
      n: 20,
      end: '2019-10-31',
      on: AFTER_THE_PLAN,
      colour: 'red',
      rule: 3,
      trajectory: 0.684,
      value: 0.45,
    },
    {
      name: '70% in Dec 2019 missed Dec’s 85% (though the interval reaches it)',
      t: REBASED,
      k: 14,
      n: 20,
      end: '2019-12-31',
      on: AFTER_THE_PLAN,
      colour: 'red',
      rule: 3,
      trajectory: 0.85,
      value: 0.7,
    },
    {
      name: '30% supervision in April 2019 missed April’s 50%',
      t: SUPERVISION,
      k: 6,
      n: 20,
      end: '2019-04-30',
      on: '2019-05-10',
      colour: 'red',
      rule: 3,
      trajectory: 0.5,
      value: 0.3,
    },
    {
      name: '80% oversight in April 2019 missed 95% by 15 points',
      t: OVERSIGHT,
      k: 16,
      n: 20,
      end: '2019-04-30',
      on: '2019-05-10',
      colour: 'red',
      rule: 3,
      trajectory: 0.95,
      value: 0.8,
    },
    // Rule 4 — Green
    {
      name: '50% in May 2019 is above the line (47.4%)',
      t: REBASED,
      k: 10,
      n: 20,
      end: '2019-05-31',
      on: AFTER_THE_PLAN,
      colour: 'green',
      rule: 4,
      trajectory: 0.474,
      value: 0.5,
    },
    {
      name: 'the re-based 35% baseline month is on the line',
      t: REBASED,
      k: 7,
      n: 20,
      end: '2019-01-31',
      on: '2019-02-10',
      colour: 'green',
      rule: 4,
      trajectory: 0.35,
      value: 0.35,
    },
    {
      name: 'before the baseline the line is the baseline',
      t: REBASED,
      k: 4,
      n: 10,
      end: '2018-11-30',
      on: '2018-12-10',
      colour: 'green',
      rule: 4,
      trajectory: 0.35,
      value: 0.4,
    },
    // Rule 5 — Amber within tolerance
    {
      name: '45% in May 2019 is 2.4 points under',
      t: REBASED,
      k: 9,
      n: 20,
      end: '2019-05-31',
      on: AFTER_THE_PLAN,
      colour: 'amber',
      rule: 5,
      trajectory: 0.474,
      value: 0.45,
    },
    {
      name: '45% supervision in April 2019 missed 50% by only 5 points',
      t: SUPERVISION,
      k: 9,
      n: 20,
      end: '2019-04-30',
      on: '2019-05-10',
      colour: 'amber',
      rule: 5,
      trajectory: 0.5,
      value: 0.45,
    },
    {
      name: '40% supervision in March 2019 is 4.1 points under',
      t: SUPERVISION,
      k: 8,
      n: 20,
      end: '2019-03-31',
      on: '2019-04-10',
      colour: 'amber',
      rule: 5,
      trajectory: 0.441,
      value: 0.4,
    },
    {
      name: '85% oversight in April 2019 missed by exactly 10 points: not "more than"',
      t: OVERSIGHT,
      k: 17,
      n: 20,
      end: '2019-04-30',
      on: '2019-05-10',
      colour: 'amber',
      rule: 5,
      trajectory: 0.95,
      value: 0.85,
    },
    // Rule 6 — Amber: the interval reaches the line
    {
      name: '40% in Aug 2019 is 16.9 points under, but 8 of 20 may be noise',
      t: REBASED,
      k: 8,
      n: 20,
      end: '2019-08-31',
      on: AFTER_THE_PLAN,
      colour: 'amber',
      rule: 6,
      trajectory: 0.569,
      value: 0.4,
    },
    {
      name: '35% in Jan 2019 against the original 47% plan',
      t: ORIGINAL,
      k: 7,
      n: 20,
      end: '2019-01-31',
      on: '2019-02-10',
      colour: 'amber',
      rule: 6,
      trajectory: 0.506,
      value: 0.35,
    },
    {
      name: '70% in Dec 2019 seen mid-December: Dec’s milestone is not yet due',
      t: REBASED,
      k: 14,
      n: 20,
      end: '2019-12-31',
      on: '2019-12-15',
      colour: 'amber',
      rule: 6,
      trajectory: 0.85,
      value: 0.7,
    },
    {
      name: '30% supervision seen on 20 April: April’s milestone is not yet due',
      t: SUPERVISION,
      k: 6,
      n: 20,
      end: '2019-04-30',
      on: '2019-04-20',
      colour: 'amber',
      rule: 6,
      trajectory: 0.5,
      value: 0.3,
    },
    // Rule 7 — Red otherwise
    {
      name: '30% of 50 in Aug 2019: too far under and too many audits to be noise',
      t: REBASED,
      k: 15,
      n: 50,
      end: '2019-08-31',
      on: AFTER_THE_PLAN,
      colour: 'red',
      rule: 7,
      trajectory: 0.569,
      value: 0.3,
    },
    {
      name: '40% supervision in Aug 2019 is 34 points under',
      t: SUPERVISION,
      k: 8,
      n: 20,
      end: '2019-08-31',
      on: '2019-09-10',
      colour: 'red',
      rule: 7,
      trajectory: 0.741,
      value: 0.4,
    },
  ] as const)('$name → $colour (rule $rule)', ({ t, k, n, end, on, colour, rule, trajectory, value }) => {
    const result = trajectoryRag({ trajectory: t, observed: { k, n }, periodEnd: end, evaluationDate: on });
    expect(result.colour).toBe(colour);
    expect(result.rule).toBe(rule);
    expect(result.trajectoryValue).toBeCloseTo(trajectory, 3);
    if (value === null) expect(result.value).toBeNull();
    else expect(result.value).toBeCloseTo(value, 12);
  });

  it('names the milestone that was missed', () => {
    const result = trajectoryRag({
      trajectory: REBASED,
      observed: { k: 9, n: 20 },
      periodEnd: '2019-10-31',
      evaluationDate: AFTER_THE_PLAN,
    });
    expect(result.missedMilestone).toEqual({ date: '2019-09-30', target: 0.6 });
  });
});

describe('precedence', () => {
  // Plans whose targets are not monotonic (e.g. a target lowered after a change of case mix), the only
  // kind on which rule 3 can disagree with rules 2 and 4.
  const DIPPING: Trajectory = {
    baseline: { date: '2019-01-31', value: 0.5 },
    milestones: [
      { date: '2019-06-30', target: 0.8 },
      { date: '2019-09-30', target: 0.6 },
      { date: '2019-12-31', target: 0.9 },
    ],
  };
  const LOWERED: Trajectory = {
    baseline: { date: '2019-01-31', value: 0.5 },
    milestones: [
      { date: '2019-06-30', target: 0.9 },
      { date: '2019-12-31', target: 0.7 },
    ],
  };
  it.each([
    {
      name: 'rule 1 before rule 2: 4 of 4 is no data, not Blue',
      t: DIPPING,
      k: 4,
      n: 4,
      end: '2019-12-31',
      colour: 'no-data',
      rule: 1,
    },
    {
      name: 'rule 2 before rule 3: meeting the final 70% is Blue though June’s 90% was missed by 15 points',
      t: LOWERED,
      k: 15,
      n: 20,
      end: '2019-12-31',
      colour: 'blue',
      rule: 2,
    },
    {
      name: 'rule 3 before rule 4: on the line in Sept, but June’s 80% was missed by 15 points',
      t: DIPPING,
      k: 13,
      n: 20,
      end: '2019-09-30',
      colour: 'red',
      rule: 3,
    },
  ] as const)('$name', ({ t, k, n, end, colour, rule }) => {
    const result = trajectoryRag({
      trajectory: t,
      observed: { k, n },
      periodEnd: end,
      evaluationDate: AFTER_THE_PLAN,
    });
    expect(result).toMatchObject({ colour, rule });
  });

  it('a gap of exactly the tolerance is Amber although 0.55 − 0.45 > 0.1 in floating point', () => {
    const flat: Trajectory = {
      baseline: { date: '2019-01-31', value: 0.55 },
      milestones: [{ date: '2019-12-31', target: 0.95 }],
    };
    const result = trajectoryRag({
      trajectory: flat,
      observed: { k: 9, n: 20 },
      periodEnd: '2019-01-31',
      evaluationDate: '2019-02-10',
    });
    expect(result).toMatchObject({ colour: 'amber', rule: 5 });
  });

  it('honours a custom tolerance and minimum n', () => {
    const input: RagInput = {
      trajectory: REBASED,
      observed: { k: 9, n: 20 },
      periodEnd: '2019-05-31',
      evaluationDate: AFTER_THE_PLAN,
    };
    expect(trajectoryRag({ ...input, tolerance: 0.01 })).toMatchObject({ colour: 'amber', rule: 6 });
    expect(trajectoryRag({ ...input, minimumN: 30 })).toMatchObject({ colour: 'no-data', rule: 1 });
  });
});

describe('a figure entered by hand, with no count behind it', () => {
  // PRODUCT.md: measures that do not come from audits are entered by hand per period; without n there is
  // no sample size and no interval, so rules 1 and 6 cannot apply.
  it.each([
    { name: 'above the line', value: 0.5, end: '2019-05-31', colour: 'green', rule: 4 },
    { name: 'within tolerance', value: 0.45, end: '2019-05-31', colour: 'amber', rule: 5 },
    {
      name: 'far under: Red, since there is no interval to give the benefit of the doubt',
      value: 0.4,
      end: '2019-08-31',
      colour: 'red',
      rule: 7,
    },
    { name: 'achieved', value: 0.86, end: '2019-12-31', colour: 'blue', rule: 2 },
  ] as const)('$name', ({ value, end, colour, rule }) => {
    const result = trajectoryRag({
      trajectory: REBASED,
      observed: { value },
      periodEnd: end,
      evaluationDate: AFTER_THE_PLAN,
    });
    expect(result).toMatchObject({ colour, rule, value });
  });
});

describe('inputs that are refused', () => {
  const valid: RagInput = {
    trajectory: REBASED,
    observed: { k: 9, n: 20 },
    periodEnd: '2019-05-31',
    evaluationDate: AFTER_THE_PLAN,
  };
  it.each([
    {
      name: 'a tolerance in percentage points instead of a fraction',
      input: { ...valid, tolerance: 10 },
      code: 'invalid_trajectory',
    },
    { name: 'a negative tolerance', input: { ...valid, tolerance: -0.1 }, code: 'invalid_trajectory' },
    { name: 'a minimum n of 0', input: { ...valid, minimumN: 0 }, code: 'invalid_trajectory' },
    { name: 'a fractional minimum n', input: { ...valid, minimumN: 2.5 }, code: 'invalid_trajectory' },
    {
      name: 'more passes than audits',
      input: { ...valid, observed: { k: 21, n: 20 } },
      code: 'invalid_count',
    },
    {
      name: 'a hand-entered percentage, not a fraction',
      input: { ...valid, observed: { value: 47 } },
      code: 'invalid_count',
    },
    {
      name: 'a period end that is a month, not a date',
      input: { ...valid, periodEnd: '2019-05' },
      code: 'invalid_date',
    },
    {
      name: 'an evaluation date that does not exist',
      input: { ...valid, evaluationDate: '2019-02-29' },
      code: 'invalid_date',
    },
    {
      name: 'milestones out of order',
      input: { ...valid, trajectory: { ...REBASED, milestones: [...REBASED.milestones].reverse() } },
      code: 'invalid_trajectory',
    },
  ])('$name', ({ input, code }) => {
    expect(() => trajectoryRag(input)).toThrow(expect.objectContaining({ code }));
  });
});
