import { describe, expect, it } from 'vitest';
import { periodBucketer } from '../metrics/periods';
import { complianceFiltersSchema, compliancePerPeriod } from './compliance-measure';

describe('post-audit compliance per period', () => {
  const actions = [
    { state: 'done' as const, dueDate: '2026-03-31', completedOn: '2026-03-30' },
    { state: 'done' as const, dueDate: '2026-03-10', completedOn: '2026-03-12' },
    { state: 'not_needed' as const, dueDate: '2026-03-05', completedOn: null },
    { state: 'open' as const, dueDate: '2026-04-02', completedOn: null },
    { state: 'open' as const, dueDate: '2026-05-20', completedOn: null },
  ];
  it('counts each action in the month it was due, by the compliance rule, as of a date', () => {
    const periods = compliancePerPeriod(
      actions,
      periodBucketer('month'),
      '2026-02-01',
      '2026-05-31',
      '2026-05-01',
    );
    expect(periods.map((p) => [p.period.id, p.figure.k, p.figure.n])).toEqual([
      ['2026-02', 0, 0],
      ['2026-03', 1, 2],
      ['2026-04', 0, 1],
      ['2026-05', 0, 0],
    ]);
    expect(periods[1]?.figure.interval).not.toBeNull();
  });
  it('groups by quarter as readily', () => {
    const [q] = compliancePerPeriod(
      actions,
      periodBucketer('quarter'),
      '2026-01-01',
      '2026-03-31',
      '2026-06-30',
    );
    expect([q?.period.id, q?.figure.k, q?.figure.n]).toEqual(['2026-Q1', 1, 2]);
  });
  it('refuses filters that are not a team list and a round', () => {
    expect(complianceFiltersSchema.parse({})).toEqual({ teamIds: [], roundId: null });
    expect(complianceFiltersSchema.safeParse({ teamIds: ['x'] }).success).toBe(false);
    expect(complianceFiltersSchema.safeParse({ other: 1 }).success).toBe(false);
  });
});
