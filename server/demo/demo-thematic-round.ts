/**
 * The demo's second audit tool and a thematic round that uses it, in each service, so the QA
 * lead's tool list, a two-tool round, self-audit allocation and the self-audit agreement all
 * have something to show from the first start:
 * - the tool "Children at risk of exploitation" (thematic), copied from the case-file audit
 *   through the same code as the QA lead's screen (same items and keys) and published;
 * - per service, an exploitation thematic audit that ended two weeks ago, asking for self-audits
 *   first: cases flagged "At risk of exploitation" (others when too few), most audited with the
 *   exploitation tool and two with the case-file audit; each case self-audited by its own team
 *   (the team's named manager, who audits, else an auditor of the team) and then independently
 *   by an auditor of another team. Teams tend to grade themselves a little more kindly.
 * Everything is drawn from a fixed seed, so every demo is the same.
 */
import type { Queryable } from '../db/database';
import { insertRows } from '../db/insert-rows';
import { pick, randomInt, randomUuid, seededRandom } from '../../shared/random/seeded-random';
import { dateOfDayNumber } from '../../shared/metrics/calendar-date';
import { addDays } from '../../shared/metrics/time-values';
import { londonDayNumber } from '../../shared/metrics/london-date';
import { gradeIndexSchema, type GradeIndex } from '../../shared/metrics/grade-scale';
import { createTool } from '../frameworks/audit-tool-store';
import { publishDraft } from '../frameworks/framework-versions';
import { ROUND_ALLOCATION_COLUMNS, ROUND_CASE_COLUMNS, ROUND_COLUMNS } from './demo-columns';
import type { DemoIds } from './demo-organisation';
import { DEMO_SERVICES, type DemoService } from './demo-services';
import { DEMO_TEAM_MANAGERS } from './demo-set-up';
import { DEFAULT_FRAMEWORK_REF, syntheticAnswers } from './synthetic-answers';
import { AUDIT_COLUMNS } from './synthetic-audits';

export const DEMO_THEMATIC_TOOL_NAME = 'Children at risk of exploitation';
const CASES_PER_ROUND = 8;
const CASE_FILE_CASES = 2;

export async function seedDemoThematicRounds(tx: Queryable, ids: DemoIds, now: Date): Promise<void> {
  const createdBy = ids.personIds.get(DEMO_SERVICES[0]?.qaLead ?? '') ?? '';
  const toolKey = await createTool(
    tx,
    {
      name: DEMO_THEMATIC_TOOL_NAME,
      purpose: 'thematic',
      description:
        'Thematic audit of children at risk of sexual and criminal exploitation: the case-file audit, with the exploitation screening and the return-home interviews read closely.',
      copyFrom: { key: DEFAULT_FRAMEWORK_REF.key, version: DEFAULT_FRAMEWORK_REF.version },
    },
    createdBy,
  );
  await publishDraft(tx, toolKey, 1);
  for (const [n, service] of DEMO_SERVICES.entries())
    await seedServiceThematicRound(tx, ids, now, service, toolKey, 1515 + n);
}

async function seedServiceThematicRound(
  tx: Queryable,
  ids: DemoIds,
  now: Date,
  service: DemoService,
  toolKey: string,
  seed: number,
): Promise<void> {
  const random = seededRandom(seed);
  const qaLead = ids.personIds.get(service.qaLead);
  const today = londonDayNumber(now.toISOString());
  const start = addDays(today, -28);
  const end = addDays(today, -14);
  const roundId = randomUuid(random);
  const name = 'Exploitation thematic audit (self-audit, then independent)';
  await insertRows(tx, 'rounds', { ...ROUND_COLUMNS, self_audit: 'boolean' }, [
    {
      id: roundId,
      name,
      kind: 'thematic',
      theme: 'Children at risk of sexual and criminal exploitation',
      start_date: dateOfDayNumber(start),
      end_date: dateOfDayNumber(end),
      due_date: dateOfDayNumber(end),
      framework_key: DEFAULT_FRAMEWORK_REF.key,
      framework_version: DEFAULT_FRAMEWORK_REF.version,
      moderation_share: 0.2,
      created_by: qaLead,
      service_id: ids.serviceIds.get(service.key),
      self_audit: true,
    },
  ]);
  await tx.query(
    'INSERT INTO round_tools (round_id, framework_key, framework_version, position) VALUES ($1, $2, 1, 0)',
    [roundId, toolKey],
  );

  // The service's auditors by team: a team's named manager first (they do its self-audits).
  const auditorsOf = new Map<string, string[]>();
  for (const key of service.auditors) {
    const team = ids.people.get(key)?.team;
    if (!team) continue;
    const list = auditorsOf.get(team) ?? [];
    if (DEMO_TEAM_MANAGERS[team]?.includes(key)) list.unshift(key);
    else list.push(key);
    auditorsOf.set(team, list);
  }
  // Cases of teams with someone to self-audit, that nobody holds now, the exploitation-flagged first.
  const held = new Set(
    (await tx.query<{ case_id: string }>('SELECT case_id FROM allocations WHERE active')).map(
      (r) => r.case_id,
    ),
  );
  const audited = new Set(
    (
      await tx.query<{ case_id: string }>(
        'SELECT DISTINCT x.case_id FROM allocations x JOIN rounds r ON r.id = x.round_id WHERE r.service_id = $1',
        [ids.serviceIds.get(service.key)],
      )
    ).map((r) => r.case_id),
  );
  const candidates = ids.cases.filter(
    (c) => c.serviceKey === service.key && auditorsOf.has(c.teamKey) && !held.has(c.id) && !audited.has(c.id),
  );
  const flagged = new Set(
    (
      await tx.query<{ id: string }>(
        "SELECT c.id FROM cases c JOIN case_flags f ON f.key = ANY (c.flags) WHERE f.label = 'At risk of exploitation' AND c.id = ANY ($1::uuid[])",
        [candidates.map((c) => c.id)],
      )
    ).map((r) => r.id),
  );
  const ordered = [
    ...candidates.filter((c) => flagged.has(c.id)),
    ...candidates.filter((c) => !flagged.has(c.id)),
  ];
  const chosen = ordered.slice(0, CASES_PER_ROUND);

  const allocations: Record<string, unknown>[] = [];
  const audits: Record<string, unknown>[] = [];
  const selfIds: string[] = [];
  for (const [i, c] of chosen.entries()) {
    const tool = i < CASE_FILE_CASES ? DEFAULT_FRAMEWORK_REF : { key: toolKey, version: 1 };
    const teamId = ids.teamIds.get(c.teamKey) ?? '';
    const selfAuditor = ids.personIds.get(auditorsOf.get(c.teamKey)?.[0] ?? '') ?? '';
    const independents = service.auditors.filter((key) => ids.people.get(key)?.team !== c.teamKey);
    const independentAuditor = ids.personIds.get(pick(random, independents)) ?? '';
    const independentGrade: GradeIndex = gradeIndexSchema.parse(randomInt(random, 1, 3));
    // Teams tend to grade themselves the same or one grade more kindly.
    const selfGrade: GradeIndex = gradeIndexSchema.parse(
      random() < 0.55 ? independentGrade : Math.max(0, independentGrade - 1),
    );
    for (const stage of ['self', 'independent'] as const) {
      const id = randomUuid(random);
      const day = addDays(start, stage === 'self' ? randomInt(random, 0, 5) : randomInt(random, 7, 14));
      const completed = new Date(
        `${dateOfDayNumber(day)}T${String(randomInt(random, 9, 16)).padStart(2, '0')}:20:00Z`,
      );
      const grade = stage === 'self' ? selfGrade : independentGrade;
      const auditorId = stage === 'self' ? selfAuditor : independentAuditor;
      allocations.push({
        id,
        case_id: c.id,
        auditor_id: auditorId,
        framework_key: tool.key,
        framework_version: tool.version,
        round_name: name,
        round_id: roundId,
        due_date: dateOfDayNumber(end),
        allocated_by: qaLead,
        active: false,
        finished: true,
        stage,
      });
      audits.push({
        id,
        case_id: c.id,
        team_id: teamId,
        case_type: c.caseType,
        framework_key: tool.key,
        framework_version: tool.version,
        auditor_id: auditorId,
        kind: 'thematic',
        status: 'submitted',
        answers: syntheticAnswers(grade, random),
        overall_grade: grade,
        completed_at: completed.toISOString(),
        created_at: new Date(completed.getTime() - 2 * 3_600_000).toISOString(),
        updated_at: completed.toISOString(),
      });
      if (stage === 'self') selfIds.push(id);
    }
  }
  await insertRows(
    tx,
    'round_cases',
    ROUND_CASE_COLUMNS,
    chosen.map((c, position) => ({
      round_id: roundId,
      case_id: c.id,
      stratum: flagged.has(c.id) ? 'At risk of exploitation' : 'Other cases',
      position,
    })),
  );
  await insertRows(tx, 'audits', AUDIT_COLUMNS, audits);
  await tx.query("UPDATE audits SET stage = 'self' WHERE id = ANY ($1::uuid[])", [selfIds]);
  await insertRows(tx, 'allocations', { ...ROUND_ALLOCATION_COLUMNS, stage: 'text' }, allocations);
}
