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
import { actionStateAsOf } from '../../shared/plans/action-state';
import { appError } from '../../shared/errors/app-error';
import { actionEvents, addEvent, addNote, addRag, idParam, touchPlan } from './plan-store';
import { findingText } from './findings';
import { assertAreaInPlan } from './area-store';
import {
  actionDetail,
  assertActionInPlan,
  assertFreeActionNumber,
  insertAction,
  linkFinding,
  lockActionForEdit,
  saveActionExtras,
  setActionTargetDate,
  unlinkFinding,
  updateActionFields,
} from './action-store';

const invalid = (path: string, message: string) =>
  appError('validation_failed', 'Some fields need correcting.', [{ path, message }]);

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
      await assertActionInPlan(tx, planId, actionId);
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
        await assertAreaInPlan(tx, planId, input.areaId);
        await assertFreeActionNumber(tx, planId, input.number, null);
        await insertAction(tx, {
          id,
          planId,
          areaId: input.areaId,
          number: input.number,
          description: input.description,
          owner: input.owner,
          targetDate: input.targetDate || null,
        });
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
        await assertFreeActionNumber(tx, planId, input.number, actionId);
        const current = await lockActionForEdit(tx, actionId);
        // A set target date changes only by a revision, so the original is kept with the reason.
        const targetDate = input.targetDate || null;
        if (current?.targetDate && targetDate !== current.targetDate)
          throw invalid(
            'targetDate',
            'Revise the target date with its reason (Revise target date), so the original is kept.',
          );
        await updateActionFields(tx, actionId, {
          number: input.number,
          description: input.description,
          owner: input.owner,
          targetDate,
        });
        await saveActionExtras(tx, planId, actionId, current?.areaId ?? '', input);
      });
    })
    .post('/:planId/actions/:actionId/target-date', async (c) => {
      const person = requirePerson(c);
      const input = await parseBody(c, targetRevisionSchema);
      return change(c, 'target date revised', async (tx, _planId, actionId) => {
        const current = await lockActionForEdit(tx, actionId);
        if (current?.targetDate === input.targetDate)
          throw invalid('targetDate', 'That is already the target date: choose the new date.');
        await addEvent(tx, actionId, {
          kind: 'target-revised',
          text: input.reason,
          byId: person.id,
          byName: person.name,
          fromDate: current?.targetDate ?? null,
          toDate: input.targetDate,
        });
        await setActionTargetDate(tx, actionId, input.targetDate);
      });
    })
    .post('/:planId/actions/:actionId/notes', async (c) => {
      const person = requirePerson(c);
      const input = await parseBody(c, noteInputSchema);
      return change(c, 'note added', (tx, _planId, actionId) => addNote(tx, actionId, person, input));
    })
    .post('/:planId/actions/:actionId/rag', async (c) => {
      const person = requirePerson(c);
      const input = await parseBody(c, ragInputSchema);
      return change(c, 'RAG set', (tx, _planId, actionId) => addRag(tx, actionId, person, input));
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
        await linkFinding(tx, {
          id: randomUUID(),
          actionId,
          auditId: input.auditId,
          itemKey: input.itemKey,
          itemIndex: input.itemIndex,
          excerpt: text.slice(0, 2000),
          linkedBy: person.id,
        });
      });
    })
    .delete('/:planId/actions/:actionId/findings/:linkId', async (c) => {
      const linkId = idParam(c.req.param('linkId'), 'link');
      return change(c, 'finding unlinked', async (tx, _planId, actionId) => {
        const removed = await unlinkFinding(tx, linkId, actionId);
        if (!removed) throw appError('not_found', 'That finding is not linked to this action.');
      });
    });
}
