import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { trajectoryRag, type RagInput } from './trajectory-rag';
import type { Trajectory } from './trajectory';
import { dateOfDayNumber, dayNumberOf } from './calendar-date';
import { addDays } from './time-values';
import { defaultTolerance } from './measure-kind';

// Measures that are not a share of audits, read by the same seven rules for either direction.
// Trajectory values are worked by hand by calendar day: 31 Mar → 30 Sep 2025 is 183 days, 31 Mar → 30 Jun 91.

// A council's plan, "increase in contacts ... to MASH": ASSUMED baseline 40 a month in March 2025, 50 by
// September 2025, 60 by March 2026; Amber within 2 contacts. Count, higher is better.
const CONTACTS: Trajectory = {
  baseline: { date: '2025-03-31', value: 40 },
  milestones: [
    { date: '2025-09-30', target: 50 },
    { date: '2026-03-31', target: 60 },
  ],
};
// "Repeat referrals within 12 months", per 100 referrals: ASSUMED baseline 22 in March 2025, 18 by September
// 2025, 15 by March 2026; Amber within 1 per 100. Rate, lower is better.
const REPEAT_REFERRALS: Trajectory = {
  baseline: { date: '2025-03-31', value: 22 },
  milestones: [
    { date: '2025-09-30', target: 18 },
    { date: '2026-03-31', target: 15 },
  ],
};
// Children waiting more than 20 working days for an assessment: ASSUMED 30 in March 2025, 10 by September 2025.
// Count, lower is better; Amber within 3 children.
const WAITING: Trajectory = {
  baseline: { date: '2025-03-31', value: 30 },
  milestones: [{ date: '2025-09-30', target: 10 }],
};
// Re-referrals as a share kept by hand with its count: ASSUMED 30% in March 2025, 20% by September 2025.
// Share, lower is better; Amber within 5 points.
const REREFERRAL_SHARE: Trajectory = {
  baseline: { date: '2025-03-31', value: 0.3 },
  milestones: [{ date: '2025-09-30', target: 0.2 }],
};

const AT_MILESTONE = { periodEnd: '2025-09-30', evaluationDate: '2025-10-10' };
const BEFORE_MILESTONE = { periodEnd: '2025-06-30', evaluationDate: '2025-07-10' };

type Case = {
  name: string;
  input: RagInput;
  colour: string;
  rule: number;
  trajectory: number;
};

const contacts = (value: number, when: typeof AT_MILESTONE): RagInput => ({
  trajectory: CONTACTS,
  observed: { value },
  kind: 'count',
  direction: 'higher',
  tolerance: 2,
  ...when,
});
const repeats = (value: number, when: typeof AT_MILESTONE): RagInput => ({
  trajectory: REPEAT_REFERRALS,
  observed: { value },
  kind: 'rate',
  direction: 'lower',
  tolerance: 1,
  ...when,
});
const waiting = (value: number, when: typeof AT_MILESTONE): RagInput => ({
  trajectory: WAITING,
  observed: { value },
  kind: 'count',
  direction: 'lower',
  tolerance: 3,
  ...when,
});
const rereferrals = (k: number, n: number, when: typeof AT_MILESTONE): RagInput => ({
  trajectory: REREFERRAL_SHARE,
  observed: { k, n },
  kind: 'share',
  direction: 'lower',
  tolerance: 0.05,
  ...when,
});

// On 30 June 2025: contacts 40 + 10 × 91/183 = 44.973; repeat referrals 22 − 4 × 91/183 = 20.011;
// waiting 30 − 20 × 91/183 = 20.055; re-referral share 0.3 − 0.1 × 91/183 = 0.25027.
const CASES: Case[] = [
  // Count, higher is better
  {
    name: 'count ↑ rule 2: at the final target',
    input: contacts(60, AT_MILESTONE),
    colour: 'blue',
    rule: 2,
    trajectory: 50,
  },
  {
    name: 'count ↑ rule 2: beyond the final target',
    input: contacts(75, BEFORE_MILESTONE),
    colour: 'blue',
    rule: 2,
    trajectory: 44.973,
  },
  {
    name: 'count ↑ rule 3: a due milestone missed by 3 (> 2)',
    input: contacts(47, AT_MILESTONE),
    colour: 'red',
    rule: 3,
    trajectory: 50,
  },
  {
    name: 'count ↑ rule 4: equal to the trajectory',
    input: contacts(50, AT_MILESTONE),
    colour: 'green',
    rule: 4,
    trajectory: 50,
  },
  {
    name: 'count ↑ rule 4: above the trajectory',
    input: contacts(45, BEFORE_MILESTONE),
    colour: 'green',
    rule: 4,
    trajectory: 44.973,
  },
  {
    name: 'count ↑ rule 5: exactly at the tolerance',
    input: contacts(48, AT_MILESTONE),
    colour: 'amber',
    rule: 5,
    trajectory: 50,
  },
  {
    name: 'count ↑ rule 5: within the tolerance',
    input: contacts(43, BEFORE_MILESTONE),
    colour: 'amber',
    rule: 5,
    trajectory: 44.973,
  },
  {
    name: 'count ↑ rule 7: beyond the tolerance, no milestone due',
    input: contacts(42, BEFORE_MILESTONE),
    colour: 'red',
    rule: 7,
    trajectory: 44.973,
  },
  // Rate, lower is better
  {
    name: 'rate ↓ rule 2: at the final target',
    input: repeats(15, AT_MILESTONE),
    colour: 'blue',
    rule: 2,
    trajectory: 18,
  },
  {
    name: 'rate ↓ rule 2: below the final target',
    input: repeats(14.5, BEFORE_MILESTONE),
    colour: 'blue',
    rule: 2,
    trajectory: 20.011,
  },
  {
    name: 'rate ↓ rule 3: a due milestone missed by 1.5 (> 1)',
    input: repeats(19.5, AT_MILESTONE),
    colour: 'red',
    rule: 3,
    trajectory: 18,
  },
  {
    name: 'rate ↓ rule 4: equal to the trajectory',
    input: repeats(18, AT_MILESTONE),
    colour: 'green',
    rule: 4,
    trajectory: 18,
  },
  {
    name: 'rate ↓ rule 4: below the trajectory',
    input: repeats(20, BEFORE_MILESTONE),
    colour: 'green',
    rule: 4,
    trajectory: 20.011,
  },
  {
    name: 'rate ↓ rule 5: exactly at the tolerance',
    input: repeats(19, AT_MILESTONE),
    colour: 'amber',
    rule: 5,
    trajectory: 18,
  },
  {
    name: 'rate ↓ rule 5: above the trajectory within the tolerance',
    input: repeats(21, BEFORE_MILESTONE),
    colour: 'amber',
    rule: 5,
    trajectory: 20.011,
  },
  {
    name: 'rate ↓ rule 7: beyond the tolerance, no milestone due',
    input: repeats(21.5, BEFORE_MILESTONE),
    colour: 'red',
    rule: 7,
    trajectory: 20.011,
  },
  // Count, lower is better
  {
    name: 'count ↓ rule 2: at the final target',
    input: waiting(10, AT_MILESTONE),
    colour: 'blue',
    rule: 2,
    trajectory: 10,
  },
  {
    name: 'count ↓ rule 3: a due milestone missed by 4 (> 3)',
    input: waiting(14, AT_MILESTONE),
    colour: 'red',
    rule: 3,
    trajectory: 10,
  },
  {
    name: 'count ↓ rule 5: exactly at the tolerance on the milestone',
    input: waiting(13, AT_MILESTONE),
    colour: 'amber',
    rule: 5,
    trajectory: 10,
  },
  {
    name: 'count ↓ rule 4: below the trajectory',
    input: waiting(20, BEFORE_MILESTONE),
    colour: 'green',
    rule: 4,
    trajectory: 20.055,
  },
  {
    name: 'count ↓ rule 7: 4 above the line, no milestone due',
    input: waiting(24, BEFORE_MILESTONE),
    colour: 'red',
    rule: 7,
    trajectory: 20.055,
  },
  // Share with its count, lower is better: rules 1 and 6 apply, rule 6 on the LOWER Wilson bound
  // (Wilson 1927: 8 of 25 → 0.172–0.517; 40 of 100 → 0.309–0.498).
  {
    name: 'share ↓ rule 1: fewer than the minimum n',
    input: rereferrals(1, 3, BEFORE_MILESTONE),
    colour: 'no-data',
    rule: 1,
    trajectory: 0.25027,
  },
  {
    name: 'share ↓ rule 2: at the final target',
    input: rereferrals(5, 25, AT_MILESTONE),
    colour: 'blue',
    rule: 2,
    trajectory: 0.2,
  },
  {
    name: 'share ↓ rule 3: milestone missed by 8 points',
    input: rereferrals(7, 25, AT_MILESTONE),
    colour: 'red',
    rule: 3,
    trajectory: 0.2,
  },
  {
    name: 'share ↓ rule 4: below the trajectory',
    input: rereferrals(6, 25, BEFORE_MILESTONE),
    colour: 'green',
    rule: 4,
    trajectory: 0.25027,
  },
  {
    name: 'share ↓ rule 5: within 5 points',
    input: rereferrals(7, 25, BEFORE_MILESTONE),
    colour: 'amber',
    rule: 5,
    trajectory: 0.25027,
  },
  {
    name: 'share ↓ rule 6: the lower bound reaches the trajectory',
    input: rereferrals(8, 25, BEFORE_MILESTONE),
    colour: 'amber',
    rule: 6,
    trajectory: 0.25027,
  },
  {
    name: 'share ↓ rule 7: even the lower bound is above it',
    input: rereferrals(40, 100, BEFORE_MILESTONE),
    colour: 'red',
    rule: 7,
    trajectory: 0.25027,
  },
];

describe('trajectoryRag for counts, rates and lower-is-better measures', () => {
  it.each(CASES)('$name', ({ input, colour, rule, trajectory }) => {
    const result = trajectoryRag(input);
    expect(result.colour).toBe(colour);
    expect(result.rule).toBe(rule);
    expect(result.trajectoryValue).toBeCloseTo(trajectory, 3);
  });

  it('reaches every rule in both directions', () => {
    const reached = new Set(CASES.map((c) => `${c.input.direction}:${c.rule}`));
    for (const direction of ['higher', 'lower'])
      for (const rule of [2, 3, 4, 5, 7]) expect(reached).toContain(`${direction}:${rule}`);
    expect(reached).toContain('lower:1');
    expect(reached).toContain('lower:6');
  });

  it('skips rule 6 for a count: far beyond the tolerance is Red, whatever a sample would say', () => {
    expect(trajectoryRag(contacts(30, BEFORE_MILESTONE))).toMatchObject({ colour: 'red', rule: 7 });
  });

  it('reads a share with no direction as higher is better, as before', () => {
    const base = { trajectory: REREFERRAL_SHARE, observed: { k: 8, n: 25 }, ...BEFORE_MILESTONE };
    expect(trajectoryRag(base)).toEqual(trajectoryRag({ ...base, kind: 'share', direction: 'higher' }));
  });

  it.each([
    { name: 'a count that is not whole', input: contacts(45.5, AT_MILESTONE), code: 'invalid_count' },
    { name: 'a negative count', input: contacts(-1, AT_MILESTONE), code: 'invalid_count' },
    { name: 'a rate that is not a number', input: repeats(Number.NaN, AT_MILESTONE), code: 'invalid_count' },
    {
      name: 'a count given as k of n',
      input: { ...contacts(0, AT_MILESTONE), observed: { k: 3, n: 10 } },
      code: 'invalid_count',
    },
    {
      name: 'a negative tolerance',
      input: { ...contacts(45, AT_MILESTONE), tolerance: -1 },
      code: 'invalid_trajectory',
    },
    {
      name: 'a count trajectory below 0',
      input: {
        ...contacts(45, AT_MILESTONE),
        trajectory: { ...CONTACTS, baseline: { date: '2025-03-31', value: -5 } },
      },
      code: 'invalid_trajectory',
    },
    {
      name: 'a share trajectory in units rather than fractions',
      input: { ...rereferrals(3, 10, AT_MILESTONE), trajectory: CONTACTS },
      code: 'invalid_trajectory',
    },
  ])('refuses $name', ({ input, code }) => {
    expect(() => trajectoryRag(input)).toThrow(expect.objectContaining({ code }));
  });

  // Mirroring: a lower-is-better count judged against its trajectory is the higher-is-better count of
  // (M − value) against the trajectory with every target t turned into M − t. It holds wherever both are
  // valid counts (M at least every value and target), since every rule compares differences only.
  it('a lower-is-better count’s RAG is the higher-is-better RAG of its mirror image', () => {
    const M = 2000;
    const day0 = dayNumberOf('2025-01-01');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.array(
          fc.record({ gap: fc.integer({ min: 1, max: 200 }), target: fc.integer({ min: 0, max: 1000 }) }),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: -30, max: 900 }),
        fc.integer({ min: 0, max: 400 }),
        (baseline, steps, value, tolerance, periodOffset, lookBack) => {
          let day = day0;
          const milestones = steps.map((s) => ({
            date: dateOfDayNumber((day = addDays(day, s.gap))),
            target: s.target,
          }));
          const trajectory: Trajectory = {
            baseline: { date: dateOfDayNumber(day0), value: baseline },
            milestones,
          };
          const mirrored: Trajectory = {
            baseline: { date: trajectory.baseline.date, value: M - baseline },
            milestones: milestones.map((m) => ({ date: m.date, target: M - m.target })),
          };
          const periodEnd = dateOfDayNumber(addDays(day0, periodOffset));
          const evaluationDate = dateOfDayNumber(addDays(day0, periodOffset + lookBack));
          const common = { kind: 'count' as const, tolerance, periodEnd, evaluationDate };
          const lower = trajectoryRag({ ...common, trajectory, observed: { value }, direction: 'lower' });
          const higher = trajectoryRag({
            ...common,
            trajectory: mirrored,
            observed: { value: M - value },
            direction: 'higher',
          });
          expect([lower.colour, lower.rule]).toEqual([higher.colour, higher.rule]);
        },
      ),
    );
  });
});

describe('defaultTolerance', () => {
  it.each([
    {
      name: 'a share keeps PRODUCT.md’s 10 points',
      kind: 'share' as const,
      from: 0.35,
      to: 0.85,
      expected: 0.1,
    },
    {
      name: 'a count: a tenth of 40 → 60, 2 contacts',
      kind: 'count' as const,
      from: 40,
      to: 60,
      expected: 2,
    },
    {
      name: 'a count: a tenth of 0 → 15 rounds up to 2',
      kind: 'count' as const,
      from: 0,
      to: 15,
      expected: 2,
    },
    { name: 'a count is never under 1', kind: 'count' as const, from: 10, to: 12, expected: 1 },
    { name: 'a rate going down: a tenth of 22 → 15', kind: 'rate' as const, from: 22, to: 15, expected: 0.7 },
  ])('$name', ({ kind, from, to, expected }) => {
    expect(defaultTolerance(kind, from, to)).toBeCloseTo(expected, 9);
  });
});
