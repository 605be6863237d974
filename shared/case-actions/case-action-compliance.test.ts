import { describe, expect, it } from 'vitest';
import {
  actionCompliance,
  complianceOutcome,
  formatCompliance,
  type ActionForCompliance,
  type ComplianceOutcome,
} from './case-action-compliance';
import { proportion } from '../metrics/proportion';

const today = '2026-05-10';

describe('the post-audit compliance rule', () => {
  const cases: [string, ActionForCompliance, ComplianceOutcome][] = [
    [
      'done before the due date',
      { state: 'done', dueDate: '2026-05-01', completedOn: '2026-04-20' },
      'on_time',
    ],
    ['done on the due date', { state: 'done', dueDate: '2026-05-01', completedOn: '2026-05-01' }, 'on_time'],
    ['done a day late', { state: 'done', dueDate: '2026-05-01', completedOn: '2026-05-02' }, 'not_on_time'],
    [
      'done late, due in the future',
      { state: 'done', dueDate: '2026-06-01', completedOn: '2026-06-02' },
      'not_on_time',
    ],
    ['open and past due', { state: 'open', dueDate: '2026-05-09', completedOn: null }, 'not_on_time'],
    ['open, due today', { state: 'open', dueDate: today, completedOn: null }, 'not_counted'],
    ['open, not yet due', { state: 'open', dueDate: '2026-06-01', completedOn: null }, 'not_counted'],
    [
      'not needed, past due',
      { state: 'not_needed', dueDate: '2026-04-01', completedOn: null },
      'not_counted',
    ],
    [
      'not needed, not yet due',
      { state: 'not_needed', dueDate: '2026-06-01', completedOn: null },
      'not_counted',
    ],
  ];
  it.each(cases)('%s', (_, action, outcome) => {
    expect(complianceOutcome(action, today)).toBe(outcome);
  });

  it('counts on time over everything counted, leaving "not needed" and not-yet-due out', () => {
    const figure = actionCompliance(
      cases.map(([, action]) => action),
      today,
    );
    expect([figure.k, figure.n]).toEqual([2, 5]);
  });

  it('reads as the QA lead expects, with the Wilson interval', () => {
    expect(formatCompliance(proportion(41, 50))).toBe('41 of 50 actions done on time — 82% (95% CI 69–90%)');
    expect(formatCompliance(proportion(1, 1))).toMatch(
      /^1 of 1 action done on time — 100% \(95% CI \d+–100%\)$/,
    );
    expect(formatCompliance(proportion(0, 0))).toBe('no data');
  });
});
