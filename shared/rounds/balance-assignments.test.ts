import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { balanceAssignments } from './balance-assignments';

interface Case {
  id: string;
  teamId: string;
}
interface Auditor {
  id: string;
  teamId: string | null;
}

const notOwnTeam = (c: Case, a: Auditor): boolean => c.teamId !== a.teamId;
const loads = (assignments: Map<string, string>, people: readonly Auditor[]): number[] =>
  people.map((p) => [...assignments.values()].filter((id) => id === p.id).length);

const casesArb = fc
  .array(fc.integer({ min: 0, max: 4 }), { maxLength: 60 })
  .map((teams) => teams.map((t, i) => ({ id: `c${i}`, teamId: `t${t}` })));
const auditorsArb = fc
  .array(fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }), { minLength: 1, maxLength: 7 })
  .map((teams) => teams.map((t, i) => ({ id: `a${i}`, teamId: t === null ? null : `t${t}` })));

/** The least possible largest load, by trying every assignment (small cases only). */
function bestMaxLoad(cases: readonly Case[], auditors: readonly Auditor[]): number {
  let best = Infinity;
  const load = auditors.map(() => 0);
  const walk = (i: number): void => {
    if (Math.max(0, ...load) >= best) return;
    const c = cases[i];
    if (!c) {
      best = Math.max(0, ...load);
      return;
    }
    let any = false;
    auditors.forEach((a, j) => {
      if (!notOwnTeam(c, a)) return;
      any = true;
      load[j] = (load[j] ?? 0) + 1;
      walk(i + 1);
      load[j] = (load[j] ?? 0) - 1;
    });
    if (!any) walk(i + 1);
  };
  walk(0);
  return best;
}

describe('balanceAssignments', () => {
  it.each([
    {
      name: 'ten cases over three auditors: 4, 3, 3',
      cases: Array.from({ length: 10 }, (_, i) => ({ id: `c${i}`, teamId: 'x' })),
      auditors: [
        { id: 'a', teamId: null },
        { id: 'b', teamId: null },
        { id: 'c', teamId: null },
      ],
      loads: [3, 3, 4],
    },
    {
      name: "a case of everyone's own team stays unassigned",
      cases: [{ id: 'c0', teamId: 't1' }],
      auditors: [
        { id: 'a', teamId: 't1' },
        { id: 'b', teamId: 't1' },
      ],
      loads: [0, 0],
    },
  ])('$name', ({ cases, auditors, loads: expected }) => {
    const { assignments } = balanceAssignments(cases, auditors, notOwnTeam, 1);
    expect(loads(assignments, auditors).sort()).toEqual(expected);
  });

  it('never gives an auditor a case of their own team, and assigns every case someone may take', () => {
    fc.assert(
      fc.property(casesArb, auditorsArb, fc.nat(), (cases, auditors, seed) => {
        const { assignments, unassigned } = balanceAssignments(cases, auditors, notOwnTeam, seed);
        for (const c of cases) {
          const to = assignments.get(c.id);
          const possible = auditors.some((a) => notOwnTeam(c, a));
          if (possible) {
            const auditor = auditors.find((a) => a.id === to);
            expect(auditor && notOwnTeam(c, auditor)).toBe(true);
          } else {
            expect(unassigned).toContain(c.id);
          }
        }
        expect(assignments.size + unassigned.length).toBe(cases.length);
      }),
    );
  });

  it('keeps loads within one of each other when nothing is restricted', () => {
    fc.assert(
      fc.property(fc.nat({ max: 200 }), fc.integer({ min: 1, max: 12 }), fc.nat(), (count, people, seed) => {
        const cases = Array.from({ length: count }, (_, i) => ({ id: `c${i}`, teamId: 'x' }));
        const auditors = Array.from({ length: people }, (_, i) => ({ id: `a${i}`, teamId: null }));
        const l = loads(balanceAssignments(cases, auditors, notOwnTeam, seed).assignments, auditors);
        expect(Math.max(...l) - Math.min(...l)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('keeps loads within one whenever the own-team rule allows it, and otherwise reaches the least possible largest load', () => {
    fc.assert(
      fc.property(
        casesArb.map((c) => c.slice(0, 9)),
        auditorsArb.map((a) => a.slice(0, 4)),
        fc.nat(),
        (cases, auditors, seed) => {
          const l = loads(balanceAssignments(cases, auditors, notOwnTeam, seed).assignments, auditors);
          expect(Math.max(...l)).toBe(Math.max(0, bestMaxLoad(cases, auditors)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts work already held: new cases go to those holding least', () => {
    const cases = Array.from({ length: 4 }, (_, i) => ({ id: `c${i}`, teamId: 'x' }));
    const auditors = [
      { id: 'a', teamId: null },
      { id: 'b', teamId: null },
    ];
    const { assignments } = balanceAssignments(cases, auditors, notOwnTeam, 3, new Map([['a', 4]]));
    expect(loads(assignments, auditors)).toEqual([0, 4]);
  });

  it('is reproducible for a seed', () => {
    fc.assert(
      fc.property(casesArb, auditorsArb, fc.nat(), (cases, auditors, seed) => {
        const a = balanceAssignments(cases, auditors, notOwnTeam, seed);
        const b = balanceAssignments(cases, auditors, notOwnTeam, seed);
        expect([...b.assignments]).toEqual([...a.assignments]);
      }),
    );
  });
});
