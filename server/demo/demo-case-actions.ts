/**
 * The demo's case actions: on recent submitted audits of the first service's teams, actions in
 * every state a screen shows (open, overdue, escalated, done on time, done late, not needed),
 * owned by its people, with Amara (Assessment A's team manager) owning some and managing others.
 * Each is written into its audit's "actions for the case" answer with an id, as the form writes
 * it, and followed up in `case_actions` as derive-case-actions.ts would leave it. Synthetic only.
 */
import type { Queryable } from '../db/database';
import type { DemoIds } from './demo-organisation';
import { DEMO_SERVICES } from './demo-services';
import { DEMO_PEOPLE } from './demo-people';
import { dateOfDayNumber, dayNumberOf } from '../../shared/metrics/calendar-date';
import { addDays } from '../../shared/metrics/time-values';
import { londonToday } from '../../shared/metrics/london-date';

type Kind = 'open' | 'overdue' | 'escalated' | 'done_on_time' | 'done_late' | 'not_needed';

const PLAN: readonly { kind: Kind; what: string; owner: string; dueOffset: number }[] = [
  {
    kind: 'open',
    what: 'Update the chronology with the last three months of visits',
    owner: 'auditor1',
    dueOffset: 14,
  },
  {
    kind: 'open',
    what: 'Hold a core group meeting and record the decisions',
    owner: 'auditor2',
    dueOffset: 21,
  },
  {
    kind: 'overdue',
    what: "Record the child's wishes and feelings from direct work",
    owner: 'auditor2',
    dueOffset: -2,
  },
  {
    kind: 'overdue',
    what: 'Add a contingency plan to the child protection plan',
    owner: 'auditor1',
    dueOffset: -3,
  },
  { kind: 'escalated', what: 'Complete the overdue single assessment', owner: 'auditor3', dueOffset: -20 },
  {
    kind: 'escalated',
    what: 'Arrange a strategy discussion with the police and health',
    owner: 'auditor2',
    dueOffset: -30,
  },
  {
    kind: 'done_on_time',
    what: 'Record management oversight of the plan',
    owner: 'auditor1',
    dueOffset: -40,
  },
  {
    kind: 'done_on_time',
    what: 'Share the plan with the family in plain language',
    owner: 'auditor3',
    dueOffset: -25,
  },
  {
    kind: 'done_on_time',
    what: 'Request health assessment records from the GP',
    owner: 'auditor2',
    dueOffset: -60,
  },
  {
    kind: 'done_late',
    what: "Update the genogram with the father's family",
    owner: 'auditor3',
    dueOffset: -35,
  },
  { kind: 'done_late', what: 'Complete the return home interview', owner: 'auditor1', dueOffset: -50 },
  { kind: 'not_needed', what: 'Refer to the parenting programme', owner: 'auditor2', dueOffset: -10 },
];

const EVIDENCE: Record<string, string> = {
  done_on_time: 'Recorded on the case file; checked in supervision.',
  done_late: 'Done after the due date; recorded on the case file.',
};

export async function seedDemoCaseActions(tx: Queryable, ids: DemoIds, now: Date): Promise<number> {
  const service = DEMO_SERVICES[0];
  if (!service) return 0;
  const teamIds = service.teams.map((key) => ids.teamIds.get(key)).filter((id): id is string => Boolean(id));
  const assessA = ids.teamIds.get('assess-a') ?? '';
  // Recent submitted audits of the service, Assessment A's first (its manager's view has most).
  const audits = await tx.query<{ id: string; answers: Record<string, unknown> }>(
    `SELECT id, answers FROM audits
     WHERE status = 'submitted' AND NOT deleted AND team_id = ANY ($1::uuid[])
     ORDER BY (team_id = $2::uuid) DESC, completed_at DESC, id LIMIT $3`,
    [teamIds, assessA, PLAN.length],
  );
  const today = dayNumberOf(londonToday(now.getTime()));
  const date = (offset: number) => dateOfDayNumber(addDays(today, offset));
  let made = 0;
  for (const [index, audit] of audits.entries()) {
    const plan = PLAN[index];
    if (!plan) break;
    const ownerId = ids.personIds.get(plan.owner) ?? null;
    const actionId = `demo-action-${index + 1}`;
    const due = date(plan.dueOffset);
    const answer = {
      kind: 'case-actions',
      value: [
        {
          id: actionId,
          what: plan.what,
          who: ownerName(plan.owner),
          byWhen: due,
          ...(ownerId ? { ownerId } : {}),
        },
      ],
    };
    await tx.query(
      `UPDATE audits SET answers = answers || jsonb_build_object('overall.case-actions', $2::jsonb) WHERE id = $1`,
      [audit.id, JSON.stringify(answer)],
    );
    const done = plan.kind === 'done_on_time' || plan.kind === 'done_late';
    await tx.query(
      `INSERT INTO case_actions (id, audit_id, action_key, team_id, what, who, due_date, owner_id, answer_owner_id, state,
         evidence, completed_on, not_needed_reason, overdue_notified_at, escalated_at, created_at, updated_at)
       SELECT gen_random_uuid(), a.id, $2, a.team_id, $3, $4, $5, $6, $6, $7, $8, $9, $10,
              CASE WHEN $11 THEN $13::timestamptz END, CASE WHEN $12 THEN $13::timestamptz END, a.completed_at, $13::timestamptz
       FROM audits a WHERE a.id = $1`,
      [
        audit.id,
        actionId,
        plan.what,
        ownerName(plan.owner),
        due,
        ownerId,
        done ? 'done' : plan.kind === 'not_needed' ? 'not_needed' : 'open',
        EVIDENCE[plan.kind] ?? '',
        done ? date(plan.dueOffset + (plan.kind === 'done_late' ? 6 : -2)) : null,
        plan.kind === 'not_needed'
          ? 'The family moved to another authority; the new team has the referral.'
          : '',
        plan.kind === 'overdue' || plan.kind === 'escalated',
        plan.kind === 'escalated',
        now.toISOString(),
      ],
    );
    made += 1;
  }
  return made;
}

const ownerName = (key: string): string => DEMO_PEOPLE.find((p) => p.key === key)?.name ?? key;
