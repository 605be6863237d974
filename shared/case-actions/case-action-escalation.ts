/**
 * When an open action is overdue and when it escalates (pure dates, London calendar days):
 * - overdue: still open on a day after its due date; its owner is reminded once;
 * - escalated: still open on the Nth working day after its due date (N is the council's
 *   LANTERN_ACTION_ESCALATION_DAYS), when the case's team managers are told. Working days are
 *   Monday to Friday without bank holidays, as for safeguarding alerts (working-hours.ts).
 * @example escalationDate('2026-12-18', 5, bankHolidays) // '2026-12-29': Mon 21 to Thu 24, then
 *   Tuesday 29th — Christmas Day (Fri 25), the weekend and the Boxing Day holiday (Mon 28) skipped
 */
import { dateOfDayNumber, dayNumberOf, weekday } from '../metrics/calendar-date';
import { addDays } from '../metrics/time-values';
import type { CaseActionStanding, CaseActionState } from './case-action-schemas';

/** Whether a London date is a working day (Monday to Friday and not in `closedDays`). */
export function isWorkingDate(date: string, closedDays: ReadonlySet<string>): boolean {
  const day = weekday(dayNumberOf(date));
  return day !== 0 && day !== 6 && !closedDays.has(date);
}

/** The date `workingDays` working days after `dueDate` (the due date itself never counts). */
export function escalationDate(
  dueDate: string,
  workingDays: number,
  closedDays: ReadonlySet<string>,
): string {
  let day = dayNumberOf(dueDate);
  let left = Math.max(1, Math.floor(workingDays));
  for (let guard = 0; guard < 3660; guard++) {
    day = addDays(day, 1);
    if (isWorkingDate(dateOfDayNumber(day), closedDays)) left -= 1;
    if (left === 0) return dateOfDayNumber(day);
  }
  throw new RangeError('escalationDate: no working day found within ten years');
}

/** Open on a day after its due date. */
export function isOverdue(state: CaseActionState, dueDate: string, today: string): boolean {
  return state === 'open' && today > dueDate;
}

/** Open on or after its escalation date. */
export function isDueForEscalation(
  state: CaseActionState,
  dueDate: string,
  today: string,
  workingDays: number,
  closedDays: ReadonlySet<string>,
): boolean {
  return isOverdue(state, dueDate, today) && today >= escalationDate(dueDate, workingDays, closedDays);
}

/** Where an action stands, in the words the screens use. */
export function actionStanding(
  action: { state: CaseActionState; dueDate: string; completedOn: string | null; escalatedAt: string | null },
  today: string,
): CaseActionStanding {
  if (action.state === 'not_needed') return 'not_needed';
  if (action.state === 'done')
    return action.completedOn !== null && action.completedOn <= action.dueDate ? 'done_on_time' : 'done_late';
  // Escalated stays escalated (the sweeper's clock decided it); a moved due date clears the mark.
  if (action.escalatedAt) return 'escalated';
  return isOverdue(action.state, action.dueDate, today) ? 'overdue' : 'open';
}
