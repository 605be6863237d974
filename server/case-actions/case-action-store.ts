/**
 * Case actions as people see and change them. Who sees which (access-rules.ts gives the reach):
 * - 'assigned' (any role): the actions they own and the actions of the teams they manage
 *   (team_managers);
 * - 'service' (QA leads, managers): every action of their service's teams, and their own.
 * Another service's actions are never listed and never found (the access middleware refuses a
 * named one first). Withdrawn actions (removed from the audit) are never shown.
 */
import type { Queryable } from '../db/database';
import { inScope, type DataScope } from '../auth/service-scope';
import type { Person } from '../http/app-env';
import { appError, type FieldProblem } from '../../shared/errors/app-error';
import { actionStanding } from '../../shared/case-actions/case-action-escalation';
import type {
  CaseActionState,
  CaseActionUpdate,
  CaseActionView,
} from '../../shared/case-actions/case-action-schemas';
import { londonToday } from '../../shared/metrics/london-date';
import { tellOwner } from './derive-case-actions';

interface ActionRow {
  id: string;
  audit_id: string;
  reference: string;
  team_id: string;
  team_name: string;
  service_id: string;
  what: string;
  who: string;
  due_date: string;
  owner_id: string | null;
  owner_name: string | null;
  state: CaseActionState;
  evidence: string;
  completed_on: string | null;
  not_needed_reason: string;
  escalated_at: string | null;
  updated_at: string;
  i_manage: boolean;
}

/** Which of the reachable actions to list: all of them, the person's own, or their teams'. */
export type ActionView = 'all' | 'mine' | 'team';

const SELECT = `SELECT x.id, x.audit_id, c.reference, x.team_id, t.name AS team_name, t.service_id, x.what, x.who,
       x.due_date::text AS due_date, x.owner_id, o.display_name AS owner_name, x.state, x.evidence,
       x.completed_on::text AS completed_on, x.not_needed_reason, x.escalated_at, x.updated_at,
       EXISTS (SELECT 1 FROM team_managers m WHERE m.team_id = x.team_id AND m.person_id = $1::uuid) AS i_manage
  FROM case_actions x JOIN audits a ON a.id = x.audit_id JOIN cases c ON c.id = a.case_id
  JOIN teams t ON t.id = x.team_id LEFT JOIN people o ON o.id = x.owner_id`;

/** The SQL condition for the actions a person reaches; `params` already holds their id as $1. */
function reachable(scope: DataScope, params: unknown[]): string {
  const mine = `(x.owner_id = $1::uuid OR EXISTS (SELECT 1 FROM team_managers m WHERE m.team_id = x.team_id AND m.person_id = $1::uuid))`;
  if (scope.reach === 'assigned') return mine;
  return `(${mine} OR ${inScope(scope, { team: 'x.team_id' }, params)})`;
}

function isQaLeadOf(person: Person, serviceId: string): boolean {
  return person.roles.includes('qa_lead') && person.serviceId === serviceId;
}

function toView(row: ActionRow, person: Person, today: string): CaseActionView {
  const chooser = row.i_manage || isQaLeadOf(person, row.service_id);
  return {
    id: row.id,
    auditId: row.audit_id,
    caseReference: row.reference,
    teamId: row.team_id,
    teamName: row.team_name,
    what: row.what,
    who: row.who,
    dueDate: row.due_date,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    state: row.state,
    standing: actionStanding(
      {
        state: row.state,
        dueDate: row.due_date,
        completedOn: row.completed_on,
        escalatedAt: row.escalated_at,
      },
      today,
    ),
    evidence: row.evidence,
    completedOn: row.completed_on,
    notNeededReason: row.not_needed_reason,
    escalatedAt: row.escalated_at,
    updatedAt: row.updated_at,
    canUpdate: chooser || row.owner_id === person.id,
    canChooseOwner: chooser,
  };
}

export async function listCaseActions(
  db: Queryable,
  scope: DataScope,
  person: Person,
  options: { view?: ActionView; actionId?: string; now?: Date } = {},
): Promise<CaseActionView[]> {
  const params: unknown[] = [person.id];
  const conditions = ['x.withdrawn_at IS NULL', 'NOT a.deleted', reachable(scope, params)];
  if (options.view === 'mine') conditions.push('x.owner_id = $1::uuid');
  if (options.view === 'team')
    conditions.push(
      'EXISTS (SELECT 1 FROM team_managers m WHERE m.team_id = x.team_id AND m.person_id = $1::uuid)',
    );
  if (options.actionId) {
    params.push(options.actionId);
    conditions.push(`x.id = $${params.length}::uuid`);
  }
  const rows = await db.query<ActionRow>(
    `${SELECT} WHERE ${conditions.join(' AND ')}
     ORDER BY (x.state = 'open') DESC, x.due_date, c.reference, x.id LIMIT 2000`,
    params,
  );
  const today = londonToday((options.now ?? new Date()).getTime());
  return rows.map((row) => toView(row, person, today));
}

/** One action the person reaches. @throws not_found otherwise. */
export async function getCaseAction(
  db: Queryable,
  scope: DataScope,
  person: Person,
  actionId: string,
): Promise<CaseActionView> {
  const [action] = await listCaseActions(db, scope, person, { actionId });
  if (!action) throw appError('not_found', 'There is no case action with that id.');
  return action;
}

/** The people who may own an action: the active people of its service. */
export async function possibleOwners(
  db: Queryable,
  actionId: string,
): Promise<{ id: string; name: string; jobTitle: string }[]> {
  const rows = await db.query<{ id: string; display_name: string; job_title: string }>(
    `SELECT p.id, p.display_name, p.job_title FROM case_actions x JOIN teams t ON t.id = x.team_id
       JOIN people p ON p.service_id = t.service_id
     WHERE x.id = $1 AND p.active ORDER BY p.display_name, p.id`,
    [actionId],
  );
  return rows.map((r) => ({ id: r.id, name: r.display_name, jobTitle: r.job_title }));
}

/**
 * Changes an action's progress or owner, checking the whole change before writing any of it.
 * @returns the fields as they were and are, for the audit log.
 */
export async function updateCaseAction(
  tx: Queryable,
  scope: DataScope,
  person: Person,
  actionId: string,
  update: CaseActionUpdate,
  now: Date = new Date(),
): Promise<{ before: Record<string, unknown>; after: Record<string, unknown> }> {
  const current = await getCaseAction(tx, scope, person, actionId);
  await tx.query('SELECT id FROM case_actions WHERE id = $1 FOR UPDATE', [actionId]);
  if (!current.canUpdate)
    throw appError('forbidden', 'Only the owner, the team manager or the QA lead can change this action.');
  const problems: FieldProblem[] = [];
  const today = londonToday(now.getTime());
  const state = update.state ?? current.state;
  const evidence = update.evidence ?? current.evidence;
  let completedOn = update.completedOn === undefined ? current.completedOn : update.completedOn;
  let reason = update.notNeededReason ?? current.notNeededReason;
  if (state === 'done') {
    if (!completedOn)
      problems.push({ path: 'completedOn', message: 'Enter the date the action was completed.' });
    else if (completedOn > today)
      problems.push({ path: 'completedOn', message: 'The completion date cannot be in the future.' });
    if (!evidence.trim())
      problems.push({ path: 'evidence', message: 'Say what shows the action was done (the evidence).' });
  } else completedOn = null;
  if (state === 'not_needed') {
    if (!reason.trim())
      problems.push({ path: 'notNeededReason', message: 'Say why the action is not needed.' });
  } else reason = '';
  let ownerId = current.ownerId;
  if (update.ownerId !== undefined && update.ownerId !== current.ownerId) {
    if (!current.canChooseOwner)
      problems.push({
        path: 'ownerId',
        message: 'Only the team manager or the QA lead can choose the owner.',
      });
    else if (!(await possibleOwners(tx, actionId)).some((p) => p.id === update.ownerId))
      problems.push({ path: 'ownerId', message: 'Choose an active person of this service as the owner.' });
    else ownerId = update.ownerId;
  }
  if (problems.length > 0)
    throw appError(
      'validation_failed',
      'The action was not changed: check the highlighted fields.',
      problems,
    );
  await tx.query(
    `UPDATE case_actions SET state = $2, evidence = $3, completed_on = $4, not_needed_reason = $5, owner_id = $6,
       updated_at = now(), updated_by = $7 WHERE id = $1`,
    [actionId, state, evidence, completedOn, reason, ownerId, person.id],
  );
  if (ownerId && ownerId !== current.ownerId) await tellOwner(tx, actionId, ownerId, current.caseReference);
  return {
    before: { state: current.state, completedOn: current.completedOn, ownerId: current.ownerId },
    after: { state, completedOn, ownerId },
  };
}
