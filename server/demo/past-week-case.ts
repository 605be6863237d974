/**
 * One case audited in a past practice week, as the demo's practice-week seeders insert it: the
 * submitted audit (AUDIT_COLUMNS), the finished allocation that asked for it
 * (ROUND_ALLOCATION_COLUMNS) and its place in the round's sample (ROUND_CASE_COLUMNS).
 */
import type { Answers } from '../../shared/framework/answer-schema';
import { dateOfDayNumber } from '../../shared/metrics/calendar-date';
import { addDays, type DayNumber } from '../../shared/metrics/time-values';
import { randomInt, type Random } from '../../shared/random/seeded-random';
import { DEFAULT_FRAMEWORK_REF } from './synthetic-answers';

/**
 * A time in working hours on one of the five days from `monday`.
 * NOTE: draws from `random` (the day, then the hour, then the minute).
 */
export function randomTimeInWeek(random: Random, monday: DayNumber): Date {
  const day = dateOfDayNumber(addDays(monday, randomInt(random, 0, 4)));
  const hour = String(randomInt(random, 9, 16)).padStart(2, '0');
  const minute = String(randomInt(random, 0, 59)).padStart(2, '0');
  return new Date(`${day}T${hour}:${minute}:00Z`);
}

export interface PastWeekRound {
  id: string;
  name: string;
  dueDate: string;
  allocatedBy: string | undefined;
}

export interface PastWeekAudit<Grade extends number> {
  id: string;
  caseId: string;
  teamId: string;
  caseType: string;
  auditorId: string;
  grade: Grade;
  answers: Answers;
  completed: Date;
}

/** The three rows of a case audited in `round`; `position` is its place in the round's sample. */
export function pastWeekCaseRows<Grade extends number>(
  round: PastWeekRound,
  audit: PastWeekAudit<Grade>,
  position: number,
) {
  return {
    audit: {
      id: audit.id,
      case_id: audit.caseId,
      team_id: audit.teamId,
      case_type: audit.caseType,
      framework_key: DEFAULT_FRAMEWORK_REF.key,
      framework_version: DEFAULT_FRAMEWORK_REF.version,
      auditor_id: audit.auditorId,
      kind: 'practice_week',
      status: 'submitted',
      answers: audit.answers,
      overall_grade: audit.grade,
      completed_at: audit.completed.toISOString(),
      created_at: new Date(audit.completed.getTime() - 3 * 3_600_000).toISOString(),
      updated_at: audit.completed.toISOString(),
    },
    allocation: {
      id: audit.id,
      case_id: audit.caseId,
      auditor_id: audit.auditorId,
      framework_key: DEFAULT_FRAMEWORK_REF.key,
      framework_version: DEFAULT_FRAMEWORK_REF.version,
      round_name: round.name,
      round_id: round.id,
      due_date: round.dueDate,
      allocated_by: round.allocatedBy,
      active: false,
      finished: true,
    },
    roundCase: { round_id: round.id, case_id: audit.caseId, stratum: '', position },
  };
}
