/**
 * /api/plans: improvement plans, their areas, and import from a council's own spreadsheet.
 * Handlers are thin: parse, change in one transaction with its audit-log row, answer the
 * plan as it now stands. Who may call each route is in server/auth/access-rules.ts.
 */
import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { requirePerson } from '../auth/require-person';
import { dataScope, serviceForNewRecord } from '../auth/service-scope';
import { logChange, logView } from '../audit-log/log-access';
import {
  areaInputSchema,
  carryForwardSchema,
  partnerOwnerSchema,
  planImportSchema,
  planInputSchema,
} from '../../shared/plans/plan-schemas';
import { issuePasswordLink, linkAnswer } from '../auth/password-links';
import { appError } from '../../shared/errors/app-error';
import {
  idParam,
  insertPlan,
  isOtherPlanInScope,
  listPlans,
  loadPlanView,
  lockPlan,
  touchPlan,
  updatePlan,
} from './plan-store';
import { assertAreaInPlan, assertFreeAreaReference, insertArea, updateArea } from './area-store';
import {
  actionNumberTaken,
  assignPartnerOwner,
  insertCarriedAction,
  lockCarryableActions,
} from './action-store';
import { insertPartnerOwner } from './partner-store';
import { emailTaken } from '../admin/people-store';
import { asOfParam, londonToday } from './london-today';
import { readPlanFile } from './read-plan-file';
import { importPlanRows } from '../../shared/plans/plan-import';
import { saveImportedPlan } from './save-imported-plan';

export function planRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .get('/', async (c) => {
      requirePerson(c);
      const plans = await listPlans(deps.db, dataScope(c));
      await logView(c, deps, 'plan-list', '', { ids: plans.map((p) => p.id) });
      return c.json({ plans });
    })
    .post('/', async (c) => {
      const person = requirePerson(c);
      const serviceId = serviceForNewRecord(dataScope(c));
      const input = await parseBody(c, planInputSchema);
      const id = randomUUID();
      await deps.db.transaction(async (tx) => {
        await insertPlan(tx, { ...input, id, createdBy: person.id, serviceId });
        await logChange(c, deps, tx, 'plan-item', id, { plan: 'created' });
      });
      return c.json(await loadPlanView(deps.db, id, null, londonToday()), 201);
    })
    .post('/import', async (c) => {
      const person = requirePerson(c);
      const serviceId = serviceForNewRecord(dataScope(c));
      const input = await parseBody(c, planImportSchema);
      const rows = await readPlanFile(input.fileName, Buffer.from(input.content, 'base64'), {
        sheet: input.sheet,
        encoding: input.encoding,
      });
      const result = importPlanRows(rows);
      if (!result.ok) {
        const count = result.problems.length;
        throw appError(
          'validation_failed',
          `The file has ${count === 1 ? 'a problem' : `${count} problems`}. Nothing was imported: correct ${count === 1 ? 'it' : 'them'} and import the file again.`,
          result.problems,
        );
      }
      const id = await deps.db.transaction(async (tx) => {
        const planId = await saveImportedPlan(tx, { ...input, areas: result.areas }, person, serviceId);
        await logChange(c, deps, tx, 'plan-item', planId, { plan: 'imported', fileName: input.fileName });
        return planId;
      });
      return c.json(await loadPlanView(deps.db, id, null, londonToday()), 201);
    })
    .get('/:planId', async (c) => {
      requirePerson(c);
      const planId = idParam(c.req.param('planId'), 'plan');
      const view = await loadPlanView(deps.db, planId, asOfParam(c.req.query('asOf')), londonToday());
      await logView(c, deps, 'plan-item', planId);
      return c.json(view);
    })
    .put('/:planId', async (c) => {
      requirePerson(c);
      const planId = idParam(c.req.param('planId'), 'plan');
      const input = await parseBody(c, planInputSchema);
      await deps.db.transaction(async (tx) => {
        if (!(await updatePlan(tx, planId, input)))
          throw appError('not_found', 'There is no such plan. It may have been removed.');
        await logChange(c, deps, tx, 'plan-item', planId, { plan: 'updated' });
      });
      return c.json(await loadPlanView(deps.db, planId, null, londonToday()));
    })
    .post('/:planId/areas', async (c) => {
      requirePerson(c);
      const planId = idParam(c.req.param('planId'), 'plan');
      const input = await parseBody(c, areaInputSchema);
      const id = randomUUID();
      await deps.db.transaction(async (tx) => {
        if (!(await lockPlan(tx, planId)))
          throw appError('not_found', 'There is no such plan. It may have been removed.');
        await assertFreeAreaReference(tx, planId, input.reference, null);
        await insertArea(tx, id, planId, input);
        await touchPlan(tx, planId);
        await logChange(c, deps, tx, 'plan-item', id, { area: 'created', planId });
      });
      return c.json(await loadPlanView(deps.db, planId, null, londonToday()), 201);
    })
    .put('/:planId/areas/:areaId', async (c) => {
      requirePerson(c);
      const planId = idParam(c.req.param('planId'), 'plan');
      const areaId = idParam(c.req.param('areaId'), 'area');
      const input = await parseBody(c, areaInputSchema);
      await deps.db.transaction(async (tx) => {
        await assertFreeAreaReference(tx, planId, input.reference, areaId);
        if (!(await updateArea(tx, areaId, planId, input)))
          throw appError('not_found', 'There is no such area in this plan.');
        await touchPlan(tx, planId);
        await logChange(c, deps, tx, 'plan-item', areaId, { area: 'updated', planId });
      });
      return c.json(await loadPlanView(deps.db, planId, null, londonToday()));
    })
    .post('/:planId/carry-forward', async (c) => {
      // Actions of an older plan of the person's service carried into an area of this one: each
      // new action links to its origin (its history is read through the link, never copied);
      // the old plan is unchanged but for saying where each went.
      const person = requirePerson(c);
      const planId = idParam(c.req.param('planId'), 'plan');
      const input = await parseBody(c, carryForwardSchema);
      const scope = dataScope(c);
      await deps.db.transaction(async (tx) => {
        if (!(await isOtherPlanInScope(tx, scope, input.fromPlanId, planId)))
          throw invalid('fromPlanId', 'Choose another plan of your service to carry actions from.');
        await assertAreaInPlan(tx, planId, input.areaId);
        const olds = await lockCarryableActions(tx, input.fromPlanId, [...new Set(input.actionIds)]);
        if (olds.length !== new Set(input.actionIds).size)
          throw invalid(
            'actionIds',
            'Choose actions of that plan that have not been carried forward already.',
          );
        for (const old of olds) {
          const clash = await actionNumberTaken(tx, planId, old.number);
          const id = randomUUID();
          await insertCarriedAction(tx, {
            id,
            planId,
            areaId: input.areaId,
            number: clash ? `${old.number} (carried)` : old.number,
            from: old,
          });
          await logChange(c, deps, tx, 'plan-item', id, {
            action: 'carried forward',
            planId,
            fromPlanId: input.fromPlanId,
            fromActionId: old.id,
            by: person.id,
          });
        }
        await touchPlan(tx, planId);
      });
      return c.json(await loadPlanView(deps.db, planId, null, londonToday()), 201);
    })
    .post('/:planId/partners', async (c) => {
      // A partner agency's owner of some of the plan's actions: a guest of this plan (no role,
      // no service) who signs in and reaches only the actions they own, until their last day.
      const by = requirePerson(c);
      const planId = idParam(c.req.param('planId'), 'plan');
      const input = await parseBody(c, partnerOwnerSchema);
      const today = londonToday();
      if (input.lastDay < today) throw invalid('lastDay', `Choose a last day from today (${today}).`);
      const result = await deps.db.transaction(async (tx) => {
        if (await emailTaken(tx, input.email))
          throw invalid('email', 'Someone already has this e-mail address.');
        const id = randomUUID();
        await insertPartnerOwner(tx, {
          id,
          email: input.email,
          name: input.name,
          jobTitle: `Partner owner from ${input.organisation}`.slice(0, 200),
          agency: input.agency,
          organisation: input.organisation,
          planId,
          lastDay: input.lastDay,
        });
        await assignPartnerOwner(tx, planId, id, input.actionIds);
        await logChange(
          c,
          deps,
          tx,
          'person',
          id,
          { planId, email: input.email, organisation: input.organisation, lastDay: input.lastDay },
          'guest.created',
        );
        const link = await issuePasswordLink(tx, id, by.id);
        await logChange(c, deps, tx, 'person', id, { expiresAt: link.expiresAt }, 'password-link.created');
        await touchPlan(tx, planId);
        return { id, link };
      });
      return c.json(
        {
          personId: result.id,
          passwordLink: linkAnswer(result.link),
          plan: await loadPlanView(deps.db, planId, null, londonToday()),
        },
        201,
      );
    });
}

const invalid = (path: string, message: string) =>
  appError('validation_failed', 'Some fields need correcting.', [{ path, message }]);
