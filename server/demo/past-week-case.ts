/**
 * One case audited in a past practice week, as the demo's practice-week seeders insert it: the
 * submitted audit (AUDIT_COLUMNS), the finished allocation that asked for it
 * (ROUND_ALLOCATION_COLUMNS) and its place in the round's sample (ROUND_CASE_COLUMNS).
 */
import type { Answers } from '../../shared/framework/answer-schema';
import { dateOfDayNumber } from '../../shared/metrics/calendar-date';
import { gradeIndexSchema } from '../../shared/metrics/grade-scale';
import { addDays, type DayNumber } from '../../shared/metrics/time-values';
import { pick, randomInt, randomUuid, type Random } from '../../shared/random/seeded-random';
import type { DemoIds } from './demo-organisation';
import { DEFAULT_FRAMEWORK_REF, syntheticAnswers } from './synthetic-answers';
import { drawGrade, type TrendOptions } from './synthetic-audits';

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

/**
 * The next case an auditor audited in a past week: one of `pool`, completed at a random time of
 * the week from `monday` and graded on `trend` for its team, as the rows to insert at
 * `position` of `round`. NOTE: mutates `pool` (the case leaves it); draws from `random` (the
 * case, the audit's id, the time, the grade, then the answers).
 */
export function drawPastWeekCase(
  random: Random,
  ids: Pick<DemoIds, 'teamIds'>,
  pool: DemoIds['cases'],
  week: { round: PastWeekRound; monday: DayNumber; trend: TrendOptions; auditorId: string },
  position: number,
) {
  const c = pick(random, pool);
  pool.splice(pool.indexOf(c), 1);
  const id = randomUuid(random);
  const completed = randomTimeInWeek(random, week.monday);
  const teamId = ids.teamIds.get(c.teamKey) ?? '';
  const grade = gradeIndexSchema.parse(drawGrade(random, week.trend, completed, teamId));
  const answers = syntheticAnswers(grade, random);
  return pastWeekCaseRows(
    week.round,
    { id, caseId: c.id, teamId, caseType: c.caseType, auditorId: week.auditorId, grade, answers, completed },
    position,
  );
}
