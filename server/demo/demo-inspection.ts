/**
 * What the inspection list shows in the demo beside the moderated audits it already
 * has: in each service, the two latest Inadequate audits of the last five months re-audited three
 * weeks later by another auditor of the service (an allocation pointing at the audit, its audit
 * submitted and graded Good or Requires improvement), and, in a service whose audits set no open
 * actions yet, open actions on three recent audits, written into the audit's answer as the form
 * writes them. Synthetic only. Before the seeders that rebuild the dashboards' counts.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database';
import type { DemoIds } from './demo-organisation';
import { DEMO_SERVICES } from './demo-services';
import { syntheticAnswers } from './synthetic-answers';
import { AUDIT_COLUMNS } from './synthetic-audits';
import { insertRows } from '../db/insert-rows';
import { seededRandom } from '../../shared/random/seeded-random';
import { dateOfDayNumber, dayNumberOf } from '../../shared/metrics/calendar-date';
import { addDays } from '../../shared/metrics/time-values';
import { londonToday } from '../../shared/metrics/london-date';

const DAY_MS = 86_400_000;

const OPEN_ACTIONS = [
  { what: 'Record the outcome of the strategy discussion on the case file', dueOffset: 10 },
  { what: 'Review the plan with the family and the independent reviewing officer', dueOffset: 24 },
  { what: 'Add the health assessment to the chronology', dueOffset: -4 },
];

export async function seedDemoInspection(tx: Queryable, ids: DemoIds, now: Date): Promise<number> {
  const random = seededRandom(1616);
  const today = dayNumberOf(londonToday(now.getTime()));
  let made = 0;
  for (const service of DEMO_SERVICES) {
    const teamIds = service.teams
      .map((key) => ids.teamIds.get(key))
      .filter((id): id is string => Boolean(id));
    const inadequate = await tx.query<{
      id: string;
      case_id: string;
      team_id: string;
      case_type: string;
      framework_key: string;
      framework_version: number;
      auditor_id: string;
      completed_at: unknown;
      reauditor_id: string | null;
    }>(
      `SELECT a.id, a.case_id, a.team_id, a.case_type, a.framework_key, a.framework_version, a.auditor_id, a.completed_at,
              (SELECT p.id FROM people p JOIN teams t ON t.service_id = p.service_id
                WHERE t.id = a.team_id AND p.active AND 'auditor' = ANY (p.roles) AND p.id <> a.auditor_id
                ORDER BY p.email LIMIT 1) AS reauditor_id
       FROM audits a
       WHERE a.status = 'submitted' AND NOT a.deleted AND a.stage = 'independent' AND a.overall_grade = 3
         AND a.team_id = ANY ($1::uuid[]) AND a.completed_at >= $2::timestamptz AND a.completed_at < $3::timestamptz
         AND NOT EXISTS (SELECT 1 FROM allocations x WHERE x.reaudit_of = a.id)
       ORDER BY a.completed_at DESC, a.id LIMIT 2`,
      [
        teamIds,
        new Date(now.getTime() - 150 * DAY_MS).toISOString(),
        new Date(now.getTime() - 25 * DAY_MS).toISOString(),
      ],
    );
    for (const [i, original] of inadequate.entries()) {
      if (!original.reauditor_id) continue;
      const id = randomUUID();
      const completed = new Date(new Date(original.completed_at as string).getTime() + 21 * DAY_MS);
      completed.setUTCHours(14, 30, 0, 0);
      const grade = i === 0 ? 1 : 2;
      await tx.query(
        `INSERT INTO allocations (id, case_id, auditor_id, framework_key, framework_version, round_name, due_date,
           reaudit_of, allocated_by, active, finished, created_at, updated_at)
         SELECT $1, $2, $3, $4, $5, NULL, $6::date, $7,
                (SELECT p.id FROM people p JOIN teams t ON t.service_id = p.service_id
                  WHERE t.id = $8 AND 'qa_lead' = ANY (p.roles) ORDER BY p.email LIMIT 1),
                false, true, $9::timestamptz, $10::timestamptz`,
        [
          id,
          original.case_id,
          original.reauditor_id,
          original.framework_key,
          original.framework_version,
          dateOfDayNumber(addDays(dayNumberOf(completed.toISOString().slice(0, 10)), 3)),
          original.id,
          original.team_id,
          new Date(completed.getTime() - 14 * DAY_MS).toISOString(),
          completed.toISOString(),
        ],
      );
      await insertRows(tx, 'audits', AUDIT_COLUMNS, [
        {
          id,
          case_id: original.case_id,
          team_id: original.team_id,
          case_type: original.case_type,
          framework_key: original.framework_key,
          framework_version: original.framework_version,
          auditor_id: original.reauditor_id,
          kind: 'ad_hoc',
          status: 'submitted',
          answers: syntheticAnswers(grade, random),
          overall_grade: grade,
          completed_at: completed.toISOString(),
          created_at: new Date(completed.getTime() - 2 * DAY_MS).toISOString(),
          updated_at: completed.toISOString(),
        },
      ]);
      made += 1;
    }

    const [open] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM case_actions WHERE state = 'open' AND withdrawn_at IS NULL AND team_id = ANY ($1::uuid[])`,
      [teamIds],
    );
    if ((open?.n ?? 0) > 0) continue;
    const recent = await tx.query<{ id: string; auditor_name: string }>(
      `SELECT a.id, p.display_name AS auditor_name FROM audits a JOIN people p ON p.id = a.auditor_id
       WHERE a.status = 'submitted' AND NOT a.deleted AND a.stage = 'independent' AND a.team_id = ANY ($1::uuid[])
         AND NOT EXISTS (SELECT 1 FROM case_actions k WHERE k.audit_id = a.id)
       ORDER BY a.completed_at DESC, a.id LIMIT $2`,
      [teamIds, OPEN_ACTIONS.length],
    );
    for (const [i, audit] of recent.entries()) {
      const plan = OPEN_ACTIONS[i];
      if (!plan) break;
      const actionId = `demo-inspection-action-${i + 1}`;
      const due = dateOfDayNumber(addDays(today, plan.dueOffset));
      const who = 'Team manager';
      await tx.query(
        `UPDATE audits SET answers = answers || jsonb_build_object('overall.case-actions', $2::jsonb) WHERE id = $1`,
        [
          audit.id,
          JSON.stringify({
            kind: 'case-actions',
            value: [{ id: actionId, what: plan.what, who, byWhen: due }],
          }),
        ],
      );
      await tx.query(
        `INSERT INTO case_actions (id, audit_id, action_key, team_id, what, who, due_date, state, created_at, updated_at)
         SELECT $1, a.id, $2, a.team_id, $3, $4, $5, 'open', a.completed_at, a.completed_at FROM audits a WHERE a.id = $6`,
        [randomUUID(), actionId, plan.what, who, due, audit.id],
      );
      made += 1;
    }
  }
  return made;
}
