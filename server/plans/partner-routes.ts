/**
 * /api/partner-actions: what a partner owner (a guest of one plan from health, police or
 * education: migration 032) reaches: the plan actions they own, matched by their person id,
 * never by name, with their own progress notes and RAG with its reason. Nothing else of the
 * plan: no other action, no area, no measure, no figure, no audit. Any signed-in person may
 * call these, and each query is keyed by the person, so someone who owns no action gets an
 * empty list and a refusal.
 */
import { Hono, type Context } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import type { Queryable } from '../db/database';
import { parseBody } from '../http/parse-body';
import { requirePerson } from '../auth/require-person';
import { logChange, logView } from '../audit-log/log-access';
import { noteInputSchema, ragInputSchema } from '../../shared/plans/plan-schemas';
import { actionStateAsOf } from '../../shared/plans/action-state';
import type { PartnerActionView } from '../../shared/plans/plan-views';
import { appError } from '../../shared/errors/app-error';
import {
  actionEvents,
  actionTimescaleWords,
  addNote,
  addRag,
  idParam,
  targetDatesAsOf,
  touchPlan,
} from './plan-store';
import { lockOwnedAction, ownedActionRows } from './partner-store';

async function ownedActions(
  db: Queryable,
  personId: string,
  actionId?: string,
): Promise<PartnerActionView[]> {
  const rows = await ownedActionRows(db, personId, actionId);
  return Promise.all(
    rows.map(async (row) => {
      const events = (await actionEvents(db, { actionId: row.id })).get(row.id) ?? [];
      const state = actionStateAsOf(events, null);
      const dates = targetDatesAsOf(row.target_date, events, null);
      return {
        planId: row.plan_id,
        planTitle: row.plan_title,
        id: row.id,
        number: row.number,
        description: row.description,
        ...dates,
        timescaleWords: actionTimescaleWords(
          row.timescale,
          row.recurrence,
          row.recurrence_start,
          dates.targetDate,
        ),
        rag: state.rag,
        ragReason: state.ragReason,
        notes: events
          .filter((e) => e.kind === 'note')
          .map((e) => ({ text: e.text, byName: e.byName, at: e.at }))
          .reverse(),
      };
    }),
  );
}

const NOT_YOURS = 'There is no such action of yours. Ask the plan’s manager if you should own it.';

export function partnerRoutes(deps: AppDeps) {
  /** One change to an action the person owns, in a transaction with its audit-log row. */
  const change = async (
    c: Context<LanternEnv>,
    what: string,
    fn: (tx: Queryable, actionId: string) => Promise<void>,
  ) => {
    const person = requirePerson(c);
    const actionId = idParam(c.req.param('actionId'), 'action');
    await deps.db.transaction(async (tx) => {
      const owned = await lockOwnedAction(tx, actionId, person.id);
      if (!owned) throw appError('not_found', NOT_YOURS);
      await fn(tx, actionId);
      await touchPlan(tx, owned.planId);
      await logChange(c, deps, tx, 'plan-item', actionId, {
        action: what,
        planId: owned.planId,
        partner: true,
      });
    });
    const [action] = await ownedActions(deps.db, person.id, actionId);
    return c.json({ action });
  };

  return new Hono<LanternEnv>()
    .get('/', async (c) => {
      const person = requirePerson(c);
      const actions = await ownedActions(deps.db, person.id);
      await logView(c, deps, 'plan-list', '', { ids: actions.map((a) => a.id), partner: true });
      return c.json({ actions });
    })
    .post('/:actionId/notes', async (c) => {
      const person = requirePerson(c);
      const input = await parseBody(c, noteInputSchema);
      return change(c, 'note added', (tx, actionId) => addNote(tx, actionId, person, input));
    })
    .post('/:actionId/rag', async (c) => {
      const person = requirePerson(c);
      const input = await parseBody(c, ragInputSchema);
      return change(c, 'RAG set', (tx, actionId) => addRag(tx, actionId, person, input));
    });
}
