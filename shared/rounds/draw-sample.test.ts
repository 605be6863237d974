import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { auditCutOffDay, drawSample, quotaTarget, type SampleCase } from './draw-sample';
import { sampleSpecSchema, type SampleSpec } from './sample-spec';
import { dateOfDayNumber, dayNumberOf } from '../metrics/calendar-date';

const TEAMS = ['Assessment A', 'Assessment B', 'Child protection 1'];
const TYPES = ['assessment', 'child-in-need', 'child-protection'];
const WORKERS = [
  '00000000-0000-4000-8000-00000000000a',
  '00000000-0000-4000-8000-00000000000b',
  '00000000-0000-4000-8000-00000000000c',
  '00000000-0000-4000-8000-00000000000d',
];
const FLAG_LABELS = {
  'at-risk-of-exploitation': 'At risk of exploitation',
  'looked-after': 'Looked after',
  'disabled-child': 'Disabled child',
};

function cases(count: number, offset = 0): SampleCase[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `case-${i + offset}`,
    reference: `NM-${String(100_000 + i + offset)}`,
    teamId: `team-${i % 3}`,
    teamName: TEAMS[i % 3] ?? '',
    caseType: TYPES[(i >> 1) % 3] ?? '',
    caseTypeLabel: TYPES[(i >> 1) % 3] ?? '',
    planType: i % 5 === 0 ? 'CP plan' : '',
    closed: i % 11 === 0,
    lastAuditedDay: i % 7 === 0 ? dayNumberOf('2026-03-01') : i % 13 === 0 ? dayNumberOf('2024-01-01') : null,
    flags: i % 4 === 0 ? ['at-risk-of-exploitation'] : i % 4 === 1 ? ['looked-after', 'disabled-child'] : [],
    openedOn: i % 3 === 0 ? '2019-05-01' : i % 3 === 1 ? '2026-09-01' : null,
    practitionerId: i % 6 === 5 ? null : (WORKERS[i % 4] ?? null),
    practitionerName: i % 6 === 5 ? null : `Worker ${i % 4}`,
  }));
}

const spec = (overrides: Partial<SampleSpec> = {}): SampleSpec =>
  sampleSpecSchema.parse({ method: 'random', quota: { kind: 'percent', value: 10 }, seed: 42, ...overrides });

/** The draw holds exactly the cases `wanted` keeps (at least one), and counts every other case as filtered out. */
function expectDrawnExactly(
  all: SampleCase[],
  result: ReturnType<typeof drawSample>,
  wanted: (c: SampleCase) => boolean,
): void {
  const expected = all
    .filter(wanted)
    .map((c) => c.id)
    .sort();
  expect(expected.length).toBeGreaterThan(0);
  expect(result.drawn.map((d) => d.caseId).sort()).toEqual(expected);
  expect(result.excludedByFilters).toBe(all.length - expected.length);
}

describe('quotaTarget', () => {
  it.each([
    { name: '5% of 640', quota: { kind: 'percent', value: 5 } as const, eligible: 640, target: 32 },
    {
      name: 'a share rounds to the nearest case',
      quota: { kind: 'percent', value: 5 } as const,
      eligible: 50,
      target: 3,
    },
    {
      name: 'a tiny share still draws one',
      quota: { kind: 'percent', value: 1 } as const,
      eligible: 20,
      target: 1,
    },
    {
      name: 'a count is capped at the eligible total',
      quota: { kind: 'count', value: 40 } as const,
      eligible: 12,
      target: 12,
    },
    {
      name: 'nothing eligible, nothing drawn',
      quota: { kind: 'count', value: 5 } as const,
      eligible: 0,
      target: 0,
    },
  ])('$name → $target', ({ quota, eligible, target }) => {
    expect(quotaTarget({ quota }, eligible)).toBe(target);
  });
});

describe('auditCutOffDay', () => {
  it.each([
    { start: '2026-10-19', months: 12, cutOff: '2025-10-19' },
    { start: '2026-03-31', months: 1, cutOff: '2026-02-28' },
    { start: '2024-02-29', months: 12, cutOff: '2023-02-28' },
    { start: '2026-01-15', months: 3, cutOff: '2025-10-15' },
  ])('$start less $months months is $cutOff', ({ start, months, cutOff }) => {
    const day = auditCutOffDay(start, months);
    expect(day === null ? null : dateOfDayNumber(day)).toBe(cutOff);
  });

  it('is null for 0 months (no recency exclusion)', () => {
    expect(auditCutOffDay('2026-10-19', 0)).toBeNull();
  });
});

describe('drawSample', () => {
  const cutOff = auditCutOffDay('2026-10-19', 12);

  it('excludes closed and recently audited cases and counts each', () => {
    const all = cases(100);
    const result = drawSample(all, spec(), cutOff);
    const closed = all.filter((c) => c.closed).length;
    const recent = all.filter(
      (c) => !c.closed && c.lastAuditedDay !== null && c.lastAuditedDay >= (cutOff ?? 0),
    ).length;
    expect(result.excludedClosed).toBe(closed);
    expect(result.excludedRecentlyAudited).toBe(recent);
    expect(result.eligible).toBe(100 - closed - recent);
    const drawnIds = new Set(result.drawn.map((d) => d.caseId));
    for (const c of all)
      if (c.closed || (c.lastAuditedDay ?? -1) >= (cutOff ?? 0)) expect(drawnIds.has(c.id)).toBe(false);
  });

  it.each([
    {
      name: 'a flag: cases carrying any of the flags',
      group: { flags: ['at-risk-of-exploitation', 'disabled-child'] },
      wanted: (c: SampleCase) =>
        c.flags.includes('at-risk-of-exploitation') || c.flags.includes('disabled-child'),
    },
    {
      name: 'a case type',
      group: { caseTypes: ['child-protection'] },
      wanted: (c: SampleCase) => c.caseType === 'child-protection',
    },
    {
      // Opened 2019-05-01 is over 24 months before 2026-10-19; 2026-09-01 and unknown dates are not.
      name: 'open longer than 24 months at the round’s start (an unknown opened date never is)',
      group: { openLongerThanMonths: 24 },
      wanted: (c: SampleCase) => c.openedOn === '2019-05-01',
    },
    {
      name: 'all three together',
      group: { caseTypes: ['assessment'], flags: ['at-risk-of-exploitation'], openLongerThanMonths: 1 },
      wanted: (c: SampleCase) =>
        c.caseType === 'assessment' &&
        c.flags.includes('at-risk-of-exploitation') &&
        c.openedOn === '2019-05-01',
    },
  ])('draws only from the group asked for — $name — and counts the rest', ({ group, wanted }) => {
    const all = cases(120);
    const s = spec({
      ...group,
      excludeClosed: false,
      excludeAuditedWithinMonths: 0,
      quota: { kind: 'percent', value: 100 },
    });
    const result = drawSample(all, s, null, dayNumberOf('2026-10-19'));
    expectDrawnExactly(all, result, wanted);
  });

  it('refuses a sample by case age without the round’s start day', () => {
    expect(() => drawSample(cases(10), spec({ openLongerThanMonths: 6 }), null)).toThrow(/start date/);
  });

  it('keeps closed or audited cases when told to', () => {
    const result = drawSample(
      cases(100),
      spec({ excludeClosed: false, excludeAuditedWithinMonths: 0 }),
      null,
    );
    expect(result.eligible).toBe(100);
  });

  it('draws the same cases for the same seed whatever order the cases come in', () => {
    fc.assert(
      fc.property(fc.nat(), fc.boolean(), (seed, stratified) => {
        const all = cases(60);
        const s = spec({
          seed,
          method: stratified ? 'stratified' : 'random',
          strata: stratified ? ['team'] : [],
        });
        const a = drawSample(all, s, cutOff);
        const b = drawSample([...all].reverse(), s, cutOff);
        expect(b.drawn).toEqual(a.drawn);
      }),
    );
  });

  it('draws other cases for another seed', () => {
    const all = cases(200);
    expect(drawSample(all, spec({ seed: 1 }), cutOff).drawn).not.toEqual(
      drawSample(all, spec({ seed: 2 }), cutOff).drawn,
    );
  });

  it('never draws a case twice', () => {
    const result = drawSample(cases(300), spec({ quota: { kind: 'percent', value: 60 } }), cutOff);
    expect(new Set(result.drawn.map((d) => d.caseId)).size).toBe(result.drawn.length);
  });

  it('stratified: the strata quotas add up to the target and follow the strata sizes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 100 }),
        fc.subarray(['team', 'caseType', 'planType', 'worker'] as const, { minLength: 1 }),
        fc.nat(),
        (count, percent, strata, seed) => {
          const result = drawSample(
            cases(count),
            spec({
              method: 'stratified',
              strata: [...strata],
              quota: { kind: 'percent', value: percent },
              seed,
            }),
            cutOff,
          );
          expect(result.strata.reduce((sum, s) => sum + s.drawn, 0)).toBe(result.target);
          expect(result.drawn).toHaveLength(result.target);
          expect(result.strata.reduce((sum, s) => sum + s.eligible, 0)).toBe(result.eligible);
          for (const s of result.strata) {
            expect(s.drawn).toBeLessThanOrEqual(s.eligible);
            if (result.eligible > 0)
              expect(Math.abs(s.drawn - (s.eligible * result.target) / result.eligible)).toBeLessThan(1);
          }
        },
      ),
    );
  });

  it('stratified by team: each drawn case carries its stratum label', () => {
    const result = drawSample(
      cases(90),
      spec({ method: 'stratified', strata: ['team'], quota: { kind: 'count', value: 9 } }),
      null,
    );
    expect(result.strata.map((s) => [s.label, s.drawn])).toEqual([
      ['Assessment A', 3],
      ['Assessment B', 3],
      ['Child protection 1', 3],
    ]);
    expect(new Set(result.drawn.map((d) => d.stratum))).toEqual(new Set(TEAMS));
  });

  it('refuses a stratified spec with nothing to stratify by', () => {
    expect(
      sampleSpecSchema.safeParse({
        method: 'stratified',
        strata: [],
        quota: { kind: 'count', value: 3 },
        seed: 1,
      }).success,
    ).toBe(false);
  });
});

describe('a census', () => {
  it('draws every case that matches — here every open case with a flag — whatever the seed, in a seeded order', () => {
    const all = cases(200);
    const census = (seed: number) =>
      drawSample(
        all,
        spec({
          quota: { kind: 'all' },
          flags: ['at-risk-of-exploitation'],
          excludeAuditedWithinMonths: 0,
          seed,
        }),
        null,
      );
    // The same as a query of the cases: open, carrying the flag.
    const expected = all
      .filter((c) => !c.closed && c.flags.includes('at-risk-of-exploitation'))
      .map((c) => c.id)
      .sort();
    expect(
      census(1)
        .drawn.map((d) => d.caseId)
        .sort(),
    ).toEqual(expected);
    expect(
      census(2)
        .drawn.map((d) => d.caseId)
        .sort(),
    ).toEqual(expected);
    expect(census(1)).toEqual(census(1));
  });

  it('takes every eligible case as its quota', () => {
    expect(quotaTarget({ quota: { kind: 'all' } }, 37)).toBe(37);
    expect(quotaTarget({ quota: { kind: 'all' } }, 0)).toBe(0);
  });
});

describe('strata by case flag and by worker, and filters by team and worker', () => {
  const CHOSEN = ['disabled-child', 'at-risk-of-exploitation', 'looked-after'];
  const flagSpec = (overrides: Partial<SampleSpec> = {}) =>
    spec({
      method: 'stratified',
      strata: ['flag'],
      flags: CHOSEN,
      excludeClosed: false,
      excludeAuditedWithinMonths: 0,
      ...overrides,
    });

  it('puts a case with several chosen flags under the first of them in the spec’s order', () => {
    // cases() gives i % 4 === 1 both 'looked-after' and 'disabled-child': 'disabled-child' is listed first.
    const result = drawSample(cases(40), flagSpec({ quota: { kind: 'all' } }), null, undefined, {
      flagLabels: FLAG_LABELS,
    });
    expect(result.strata.map((s) => [s.label, s.eligible])).toEqual([
      ['At risk of exploitation', 10],
      ['Disabled child', 10],
    ]);
    const reordered = drawSample(
      cases(40),
      flagSpec({ quota: { kind: 'all' }, flags: ['looked-after', 'at-risk-of-exploitation'] }),
      null,
      undefined,
      { flagLabels: FLAG_LABELS },
    );
    expect(reordered.strata.map((s) => [s.label, s.eligible])).toEqual([
      ['At risk of exploitation', 10],
      ['Looked after', 10],
    ]);
  });

  it('names a flag without a label by its key', () => {
    const result = drawSample(cases(8), flagSpec({ quota: { kind: 'all' } }), null);
    expect(result.strata.map((s) => s.label)).toEqual(['at-risk-of-exploitation', 'disabled-child']);
  });

  it('refuses to stratify by flag with no flags chosen, naming the flags field', () => {
    const parsed = sampleSpecSchema.safeParse({
      method: 'stratified',
      strata: ['flag'],
      quota: { kind: 'all' },
      seed: 1,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['flags']);
  });

  it('stratifies by worker, with the cases that have none under “No worker recorded”', () => {
    const all = cases(48);
    const result = drawSample(
      all,
      spec({
        method: 'stratified',
        strata: ['worker'],
        quota: { kind: 'all' },
        excludeClosed: false,
        excludeAuditedWithinMonths: 0,
      }),
      null,
    );
    const none = all.filter((c) => c.practitionerId === null).length;
    expect(none).toBeGreaterThan(0);
    expect(result.strata.find((s) => s.key === '')).toEqual({
      key: '',
      label: 'No worker recorded',
      eligible: none,
      drawn: none,
    });
    expect(result.strata.map((s) => s.label)).toEqual([
      'No worker recorded',
      'Worker 0',
      'Worker 1',
      'Worker 2',
      'Worker 3',
    ]);
  });

  it.each([
    {
      name: 'chosen teams',
      group: { teamIds: ['team-0', 'team-2'] },
      wanted: (c: SampleCase) => c.teamId === 'team-0' || c.teamId === 'team-2',
    },
    {
      name: 'chosen workers (a case with no worker is never one of them)',
      group: { workerIds: [WORKERS[1] ?? ''] },
      wanted: (c: SampleCase) => c.practitionerId === WORKERS[1],
    },
    {
      name: 'a team, a worker and a flag together',
      group: { teamIds: ['team-1'], workerIds: [WORKERS[1] ?? ''], flags: ['looked-after'] },
      wanted: (c: SampleCase) =>
        c.teamId === 'team-1' && c.practitionerId === WORKERS[1] && c.flags.includes('looked-after'),
    },
  ])('a census of $name draws exactly those cases', ({ group, wanted }) => {
    const all = cases(120);
    // Team ids are not UUIDs here: the draw is checked past the schema, as the server calls it.
    const s: SampleSpec = {
      ...spec({ excludeClosed: false, excludeAuditedWithinMonths: 0, quota: { kind: 'all' } }),
      ...group,
    };
    const result = drawSample(all, s, null);
    expectDrawnExactly(all, result, wanted);
  });

  it('property: strata of any fields add up to the target, hold each eligible case once, and the same seed draws the same cases in the same order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.oneof(
          fc.record({ kind: fc.constant('all' as const) }),
          fc.record({ kind: fc.constant('percent' as const), value: fc.integer({ min: 1, max: 100 }) }),
          fc.record({ kind: fc.constant('count' as const), value: fc.integer({ min: 1, max: 300 }) }),
        ),
        fc.subarray(['team', 'caseType', 'planType', 'flag', 'worker'] as const, { minLength: 1 }),
        fc.shuffledSubarray(CHOSEN, { minLength: 1 }),
        fc.nat(),
        (count, quota, strata, flags, seed) => {
          const all = cases(count);
          const s = flagSpec({ strata: [...strata], flags, quota, seed });
          const result = drawSample(all, s, null, undefined, { flagLabels: FLAG_LABELS });
          expect(result.strata.reduce((sum, x) => sum + x.drawn, 0)).toBe(result.target);
          expect(result.strata.reduce((sum, x) => sum + x.eligible, 0)).toBe(result.eligible);
          expect(new Set(result.strata.map((x) => x.key)).size).toBe(result.strata.length);
          const ids = result.drawn.map((d) => d.caseId);
          expect(new Set(ids).size).toBe(ids.length);
          expect(ids).toHaveLength(result.target);
          for (const x of result.strata)
            expect(result.drawn.filter((d) => d.stratum === x.label)).toHaveLength(x.drawn);
          if (quota.kind === 'all') expect(result.drawn).toHaveLength(result.eligible);
          const again = drawSample([...all].reverse(), s, null, undefined, { flagLabels: FLAG_LABELS });
          expect(again.drawn).toEqual(result.drawn);
          expect(again.strata).toEqual(result.strata);
        },
      ),
    );
  });
});
