/**
 * One case audited in a past practice week, as the demo's practice-week seeders insert it: the
 * submitted audit (AUDIT_COLUMNS), the finished allocation that asked for it
 * (ROUND_ALLOCATION_COLUMNS) and its place in the round's sample (ROUND_CASE_COLUMNS); and a
 * whole week of them, inserted.
 */
import type { Answers } from '../../shared/framework/answer-schema';
import { dateOfDayNumber } from '../../shared/metrics/calendar-date';
import { gradeIndexSchema } from '../../shared/metrics/grade-scale';
import { addDays, type DayNumber } from '../../shared/metrics/time-values';
import { pick, randomInt, randomUuid, type Random } from '../../shared/random/seeded-random';
import type { Queryable } from '../db/database';
import { insertRows } from '../db/insert-rows';
import { ROUND_ALLOCATION_COLUMNS, ROUND_CASE_COLUMNS } from './demo-columns';
import type { DemoIds } from './demo-organisation';
import { DEFAULT_FRAMEWORK_REF, syntheticAnswers } from './synthetic-answers';
import { AUDIT_COLUMNS, drawGrade, type TrendOptions } from './synthetic-audits';

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

/**
 * A past practice week's audits, inserted with their finished allocations and the round's
 * sample: each of the service's past-week auditors audited up to `perAuditor` cases of the
 * service, of teams other than their own and not in `busy` (the cases the week must leave
 * alone). NOTE: mutates `busy` (each case drawn joins it); draws from `random` auditor by
 * auditor, case by case (drawPastWeekCase).
 * @returns the audits as inserted.
 */
export async function insertPastWeekCases(
  tx: Queryable,
  random: Random,
  ids: Pick<DemoIds, 'teamIds' | 'personIds' | 'people' | 'cases'>,
  service: { key: string; pastWeekAuditors: readonly string[] },
  week: {
    round: PastWeekRound;
    monday: DayNumber;
    trend: TrendOptions;
    perAuditor: number;
    busy: Set<string>;
  },
) {
  const drawn: ReturnType<typeof drawPastWeekCase>[] = [];
  for (const key of service.pastWeekAuditors) {
    const auditorId = ids.personIds.get(key) ?? '';
    const ownTeam = ids.people.get(key)?.team;
    const pool = ids.cases.filter(
      (c) => c.serviceKey === service.key && c.teamKey !== ownTeam && !week.busy.has(c.id),
    );
    for (let i = 0; i < week.perAuditor && pool.length > 0; i++) {
      const made = drawPastWeekCase(random, ids, pool, { ...week, auditorId }, drawn.length);
      week.busy.add(made.roundCase.case_id);
      drawn.push(made);
    }
  }
  const audits = drawn.map((made) => made.audit);
  await insertRows(
    tx,
    'round_cases',
    ROUND_CASE_COLUMNS,
    drawn.map((made) => made.roundCase),
  );
  await insertRows(tx, 'audits', AUDIT_COLUMNS, audits);
  await insertRows(
    tx,
    'allocations',
    ROUND_ALLOCATION_COLUMNS,
    drawn.map((made) => made.allocation),
  );
  return audits;
}
