/**
 * /api/plans/:planId/actions: numbered actions, their progress notes, the manager's RAG with
 * its reason, the evidence panel's sign-off, and links from audit findings. Every change is
 * appended to the action's history (never edited), so the plan can be shown as of any date.
 */
import { Hono, type Context } from 'hono';
import { randomUUID } from 'node:crypto';
import type { AppDeps, LanternEnv } from '../http/app-env';
import type { Queryable } from '../db/database';
import { parseBody } from '../http/parse-body';
import { requirePerson } from '../auth/require-person';
import { logChange, logView } from '../audit-log/log-access';
import {
  actionFieldsSchema,
  actionInputSchema,
  findingLinkInputSchema,
  noteInputSchema,
  ragInputSchema,
  signOffInputSchema,
  targetRevisionSchema,
} from '../../shared/plans/plan-schemas';
import type { ActionEvent } from '../../shared/plans/action-state';
import { actionStateAsOf } from '../../shared/plans/action-state';
import type { ActionDetailView } from '../../shared/plans/plan-views';
import { appError } from '../../shared/errors/app-error';
import { actionEvents, addEvent, idParam, loadPlanView, nextPosition, touchPlan } from './plan-store';
import { actionFindings, findingText } from './findings';
import { londonToday } from './london-today';
import { planMeasures } from './plan-store';

const NO_ACTION = 'There is no such action in this plan. It may have been removed.';

async function assertAction(db: Queryable, planId: string, actionId: string): Promise<void> {
  const [row] = await db.query('SELECT id FROM plan_actions WHERE id = $1 AND plan_id = $2', [
    actionId,
    planId,
  ]);
  if (!row) throw appError('not_found', NO_ACTION);
}

async function assertFreeNumber(db: Queryable, planId: string, number: string, except: string | null) {
  const [clash] = await db.query(
    'SELECT id FROM plan_actions WHERE plan_id = $1 AND number = $2 AND ($3::uuid IS NULL OR id <> $3::uuid)',
    [planId, number, except],
  );
  if (clash)
    throw appError('validation_failed', 'Some fields need correcting.', [
      { path: 'number', message: `This plan already has an action “${number}”. Choose another number.` },
    ]);
}

const invalid = (path: string, message: string) =>
  appError('validation_failed', 'Some fields need correcting.', [{ path, message }]);

/** The fields an action keeps beyond its number and words: timescale, other areas, partner owner. */
interface ActionExtras {
  timescale: '' | 'ongoing' | 'recurring';
  recurrence?: string | undefined;
  recurrenceStart?: string | undefined;
  alsoAreaIds: string[];
  ownerPersonId: string;
}

/** Checks the other areas and partner owner belong to this plan, then stores them with the timescale. */
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

export function actionRoutes(deps: AppDeps) {
  /** Runs one change to an action in a transaction, logs it, and answers the action as it now is. */
  const change = async (
    c: Context<LanternEnv>,
    what: string,
    fn: (tx: Queryable, planId: string, actionId: string) => Promise<void>,
  ) => {
    requirePerson(c);
    const planId = idParam(c.req.param('planId'), 'plan');
    const actionId = idParam(c.req.param('actionId'), 'action');
    await deps.db.transaction(async (tx) => {
      await assertAction(tx, planId, actionId);
      await fn(tx, planId, actionId);
      await touchPlan(tx, planId);
      await logChange(c, deps, tx, 'plan-item', actionId, { action: what, planId });
    });
    return c.json(await actionDetail(deps.db, planId, actionId));
  };

  return new Hono<LanternEnv>()
    .post('/:planId/actions', async (c) => {
      requirePerson(c);
      const planId = idParam(c.req.param('planId'), 'plan');
      const input = await parseBody(c, actionInputSchema);
      const id = randomUUID();
      await deps.db.transaction(async (tx) => {
        const [area] = await tx.query('SELECT id FROM plan_areas WHERE id = $1 AND plan_id = $2', [
          input.areaId,
          planId,
        ]);
        if (!area)
          throw appError('validation_failed', 'Some fields need correcting.', [
            { path: 'areaId', message: 'Choose an area of this plan.' },
          ]);
        await assertFreeNumber(tx, planId, input.number, null);
        await tx.query(
          `INSERT INTO plan_actions (id, plan_id, area_id, number, description, owner, target_date, position)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            id,
            planId,
            input.areaId,
            input.number,
            input.description,
            input.owner,
            input.targetDate || null,
            await nextPosition(tx, 'plan_actions', planId),
          ],
        );
        await saveActionExtras(tx, planId, id, input.areaId, input);
        await touchPlan(tx, planId);
        await logChange(c, deps, tx, 'plan-item', id, { action: 'created', planId });
      });
      return c.json(await actionDetail(deps.db, planId, id), 201);
    })
    .get('/:planId/actions/:actionId', async (c) => {
      requirePerson(c);
      const planId = idParam(c.req.param('planId'), 'plan');
      const actionId = idParam(c.req.param('actionId'), 'action');
      const detail = await actionDetail(deps.db, planId, actionId);
      await logView(c, deps, 'plan-item', actionId);
      return c.json(detail);
    })
    .put('/:planId/actions/:actionId', async (c) => {
      const input = await parseBody(c, actionFieldsSchema);
      return change(c, 'updated', async (tx, planId, actionId) => {
        await assertFreeNumber(tx, planId, input.number, actionId);
        const [current] = await tx.query<{ target_date: string | null; area_id: string }>(
          'SELECT target_date, area_id FROM plan_actions WHERE id = $1 FOR UPDATE',
          [actionId],
        );
        // A set target date changes only by a revision, so the original is kept with the reason.
        const targetDate = input.targetDate || null;
        if (current?.target_date && targetDate !== current.target_date)
          throw invalid(
            'targetDate',
            'Revise the target date with its reason (Revise target date), so the original is kept.',
          );
        await tx.query(
          'UPDATE plan_actions SET number = $2, description = $3, owner = $4, target_date = $5, updated_at = now() WHERE id = $1',
          [actionId, input.number, input.description, input.owner, targetDate],
        );
        await saveActionExtras(tx, planId, actionId, current?.area_id ?? '', input);
      });
    })
    .post('/:planId/actions/:actionId/target-date', async (c) => {
      const person = requirePerson(c);
      const input = await parseBody(c, targetRevisionSchema);
      return change(c, 'target date revised', async (tx, _planId, actionId) => {
        const [current] = await tx.query<{ target_date: string | null }>(
          'SELECT target_date FROM plan_actions WHERE id = $1 FOR UPDATE',
          [actionId],
        );
        if (current?.target_date === input.targetDate)
          throw invalid('targetDate', 'That is already the target date: choose the new date.');
        await addEvent(tx, actionId, {
          kind: 'target-revised',
          text: input.reason,
          byId: person.id,
          byName: person.name,
          fromDate: current?.target_date ?? null,
          toDate: input.targetDate,
        });
        await tx.query('UPDATE plan_actions SET target_date = $2, updated_at = now() WHERE id = $1', [
          actionId,
          input.targetDate,
        ]);
      });
    })
    .post('/:planId/actions/:actionId/notes', async (c) => {
      const person = requirePerson(c);
      const input = await parseBody(c, noteInputSchema);
      return change(c, 'note added', (tx, _planId, actionId) =>
        addEvent(tx, actionId, { kind: 'note', text: input.text, byId: person.id, byName: person.name }),
      );
    })
    .post('/:planId/actions/:actionId/rag', async (c) => {
      const person = requirePerson(c);
      const input = await parseBody(c, ragInputSchema);
      return change(c, 'RAG set', (tx, _planId, actionId) =>
        addEvent(tx, actionId, {
          kind: 'rag',
          rag: input.rag,
          text: input.reason,
          byId: person.id,
          byName: person.name,
        }),
      );
    })
    .post('/:planId/actions/:actionId/sign-off', async (c) => {
      const person = requirePerson(c);
      const input = await parseBody(c, signOffInputSchema);
      return change(
        c,
        input.signedOff ? 'signed off' : 'sign-off withdrawn',
        async (tx, _planId, actionId) => {
          const events = (await actionEvents(tx, { actionId })).get(actionId) ?? [];
          const state = actionStateAsOf(events, null);
          if (input.signedOff && state.rag !== 'blue')
            throw appError('validation_failed', 'Some fields need correcting.', [
              {
                path: 'signedOff',
                message: 'The evidence panel signs off completed actions: set the RAG to Blue first.',
              },
            ]);
          await addEvent(tx, actionId, {
            kind: input.signedOff ? 'sign-off' : 'sign-off-withdrawn',
            text: input.note,
            byId: person.id,
            byName: person.name,
          });
        },
      );
    })
    .post('/:planId/actions/:actionId/findings', async (c) => {
      const person = requirePerson(c);
      const input = await parseBody(c, findingLinkInputSchema);
      return change(c, 'finding linked', async (tx, _planId, actionId) => {
        // Only a finding the person may read: one from an audit in their own service.
        const text = await findingText(tx, person.serviceId, input.auditId, input.itemKey, input.itemIndex);
        if (text === null)
          throw appError('validation_failed', 'Some fields need correcting.', [
            { path: 'auditId', message: 'That audit has no such finding.' },
          ]);
        await tx.query(
          `INSERT INTO plan_finding_links (id, action_id, audit_id, item_key, item_index, excerpt, linked_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (action_id, audit_id, item_key, item_index) DO NOTHING`,
          [
            randomUUID(),
            actionId,
            input.auditId,
            input.itemKey,
            input.itemIndex,
            text.slice(0, 2000),
            person.id,
          ],
        );
      });
    })
    .delete('/:planId/actions/:actionId/findings/:linkId', async (c) => {
      const linkId = idParam(c.req.param('linkId'), 'link');
      return change(c, 'finding unlinked', async (tx, _planId, actionId) => {
        const removed = await tx.query(
          'DELETE FROM plan_finding_links WHERE id = $1 AND action_id = $2 RETURNING id',
          [linkId, actionId],
        );
        if (removed.length === 0) throw appError('not_found', 'That finding is not linked to this action.');
      });
    });
}
