/**
 * The demo's rounds, in each service (demo-services.ts), so each QA lead's screens have real
 * figures from the first start:
 * - the current practice week, holding the allocations demo-allocations.ts made;
 * - a past practice week (eight weeks ago, Monday to Friday) whose 36 cases were all audited
 *   and submitted — its allocations finished, off the auditors' devices — with a moderation sample (30%, at least one per auditor) mostly moderated:
 *   most grades agreed, a few re-graded down with reasons, one up, and two left for the demo
 *   moderator to do. The moderated grade counts (audits.overall_grade), the auditor's stays
 *   in the audit's answers.
 * Everything is drawn from fixed seeds, so every demo is the same.
 */
import { ROUND_CASE_COLUMNS, ROUND_COLUMNS } from './demo-columns';
import type { Queryable } from '../db/database';
import { insertRows } from '../db/insert-rows';
import { pick, randomUuid, seededRandom } from '../../shared/random/seeded-random';
import { dateOfDayNumber, weekday } from '../../shared/metrics/calendar-date';
import { addDays, type DayNumber } from '../../shared/metrics/time-values';
import { londonDayNumber } from '../../shared/metrics/london-date';
import { drawModerationSample } from '../../shared/moderation/moderation-sample';
import { moderatedItems } from '../../shared/moderation/moderation-problems';
import type { Answers } from '../../shared/framework/answer-schema';
import type { GradeIndex } from '../../shared/metrics/grade-scale';
import type { DemoIds } from './demo-organisation';
import { DEMO_SERVICES, type DemoService } from './demo-services';
import { practiceWeekName } from './demo-allocations';
import { DEFAULT_FRAMEWORK, DEFAULT_FRAMEWORK_REF } from './synthetic-answers';
import type { SyntheticAuditRow } from './synthetic-audits';
import { insertPastWeekCases } from './past-week-case';
import { recordCountedGrades } from '../moderation/record-counted-grades';

const CASES_PER_AUDITOR = 18;
const DOWN_REASONS = [
  'The plan has no contingency and the risks in the assessment are not addressed, so the plan section cannot be good.',
  "The child's views are recorded only as the parent reported them; there is no direct work, so lived experience is not evident.",
  'Supervision notes do not record the rationale for the decision to step down; drift is visible over three months.',
];
const UP_REASON =
  'The chronology and direct work on file show more impact than the auditor credited: the child is now attending school daily.';

/** A demo round's row (ROUND_COLUMNS): a practice week of the case-file audit. */
export const roundRow = (
  id: string,
  name: string,
  start: string,
  end: string,
  due: string,
  createdBy: string | undefined,
  serviceId: string | undefined,
) => ({
  id,
  name,
  kind: 'practice_week',
  theme: '',
  start_date: start,
  end_date: end,
  due_date: due,
  framework_key: DEFAULT_FRAMEWORK_REF.key,
  framework_version: DEFAULT_FRAMEWORK_REF.version,
  moderation_share: 0.3,
  created_by: createdBy,
  service_id: serviceId,
});

/** "Practice week — 5 October 2026": a past practice week named by its Monday. */
export function practiceWeekRoundName(monday: DayNumber): string {
  const day = new Date(`${dateOfDayNumber(monday)}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });
  return `Practice week — ${day}`;
}

export async function seedDemoRounds(tx: Queryable, ids: DemoIds, now: Date): Promise<{ moderated: number }> {
  let moderated = 0;
  for (const [n, service] of DEMO_SERVICES.entries())
    moderated += (await seedServiceRounds(tx, ids, now, service, 808 + n)).moderated;
  return { moderated };
}

async function seedServiceRounds(
  tx: Queryable,
  ids: DemoIds,
  now: Date,
  service: DemoService,
  seed: number,
): Promise<{ moderated: number }> {
  const random = seededRandom(seed);
  const qaLead = ids.personIds.get(service.qaLead);
  const serviceId = ids.serviceIds.get(service.key);
  const ofService = new Set(ids.cases.filter((c) => c.serviceKey === service.key).map((c) => c.id));
  const today = londonDayNumber(now.toISOString());

  // The current practice week: the allocations demo-allocations.ts made under its name.
  const currentId = randomUuid(random);
  const currentName = practiceWeekName(now);
  await insertRows(tx, 'rounds', ROUND_COLUMNS, [
    roundRow(
      currentId,
      currentName,
      dateOfDayNumber(today),
      dateOfDayNumber(addDays(today, 5)),
      dateOfDayNumber(addDays(today, 5)),
      qaLead,
      serviceId,
    ),
  ]);
  const current = (
    await tx.query<{ id: string; case_id: string }>(
      'SELECT id, case_id FROM allocations WHERE round_name = $1 AND round_id IS NULL ORDER BY id',
      [currentName],
    )
  ).filter((allocation) => ofService.has(allocation.case_id));
  const inRound = new Set<string>();
  for (const allocation of current) {
    // One auditor per case within a round; a case the demo gave two auditors stays outside it.
    if (inRound.has(allocation.case_id)) continue;
    inRound.add(allocation.case_id);
    await tx.query('UPDATE allocations SET round_id = $2 WHERE id = $1', [allocation.id, currentId]);
  }
  await insertRows(
    tx,
    'round_cases',
    ROUND_CASE_COLUMNS,
    [...inRound].map((caseId, position) => ({ round_id: currentId, case_id: caseId, stratum: '', position })),
  );

  // A past practice week: Monday to Friday, eight weeks back.
  const monday = addDays(today, -56 - ((weekday(today) + 6) % 7));
  const pastId = randomUuid(random);
  const pastName = practiceWeekRoundName(monday);
  const friday = dateOfDayNumber(addDays(monday, 4));
  await insertRows(tx, 'rounds', ROUND_COLUMNS, [
    roundRow(pastId, pastName, dateOfDayNumber(monday), friday, friday, qaLead, serviceId),
  ]);
  const trend = { from: 0.45, to: 0.5, start: new Date(now.getTime() - 60 * 86_400_000), end: now };
  const audits = await insertPastWeekCases(tx, random, ids, service, {
    round: { id: pastId, name: pastName, dueDate: friday, allocatedBy: qaLead },
    monday,
    trend,
    perAuditor: CASES_PER_AUDITOR,
    busy: new Set(current.map((a) => a.case_id)),
  });
  return { moderated: await moderateDemoSample(tx, pastId, audits, ids, service, random) };
}

/** A past-round audit as inserted (AUDIT_COLUMNS), typed for the moderation that follows. */
interface DemoAudit extends Omit<SyntheticAuditRow, 'status' | 'answers' | 'overall_grade'> {
  status: string;
  answers: Answers;
  overall_grade: GradeIndex;
}

const worse = (grade: GradeIndex): GradeIndex => (grade === 3 ? 3 : grade === 2 ? 3 : grade === 1 ? 2 : 1);
const better = (grade: GradeIndex): GradeIndex => (grade === 0 ? 0 : grade === 1 ? 0 : grade === 2 ? 1 : 2);

async function moderateDemoSample(
  tx: Queryable,
  roundId: string,
  audits: DemoAudit[],
  ids: DemoIds,
  service: DemoService,
  random: () => number,
): Promise<number> {
  const moderators = [service.moderator, service.qaLead].map((key) => ids.personIds.get(key) ?? '');
  const draw = drawModerationSample(
    audits.map((a) => ({ id: a.id, auditorId: a.auditor_id })),
    { share: 0.3, seed: 808 },
    moderators,
    new Map(),
  );
  const byId = new Map(audits.map((a) => [a.id, a]));
  let moderated = 0;
  for (const [n, d] of draw.drawn.entries()) {
    if (!d.moderatorId) continue;
    const audit = byId.get(d.auditId);
    if (!audit) continue;
    const answers = audit.answers;
    const own = audit.overall_grade;
    const grades: Answers = {};
    for (const item of moderatedItems(DEFAULT_FRAMEWORK, answers)) {
      const given = answers[item.key];
      if (given?.kind === 'grade') grades[item.key] = given;
    }
    // Two left for the demo moderator; of the rest, every third moved down a grade, the last
    // one up, the others agreed.
    const pending = n >= draw.drawn.length - 2;
    const last = n === draw.drawn.length - 3;
    const moved: GradeIndex = n % 3 === 1 ? worse(own) : last ? better(own) : own;
    const reasons: Record<string, string> = {};
    if (moved !== own) {
      grades[DEFAULT_FRAMEWORK.overallGradeKey] = { kind: 'grade', value: moved };
      reasons[DEFAULT_FRAMEWORK.overallGradeKey] = moved > own ? pick(random, DOWN_REASONS) : UP_REASON;
    }
    // Moderated blind (migration 019): the moderator's own grades first. Now and then their
    // blind overall grade was a grade lower and, once they saw the auditor's, they agreed.
    const blindOverall: GradeIndex = moved === own && n % 4 === 0 ? worse(own) : moved;
    const blind: Answers = {
      ...grades,
      [DEFAULT_FRAMEWORK.overallGradeKey]: { kind: 'grade', value: blindOverall },
    };
    await tx.query(
      `INSERT INTO moderations (id, audit_id, round_id, moderator_id, sample_seed, status, auditor_overall, moderated_overall,
         moderated_answers, reasons, audit_rev, sampled_at, moderated_at, blind_answers, blind_overall, blind_at, blind_by)
       VALUES ($1, $2, $3, $4, 808, $5, $6, $7, $8::jsonb, $9::jsonb, 1, $10::timestamptz, $11::timestamptz,
         $12::jsonb, $13, $11::timestamptz, CASE WHEN $12::jsonb IS NULL THEN NULL ELSE $4::uuid END)`,
      [
        randomUuid(random),
        d.auditId,
        roundId,
        d.moderatorId,
        pending ? 'pending' : moved === own ? 'agreed' : 'regraded',
        pending ? null : own,
        pending ? null : moved,
        pending ? '{}' : JSON.stringify(grades),
        pending ? '{}' : JSON.stringify(reasons),
        audit.completed_at,
        pending ? null : audit.updated_at,
        pending ? null : JSON.stringify(blind),
        pending ? null : blindOverall,
      ],
    );
    if (!pending) {
      moderated++;
      await recordCountedGrades(tx, d.auditId, moved, grades, DEFAULT_FRAMEWORK.overallGradeKey);
    }
  }
  return moderated;
}
