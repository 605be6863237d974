import { describe, expect, it } from 'vitest';
import { composeReportFigures } from './report-figures';
import { defaultFrameworkV1 } from '../framework/default-framework';
import type { GradeIndex } from '../metrics/grade-scale';
import type { AuditWithAgency } from '../metrics/split-by-agency';
import type { Agency } from '../accounts/agencies';

const framework = defaultFrameworkV1();

/** n audits, the first `good` graded Good overall (and Good in assessment), the rest Inadequate. */
function audits(
  prefix: string,
  good: number,
  n: number,
  team = 't1',
  agency: Agency = 'social_care',
): AuditWithAgency[] {
  return Array.from({ length: n }, (_, i) => {
    const grade = (i < good ? 1 : 3) as GradeIndex;
    return {
      audit: {
        id: `${prefix}-${i}`,
        status: 'submitted' as const,
        completedAt: '2026-10-05T10:00:00Z',
        teamId: team,
        caseTypeId: 'cin',
        frameworkKey: framework.key,
        frameworkVersion: framework.version,
        kind: 'monthly' as const,
        answers: {
          'overall.grade': { kind: 'grade' as const, value: grade },
          'assessment.grade': { kind: 'grade' as const, value: grade },
        },
      },
      auditorAgency: agency,
      overallGradeKey: 'overall.grade',
    };
  });
}

const teamNames = new Map([
  ['t1', 'Assessment team A'],
  ['t2', 'Children in care'],
]);

describe('composeReportFigures: the change since the previous comparable round', () => {
  // Reference values: Newcombe 1998, method 10 (its Table II) and newcombe-interval.test.ts.
  it.each([
    {
      name: '56 of 70 against 48 of 80',
      now: [56, 70],
      before: [48, 80],
      diff: 0.2,
      lower: 0.052431,
      upper: 0.333873,
      beyond: true,
    },
    {
      name: '12 of 20 against 9 of 20',
      now: [12, 20],
      before: [9, 20],
      diff: 0.15,
      lower: -0.147953,
      upper: 0.413854,
      beyond: false,
    },
    {
      name: "Newcombe's 9 of 10 against 3 of 10",
      now: [9, 10],
      before: [3, 10],
      diff: 0.6,
      lower: 0.1705,
      upper: 0.809,
      beyond: true,
    },
  ])(
    '$name: beyond noise exactly when the interval excludes 0',
    ({ now, before, diff, lower, upper, beyond }) => {
      const figures = composeReportFigures({
        framework,
        current: audits('a', now[0] ?? 0, now[1] ?? 0),
        previous: audits('b', before[0] ?? 0, before[1] ?? 0),
        teamNames,
        agreementPairs: [],
      });
      const change = figures.atLeastGood.change;
      expect(figures.atLeastGood.current).toMatchObject({ k: now[0], n: now[1] });
      expect(figures.atLeastGood.previous).toMatchObject({ k: before[0], n: before[1] });
      expect(change?.difference).toBeCloseTo(diff, 10);
      expect(change?.lower).toBeCloseTo(lower, 3);
      expect(change?.upper).toBeCloseTo(upper, 3);
      expect(change?.beyondNoise).toBe(beyond);
      expect(change?.beyondNoise).toBe((change?.lower ?? 0) > 0 || (change?.upper ?? 0) < 0);
    },
  );

  it('has no previous figure and no change when there is no previous comparable round', () => {
    const figures = composeReportFigures({
      framework,
      current: audits('a', 3, 4),
      previous: null,
      teamNames,
      agreementPairs: [],
    });
    expect(figures.previousAudits).toBeNull();
    expect(figures.atLeastGood.previous).toBeNull();
    expect(figures.atLeastGood.change).toBeNull();
    expect(figures.sections.every((s) => s.previous === null && s.change === null)).toBe(true);
  });

  it('shows "no data" (n = 0), never 0%, for a previous round with no audits', () => {
    const figures = composeReportFigures({
      framework,
      current: audits('a', 3, 4),
      previous: [],
      teamNames,
      agreementPairs: [],
    });
    expect(figures.atLeastGood.previous).toMatchObject({ k: 0, n: 0, fraction: null });
    expect(figures.atLeastGood.change).toBeNull();
  });
});

describe('composeReportFigures: the sections of the report', () => {
  const figures = composeReportFigures({
    framework,
    current: [...audits('a', 14, 30, 't1', 'social_care'), ...audits('c', 1, 2, 't2', 'health')],
    previous: null,
    teamNames,
    agreementPairs: [
      { auditor: 1, moderator: 2 },
      { auditor: 1, moderator: 1 },
    ],
  });

  it('counts the headline and each grade of all graded audits, with Wilson intervals', () => {
    expect(figures.audits).toBe(32);
    expect(figures.atLeastGood.current).toMatchObject({ k: 15, n: 32 });
    expect(figures.grades.map((g) => [g.label, g.share.k, g.share.n])).toEqual([
      ['Outstanding', 0, 32],
      ['Good', 15, 32],
      ['Requires improvement to be good', 0, 32],
      ['Inadequate', 17, 32],
    ]);
  });

  it('names each section grade by its section and leaves out sections nobody graded', () => {
    const assessment = figures.sections.find((s) => s.key === 'assessment.grade');
    expect(assessment).toMatchObject({ label: 'Assessment', current: { k: 15, n: 32 } });
    expect(figures.sections.find((s) => s.key === 'plan.grade')?.current.n).toBe(0);
    expect(figures.sections.some((s) => s.key === 'overall.grade')).toBe(false);
  });

  it("splits by team (named, in order) and by the auditor's agency, adding up to the headline", () => {
    // Wilson by hand for 14 of 30: 0.302 to 0.638 (proportion.ts).
    expect(figures.teams.map((t) => [t.label, t.current.k, t.current.n])).toEqual([
      ['Assessment team A', 14, 30],
      ['Children in care', 1, 2],
    ]);
    expect(figures.teams[0]?.current.interval?.lower).toBeCloseTo(0.3023, 3);
    expect(figures.agencies.map((a) => [a.label, a.current.k, a.current.n])).toEqual([
      ['Social care', 14, 30],
      ['Health', 1, 2],
    ]);
  });

  it('reports moderation agreement by the shared rule (agreement.ts)', () => {
    expect(figures.agreement).toMatchObject({ pairs: 2, exact: 0.5, kappa: 0, movedDown: 0.5, movedUp: 0 });
  });
});
