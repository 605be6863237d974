import { describe, expect, it } from 'vitest';
import { actionStanding, escalationDate, isDueForEscalation, isOverdue } from './case-action-escalation';
import { englandAndWalesBankHolidays } from '../alerts/bank-holidays';

const holidays = new Set([...englandAndWalesBankHolidays(2026), ...englandAndWalesBankHolidays(2027)]);

describe('case action escalation dates', () => {
  it('counts working days after the due date, skipping the weekend', () => {
    // Due Thursday 5 November 2026: Fri 6, Mon 9, Tue 10, Wed 11, Thu 12.
    expect(escalationDate('2026-11-05', 5, holidays)).toBe('2026-11-12');
    expect(escalationDate('2026-11-05', 1, holidays)).toBe('2026-11-06');
    expect(escalationDate('2026-11-06', 1, holidays)).toBe('2026-11-09');
  });

  it('skips bank holidays: Christmas Day and the Boxing Day holiday moved to Monday', () => {
    expect(holidays.has('2026-12-25') && holidays.has('2026-12-28')).toBe(true);
    // Due Friday 18 December: Mon 21 to Thu 24, then Tue 29.
    expect(escalationDate('2026-12-18', 5, holidays)).toBe('2026-12-29');
    // A due date on a weekend: the next working day is the first.
    expect(escalationDate('2026-12-26', 1, holidays)).toBe('2026-12-29');
  });

  it('an open action is overdue the day after it is due, and escalates on the escalation date', () => {
    expect(isOverdue('open', '2026-12-18', '2026-12-18')).toBe(false);
    expect(isOverdue('open', '2026-12-18', '2026-12-19')).toBe(true);
    expect(isOverdue('done', '2026-12-18', '2026-12-30')).toBe(false);
    expect(isDueForEscalation('open', '2026-12-18', '2026-12-28', 5, holidays)).toBe(false);
    expect(isDueForEscalation('open', '2026-12-18', '2026-12-29', 5, holidays)).toBe(true);
    expect(isDueForEscalation('not_needed', '2026-12-18', '2026-12-29', 5, holidays)).toBe(false);
  });

  it('names where each action stands', () => {
    const base = { dueDate: '2026-05-01', completedOn: null, escalatedAt: null };
    expect(actionStanding({ ...base, state: 'open' }, '2026-05-01')).toBe('open');
    expect(actionStanding({ ...base, state: 'open' }, '2026-05-02')).toBe('overdue');
    expect(
      actionStanding({ ...base, state: 'open', escalatedAt: '2026-05-09T09:00:00.000Z' }, '2026-05-12'),
    ).toBe('escalated');
    expect(actionStanding({ ...base, state: 'done', completedOn: '2026-05-01' }, '2026-06-01')).toBe(
      'done_on_time',
    );
    expect(actionStanding({ ...base, state: 'done', completedOn: '2026-05-02' }, '2026-06-01')).toBe(
      'done_late',
    );
    expect(actionStanding({ ...base, state: 'not_needed' }, '2026-06-01')).toBe('not_needed');
  });
});
