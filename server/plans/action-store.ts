/**
 * The SQL behind a plan's actions: the checks that give a clear field error instead of a
 * constraint failure, adding, editing and carrying actions forward, their other areas and
 * partner owner, links from audit findings, and an action's history read through the link to
 * the action it was carried from. Each takes a Queryable so it runs in the caller's transaction.
 */
import type { Queryable } from '../db/database';
import type { ActionEvent } from '../../shared/plans/action-state';
import type { ActionDetailView } from '../../shared/plans/plan-views';
import { appError } from '../../shared/errors/app-error';
import { actionEvents, loadPlanView, nextPosition, planMeasures } from './plan-store';
import { actionFindings } from './findings';
import { londonToday } from './london-today';

const NO_ACTION = 'There is no such action in this plan. It may have been removed.';

const invalid = (path: string, message: string) =>
  appError('validation_failed', 'Some fields need correcting.', [{ path, message }]);

/** @throws AppError not_found when the plan has no such action. */
export async function assertActionInPlan(db: Queryable, planId: string, actionId: string): Promise<void> {
  const [row] = await db.query('SELECT id FROM plan_actions WHERE id = $1 AND plan_id = $2', [
    actionId,
    planId,
  ]);
  if (!row) throw appError('not_found', NO_ACTION);
}

/** @throws AppError validation_failed on `number` when another action of the plan has it. */
export async function assertFreeActionNumber(
  db: Queryable,
  planId: string,
  number: string,
  except: string | null,
): Promise<void> {
  const [clash] = await db.query(
    'SELECT id FROM plan_actions WHERE plan_id = $1 AND number = $2 AND ($3::uuid IS NULL OR id <> $3::uuid)',
    [planId, number, except],
  );
  if (clash) throw invalid('number', `This plan already has an action “${number}”. Choose another number.`);
}

/** Whether the plan has an action numbered so (a carried action then takes another number). */
export async function actionNumberTaken(db: Queryable, planId: string, number: string): Promise<boolean> {
  const [clash] = await db.query('SELECT id FROM plan_actions WHERE plan_id = $1 AND number = $2', [
    planId,
    number,
  ]);
  return Boolean(clash);
}

export interface NewAction {
  id: string;
  planId: string;
  areaId: string;
  number: string;
  description: string;
  owner: string;
  targetDate: string | null;
}

/** Adds an action at the end of the plan. */
export async function insertAction(tx: Queryable, action: NewAction): Promise<void> {
  await tx.query(
    `INSERT INTO plan_actions (id, plan_id, area_id, number, description, owner, target_date, position)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      action.id,
      action.planId,
      action.areaId,
      action.number,
      action.description,
      action.owner,
      action.targetDate,
      await nextPosition(tx, 'plan_actions', action.planId),
    ],
  );
}

/** An action's target date and own area, locked for the rest of the transaction. */
export async function lockActionForEdit(
  tx: Queryable,
  actionId: string,
): Promise<{ targetDate: string | null; areaId: string } | null> {
  const [row] = await tx.query<{ target_date: string | null; area_id: string }>(
    'SELECT target_date, area_id FROM plan_actions WHERE id = $1 FOR UPDATE',
    [actionId],
  );
  return row ? { targetDate: row.target_date, areaId: row.area_id } : null;
}

/** Replaces an action's number, words, owner and target date. */
export async function updateActionFields(
  tx: Queryable,
  actionId: string,
  fields: { number: string; description: string; owner: string; targetDate: string | null },
): Promise<void> {
  await tx.query(
    'UPDATE plan_actions SET number = $2, description = $3, owner = $4, target_date = $5, updated_at = now() WHERE id = $1',
    [actionId, fields.number, fields.description, fields.owner, fields.targetDate],
  );
}

export async function setActionTargetDate(
  tx: Queryable,
  actionId: string,
  targetDate: string,
): Promise<void> {
  await tx.query('UPDATE plan_actions SET target_date = $2, updated_at = now() WHERE id = $1', [
    actionId,
    targetDate,
  ]);
}

/** The fields an action keeps beyond its number and words: timescale, other areas, partner owner. */
interface ActionExtras {
  timescale: '' | 'ongoing' | 'recurring';
  recurrence?: string | undefined;
  recurrenceStart?: string | undefined;
  alsoAreaIds: string[];
  ownerPersonId: string;
}

/**
 * Checks the other areas and partner owner belong to this plan, then stores them with the timescale.
 * @throws AppError validation_failed on `alsoAreaIds` or `ownerPersonId`.
 */
export async function saveActionExtras(
  tx: Queryable,
  planId: string,
  actionId: string,
  primaryAreaId: string,
  input: ActionExtras,
): Promise<void> {
  const others = [...new Set(input.alsoAreaIds)].filter((id) => id !== primaryAreaId);
  if (others.length > 0) {
    const found = await tx.query<{ id: string }>(
      'SELECT id FROM plan_areas WHERE plan_id = $1 AND id = ANY($2::uuid[])',
      [planId, others],
    );
    if (found.length !== others.length) throw invalid('alsoAreaIds', 'Choose areas of this plan.');
  }
  if (input.ownerPersonId) {
    const [guest] = await tx.query('SELECT id FROM people WHERE id = $1 AND guest_plan_id = $2', [
      input.ownerPersonId,
      planId,
    ]);
    if (!guest) throw invalid('ownerPersonId', 'Choose a partner owner of this plan, or add one first.');
  }
  const recurring = input.timescale === 'recurring';
  await tx.query(
    `UPDATE plan_actions SET timescale = $2, recurrence = $3, recurrence_start = $4, owner_person_id = $5
     WHERE id = $1`,
    [
      actionId,
      input.timescale || null,
      recurring ? input.recurrence : null,
      recurring ? input.recurrenceStart : null,
      input.ownerPersonId || null,
    ],
  );
  await tx.query('DELETE FROM plan_action_areas WHERE action_id = $1', [actionId]);
  for (const areaId of others)
    await tx.query('INSERT INTO plan_action_areas (action_id, area_id) VALUES ($1, $2)', [actionId, areaId]);
}

/** An action of an older plan that may be carried into another, as it stands. */
export interface CarryableAction {
  id: string;
  number: string;
  description: string;
  owner: string;
  target_date: string | null;
  timescale: string | null;
  recurrence: string | null;
  recurrence_start: string | null;
}

/** The actions named of that plan not yet carried forward, in plan order, locked. */
export async function lockCarryableActions(
  tx: Queryable,
  fromPlanId: string,
  actionIds: readonly string[],
): Promise<CarryableAction[]> {
  return tx.query<CarryableAction>(
    `SELECT a.id, a.number, a.description, a.owner, a.target_date, a.timescale, a.recurrence, a.recurrence_start
     FROM plan_actions a WHERE a.plan_id = $1 AND a.id = ANY($2::uuid[])
       AND NOT EXISTS (SELECT 1 FROM plan_actions n WHERE n.carried_from = a.id)
     ORDER BY a.position, a.number FOR UPDATE`,
    [fromPlanId, [...actionIds]],
  );
}

/** Adds, at the end of the plan, an action linked to the one it was carried from. */
export async function insertCarriedAction(
  tx: Queryable,
  carried: { id: string; planId: string; areaId: string; number: string; from: CarryableAction },
): Promise<void> {
  const old = carried.from;
  await tx.query(
    `INSERT INTO plan_actions (id, plan_id, area_id, number, description, owner, target_date, position,
       timescale, recurrence, recurrence_start, carried_from)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      carried.id,
      carried.planId,
      carried.areaId,
      carried.number,
      old.description,
      old.owner,
      old.target_date,
      await nextPosition(tx, 'plan_actions', carried.planId),
      old.timescale,
      old.recurrence,
      old.recurrence_start,
      old.id,
    ],
  );
}

/**
 * Makes a partner (a guest of the plan) the owner of the plan's actions named.
 * @throws AppError validation_failed on `actionIds` when one is not an action of this plan.
 */
export async function assignPartnerOwner(
  tx: Queryable,
  planId: string,
  personId: string,
  actionIds: string[],
): Promise<void> {
  if (actionIds.length === 0) return;
  const updated = await tx.query(
    'UPDATE plan_actions SET owner_person_id = $3 WHERE plan_id = $1 AND id = ANY($2::uuid[]) RETURNING id',
    [planId, [...new Set(actionIds)], personId],
  );
  if (updated.length !== new Set(actionIds).size) throw invalid('actionIds', 'Choose actions of this plan.');
}

/** Links an audit finding to an action, keeping an excerpt; linking it twice changes nothing. */
export async function linkFinding(
  tx: Queryable,
  link: {
    id: string;
    actionId: string;
    auditId: string;
    itemKey: string;
    itemIndex: number;
    excerpt: string;
    linkedBy: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO plan_finding_links (id, action_id, audit_id, item_key, item_index, excerpt, linked_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (action_id, audit_id, item_key, item_index) DO NOTHING`,
    [link.id, link.actionId, link.auditId, link.itemKey, link.itemIndex, link.excerpt, link.linkedBy],
  );
}

/** Removes a finding's link from an action; false when the action had no such link. */
export async function unlinkFinding(tx: Queryable, linkId: string, actionId: string): Promise<boolean> {
  const removed = await tx.query(
    'DELETE FROM plan_finding_links WHERE id = $1 AND action_id = $2 RETURNING id',
    [linkId, actionId],
  );
  return removed.length > 0;
}

/**
 * An action's history, oldest first: that of the action it was carried forward from (each
 * event marked with the plan it was said in), then its own. Nothing is copied: read through
 * the link.
 */
export async function historyThroughCarry(db: Queryable, actionId: string): Promise<ActionEvent[]> {
  const chain = await db.query<{ id: string; plan_title: string; depth: number }>(
    `WITH RECURSIVE back(id, carried_from, depth) AS (
       SELECT id, carried_from, 0 FROM plan_actions WHERE id = $1
       UNION ALL
       SELECT a.id, a.carried_from, b.depth + 1 FROM plan_actions a JOIN back b ON a.id = b.carried_from
       WHERE b.depth < 20)
     SELECT b.id, p.title AS plan_title, b.depth FROM back b
     JOIN plan_actions a ON a.id = b.id JOIN plans p ON p.id = a.plan_id ORDER BY b.depth DESC`,
    [actionId],
  );
  const history: ActionEvent[] = [];
  for (const link of chain) {
    const events = (await actionEvents(db, { actionId: link.id })).get(link.id) ?? [];
    history.push(
      ...(link.depth === 0 ? events : events.map((e) => ({ ...e, previousPlan: link.plan_title }))),
    );
  }
  return history;
}

/**
 * One action as its page shows it: its plan and area, its state, its history through any carry,
 * its measures and linked findings.
 * @throws AppError not_found when the plan has no such action.
 */
export async function actionDetail(
  db: Queryable,
  planId: string,
  actionId: string,
): Promise<ActionDetailView> {
  const today = londonToday();
  const plan = await loadPlanView(db, planId, null, today);
  // Listed under its own area (and under any other it also answers): shown from its own.
  const area = plan.areas.find((a) => a.actions.some((x) => x.id === actionId && x.areaId === a.id));
  const action = area?.actions.find((x) => x.id === actionId);
  if (!area || !action) throw appError('not_found', NO_ACTION);
  const { actions: _actions, rag: _rag, ...areaFields } = area;
  const history = await historyThroughCarry(db, actionId);
  return {
    plan: { id: plan.id, title: plan.title, areaNoun: plan.areaNoun },
    area: areaFields,
    action,
    history,
    measures: (await planMeasures(db, planId, today)).filter((m) => m.actionId === actionId),
    findings: await actionFindings(db, actionId),
  };
}
