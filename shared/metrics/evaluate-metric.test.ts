import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Answer, Answers } from '../framework/answer-schema';
import type { AuditForMetrics } from './audit-for-metrics';
import { evaluateMetric, type MetricEvaluationOptions } from './evaluate-metric';
import type { MetricDefinition } from './metric-definition';
import type { GradeIndex } from './grade-scale';

let nextId = 0;
/** A submitted audit completed at `completedAt` with the given answers; override anything else. */
function audit(
  completedAt: string,
  answers: Answers,
  overrides: Partial<AuditForMetrics> = {},
): AuditForMetrics {
  nextId += 1;
  return {
    id: `audit-${nextId}`,
    status: 'submitted',
    completedAt,
    teamId: 'cp-1',
    caseTypeId: 'child-protection',
    frameworkKey: 'lantern-default',
    frameworkVersion: 1,
    kind: 'monthly',
    answers,
    ...overrides,
  };
}
const grade = (value: GradeIndex): Answer => ({ kind: 'grade', value });
const question = (value: 'yes' | 'partly' | 'no' | 'not_applicable'): Answer => ({ kind: 'question', value });
const yesNo = (value: 'yes' | 'no'): Answer => ({ kind: 'yes-no-note', value, note: '' });
const overall = (value: GradeIndex): Answers => ({ 'overall.grade': grade(value) });

const AT_LEAST_GOOD: MetricDefinition = {
  name: 'Audits rated at least good',
  source: { item: 'overall.grade' },
  passing: [0, 1],
  filters: {},
  bucket: 'month',
};
// PRODUCT.md: "85% of cases audited will include evaluation and feedback from children, their families and trusted professionals".
const FEEDBACK: MetricDefinition = {
  name: 'Feedback obtained',
  source: { anyOf: ['feedback.child', 'feedback.parents-carers', 'feedback.professional'] },
  passing: ['yes'],
  filters: {},
  bucket: 'quarter',
};
// PRODUCT.md: "Ensure that all looked after children ... are seen alone when visited".
const SEEN_ALONE: MetricDefinition = {
  name: 'Seen alone',
  source: { item: 'lived-experience.seen-alone' },
  passing: ['yes'],
  filters: { caseTypeIds: ['child-looked-after'] },
  bucket: 'month',
};

/** Each period as "id k/n" for compact expectations. */
const summary = (
  definition: MetricDefinition,
  audits: AuditForMetrics[],
  options?: MetricEvaluationOptions,
): string[] => evaluateMetric(definition, audits, options).periods.map((p) => `${p.period.id} ${p.k}/${p.n}`);

describe('evaluateMetric — the rules in PRODUCT.md', () => {
  it.each([
    {
      name: 'counts passes and audits per London month, with the empty month between as no data',
      definition: AT_LEAST_GOOD,
      audits: [
        audit('2019-01-10T10:00:00Z', overall(1)),
        audit('2019-01-20T10:00:00Z', overall(2)),
        audit('2019-03-05T10:00:00Z', overall(0)),
      ],
      periods: ['2019-01 1/2', '2019-02 0/0', '2019-03 1/1'],
    },
    {
      name: 'drafts never count',
      definition: AT_LEAST_GOOD,
      audits: [
        audit('2019-01-10T10:00:00Z', overall(1)),
        audit('2019-01-11T10:00:00Z', overall(3), { status: 'draft' }),
      ],
      periods: ['2019-01 1/1'],
    },
    {
      name: 'a moderated grade counts instead of the auditor’s',
      definition: AT_LEAST_GOOD,
      audits: [
        audit('2019-01-10T10:00:00Z', overall(1), { moderatedAnswers: { 'overall.grade': grade(2) } }),
        audit('2019-01-11T10:00:00Z', overall(2), { moderatedAnswers: { 'overall.grade': grade(1) } }),
        audit('2019-01-12T10:00:00Z', overall(2), { moderatedAnswers: { 'plan.grade': grade(0) } }),
      ],
      periods: ['2019-01 1/3'],
    },
    {
      name: 'an unanswered item leaves the denominator',
      definition: AT_LEAST_GOOD,
      audits: [audit('2019-01-10T10:00:00Z', overall(0)), audit('2019-01-11T10:00:00Z', {})],
      periods: ['2019-01 1/1'],
    },
    {
      name: 'Not applicable leaves the denominator',
      definition: { ...SEEN_ALONE, filters: {} },
      audits: [
        audit('2019-01-10T10:00:00Z', { 'lived-experience.seen-alone': question('yes') }),
        audit('2019-01-11T10:00:00Z', { 'lived-experience.seen-alone': question('not_applicable') }),
        audit('2019-01-12T10:00:00Z', { 'lived-experience.seen-alone': question('partly') }),
      ],
      periods: ['2019-01 1/2'],
    },
    {
      name: 'any of: passes if any answered item passes, fails if all answered fail, left out if none answered',
      definition: FEEDBACK,
      audits: [
        audit('2019-01-10T10:00:00Z', {
          'feedback.child': yesNo('no'),
          'feedback.professional': yesNo('yes'),
        }),
        audit('2019-01-11T10:00:00Z', {
          'feedback.child': yesNo('no'),
          'feedback.parents-carers': yesNo('no'),
        }),
        audit('2019-01-12T10:00:00Z', { 'overall.grade': grade(1) }),
      ],
      periods: ['2019-Q1 1/2'],
    },
    {
      name: 'a late-evening audit on the last day of a summer-time month belongs to that month',
      definition: AT_LEAST_GOOD,
      audits: [audit('2019-08-31T22:30:00Z', overall(1)), audit('2019-08-31T23:30:00Z', overall(1))],
      periods: ['2019-08 1/1', '2019-09 1/1'],
    },
    {
      name: 'filters: only the case types asked for',
      definition: SEEN_ALONE,
      audits: [
        audit(
          '2019-01-10T10:00:00Z',
          { 'lived-experience.seen-alone': question('no') },
          { caseTypeId: 'child-looked-after' },
        ),
        audit(
          '2019-01-11T10:00:00Z',
          { 'lived-experience.seen-alone': question('yes') },
          { caseTypeId: 'child-in-need' },
        ),
      ],
      periods: ['2019-01 0/1'],
    },
    {
      name: 'filters: teams, audit kinds and framework version together',
      definition: {
        ...AT_LEAST_GOOD,
        filters: {
          teamIds: ['cp-1', 'cp-2'],
          kinds: ['practice_week' as const],
          frameworks: [{ key: 'lantern-default', version: 1 }],
        },
      },
      audits: [
        audit('2019-01-10T10:00:00Z', overall(1), { kind: 'practice_week' }),
        audit('2019-01-10T10:00:00Z', overall(1), { kind: 'practice_week', teamId: 'cp-2' }),
        audit('2019-01-10T10:00:00Z', overall(1), { kind: 'practice_week', teamId: 'front-door' }),
        audit('2019-01-10T10:00:00Z', overall(1), { kind: 'monthly' }),
        audit('2019-01-10T10:00:00Z', overall(1), { kind: 'practice_week', frameworkVersion: 2 }),
      ],
      periods: ['2019-01 2/2'],
    },
    {
      name: 'a framework filter without a version takes every version',
      definition: { ...AT_LEAST_GOOD, filters: { frameworks: [{ key: 'lantern-default' }] } },
      audits: [
        audit('2019-01-10T10:00:00Z', overall(1)),
        audit('2019-01-10T10:00:00Z', overall(1), { frameworkVersion: 2 }),
        audit('2019-01-10T10:00:00Z', overall(1), { frameworkKey: 'thematic-exploitation' }),
      ],
      periods: ['2019-01 2/2'],
    },
    {
      name: 'filters: case flags — a case carrying any of them; none carried, or not known, never passes',
      definition: { ...AT_LEAST_GOOD, filters: { flagIds: ['at-risk-of-exploitation', 'care-leaver'] } },
      audits: [
        audit('2019-01-10T10:00:00Z', overall(1), { caseFlags: ['at-risk-of-exploitation'] }),
        audit('2019-01-10T10:00:00Z', overall(3), { caseFlags: ['looked-after', 'care-leaver'] }),
        audit('2019-01-10T10:00:00Z', overall(1), { caseFlags: ['looked-after'] }),
        audit('2019-01-10T10:00:00Z', overall(1), { caseFlags: [] }),
        audit('2019-01-10T10:00:00Z', overall(1)),
      ],
      periods: ['2019-01 1/2'],
    },
    {
      name: 'filters: rounds — an audit written under one of them; of no round, never',
      definition: { ...AT_LEAST_GOOD, filters: { roundIds: ['round-a', 'round-b'] } },
      audits: [
        audit('2019-01-10T10:00:00Z', overall(1), { roundId: 'round-a' }),
        audit('2019-01-10T10:00:00Z', overall(3), { roundId: 'round-b' }),
        audit('2019-01-10T10:00:00Z', overall(1), { roundId: 'round-c' }),
        audit('2019-01-10T10:00:00Z', overall(1), { roundId: null }),
        audit('2019-01-10T10:00:00Z', overall(1)),
      ],
      periods: ['2019-01 1/2'],
    },
    {
      name: 'filters: themes — a round on one of them; a round with no theme, or no round, never',
      definition: { ...AT_LEAST_GOOD, filters: { themes: ['Exploitation', 'Neglect'] } },
      audits: [
        audit('2019-01-10T10:00:00Z', overall(1), { roundId: 'r1', roundTheme: 'Exploitation' }),
        audit('2019-01-10T10:00:00Z', overall(0), { roundId: 'r2', roundTheme: 'Neglect' }),
        audit('2019-01-10T10:00:00Z', overall(3), { roundId: 'r3', roundTheme: 'Neglect' }),
        audit('2019-01-10T10:00:00Z', overall(1), { roundId: 'r4', roundTheme: '' }),
        audit('2019-01-10T10:00:00Z', overall(1), { roundId: 'r5', roundTheme: 'exploitation (CSE)' }),
        audit('2019-01-10T10:00:00Z', overall(1)),
      ],
      periods: ['2019-01 2/3'],
    },
    {
      // Measured on the London completion day: 2019-01-31T23:30Z is 31 January in London (GMT).
      name: 'filters: open longer than 12 months on the day the audit was completed',
      definition: { ...AT_LEAST_GOOD, filters: { openLongerThanMonths: 12 } },
      audits: [
        audit('2019-01-31T23:30:00Z', overall(1), { caseOpenedOn: '2018-01-30' }),
        audit('2019-01-31T10:00:00Z', overall(3), { caseOpenedOn: '2018-01-31' }),
        audit('2019-01-31T10:00:00Z', overall(1), { caseOpenedOn: null }),
        audit('2019-01-31T10:00:00Z', overall(1)),
      ],
      periods: ['2019-01 1/1'],
    },
    {
      name: 'no audits at all: no periods',
      definition: AT_LEAST_GOOD,
      audits: [],
      periods: [],
    },
  ])('$name', ({ definition, audits, periods }) => {
    expect(summary(definition, audits)).toEqual(periods);
  });

  it('carries k, n, the unrounded fraction and the Wilson interval, and no data as null — never 0%', () => {
    const audits = [
      audit('2019-01-10T10:00:00Z', overall(1)),
      audit('2019-01-11T10:00:00Z', overall(2)),
      audit('2019-01-12T10:00:00Z', overall(2)),
    ];
    const result = evaluateMetric(AT_LEAST_GOOD, audits, { range: { from: '2019-01-01', to: '2019-02-28' } });
    const [january, february] = result.periods;
    expect(january).toMatchObject({ k: 1, n: 3, fraction: 1 / 3 });
    // Wilson 1927 for 1 of 3: 0.0615–0.7923.
    expect(january?.interval?.lower).toBeCloseTo(0.0615, 4);
    expect(january?.interval?.upper).toBeCloseTo(0.7923, 4);
    expect(february).toMatchObject({ k: 0, n: 0, fraction: null, interval: null });
    expect(result.overall).toMatchObject({ k: 1, n: 3 });
  });

  it('a range lists every overlapping period with all its audits, whatever the range’s exact days', () => {
    const audits = [
      audit('2019-03-01T10:00:00Z', overall(1)),
      audit('2019-04-20T10:00:00Z', overall(2)),
      audit('2019-07-01T10:00:00Z', overall(0)),
    ];
    const options = { range: { from: '2019-05-15', to: '2019-06-30' } };
    expect(summary({ ...AT_LEAST_GOOD, bucket: 'financial-quarter' }, audits, options)).toEqual([
      'FY2019-20-Q1 0/1',
    ]);
    expect(summary({ ...AT_LEAST_GOOD, bucket: 'financial-year' }, audits, options)).toEqual([
      'FY2019-20 1/2',
    ]);
  });

  it('practice weeks: every week is listed, and audits outside every week are left out', () => {
    const weeks = [
      { id: 'spring', label: 'Spring practice week', startDate: '2019-03-25', endDate: '2019-03-29' },
      { id: 'autumn', label: 'Autumn practice week', startDate: '2019-10-21', endDate: '2019-10-25' },
    ];
    const audits = [
      audit('2019-03-26T10:00:00Z', overall(1)),
      audit('2019-03-29T23:30:00Z', overall(3)), // 23:30 GMT on Friday: still in the week
      audit('2019-10-25T23:30:00Z', overall(3)), // 00:30 BST on Saturday: after the week
      audit('2019-06-01T10:00:00Z', overall(3)),
    ];
    const result = evaluateMetric({ ...AT_LEAST_GOOD, bucket: 'practice-week' }, audits, {
      practiceWeeks: weeks,
    });
    expect(result.periods.map((p) => `${p.period.label} ${p.k}/${p.n}`)).toEqual([
      'Spring practice week 1/2',
      'Autumn practice week 0/0',
    ]);
    expect(result.overall).toMatchObject({ k: 1, n: 2 });
  });
});

describe('evaluateMetric refuses', () => {
  it.each([
    {
      name: 'a completion time without a zone',
      audits: [audit('2019-03-31T10:00:00', overall(1))],
      code: 'timestamp_without_zone',
    },
    {
      name: 'an unreadable completion time',
      audits: [audit('31/03/2019 10:00', overall(1))],
      code: 'invalid_timestamp',
    },
    {
      name: 'a submitted audit with no completion time',
      audits: [audit('2019-03-31T10:00:00Z', overall(1), { completedAt: null })],
      code: 'invalid_timestamp',
    },
  ])('$name', ({ audits, code }) => {
    expect(() => evaluateMetric(AT_LEAST_GOOD, audits)).toThrow(expect.objectContaining({ code }));
  });

  it('a bad range', () => {
    expect(() =>
      evaluateMetric(AT_LEAST_GOOD, [], { range: { from: '2019-02-30', to: '2019-03-31' } }),
    ).toThrow(expect.objectContaining({ code: 'invalid_date' }));
  });

  it('but ignores a draft with no completion time', () => {
    expect(summary(AT_LEAST_GOOD, [audit('', overall(1), { status: 'draft', completedAt: null })])).toEqual(
      [],
    );
  });
});

describe('properties', () => {
  const gradeArb = fc.constantFrom<GradeIndex>(0, 1, 2, 3);
  const instant = fc
    .integer({ min: Date.UTC(2018, 0, 1), max: Date.UTC(2021, 0, 1) })
    .map((ms) => new Date(ms).toISOString());
  const submitted = fc.array(
    fc.record({
      at: instant,
      grade: gradeArb,
      seen: fc.constantFrom('yes', 'partly', 'no') as fc.Arbitrary<'yes' | 'partly' | 'no'>,
    }),
    { maxLength: 40 },
  );
  const base = (
    rows: { at: string; grade: GradeIndex; seen: 'yes' | 'partly' | 'no' }[],
  ): AuditForMetrics[] =>
    rows.map((row) =>
      audit(row.at, { 'overall.grade': grade(row.grade), 'lived-experience.seen-alone': question(row.seen) }),
    );

  it('adding drafts never changes a percentage', () => {
    fc.assert(
      fc.property(
        submitted,
        fc.array(fc.record({ at: instant, grade: gradeArb }), { maxLength: 20 }),
        (rows, drafts) => {
          const audits = base(rows);
          const withDrafts = [
            ...audits,
            ...drafts.map((d) => audit(d.at, overall(d.grade), { status: 'draft' })),
          ];
          expect(evaluateMetric(AT_LEAST_GOOD, withDrafts)).toEqual(evaluateMetric(AT_LEAST_GOOD, audits));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('adding audits answered Not applicable (or not at all) never changes a percentage', () => {
    const definition: MetricDefinition = { ...SEEN_ALONE, filters: {} };
    fc.assert(
      fc.property(submitted, fc.array(fc.tuple(instant, fc.boolean()), { maxLength: 20 }), (rows, extra) => {
        const audits = base(rows);
        const range = { from: '2018-01-01', to: '2021-01-31' };
        const more = extra.map(([at, answered]) =>
          audit(
            at,
            answered
              ? { 'lived-experience.seen-alone': question('not_applicable') }
              : { 'overall.grade': grade(0) },
          ),
        );
        expect(evaluateMetric(definition, [...audits, ...more], { range })).toEqual(
          evaluateMetric(definition, audits, { range }),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('k never exceeds n, and the periods add up to the overall figure', () => {
    fc.assert(
      fc.property(
        submitted,
        fc.constantFrom('month', 'quarter', 'financial-year', 'financial-quarter') as fc.Arbitrary<
          MetricDefinition['bucket']
        >,
        (rows, bucket) => {
          const result = evaluateMetric({ ...AT_LEAST_GOOD, bucket }, base(rows));
          expect(result.periods.every((p) => p.k <= p.n)).toBe(true);
          expect(result.periods.reduce((sum, p) => sum + p.n, 0)).toBe(result.overall.n);
          expect(result.overall.n).toBe(rows.length);
          expect(result.overall.k).toBe(rows.filter((r) => r.grade <= 1).length);
        },
      ),
      { numRuns: 100 },
    );
  });
});
