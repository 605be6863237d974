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
import { inScope } from '../auth/service-scope';
import { issuePasswordLink } from '../auth/password-links';
import type { Queryable } from '../db/database';
import { appError } from '../../shared/errors/app-error';
import { idParam, listPlans, loadPlanView, nextPosition, touchPlan } from './plan-store';
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
        await tx.query(
          `INSERT INTO plans (id, title, kind, area_noun, sources, created_by, service_id)
           VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
          [id, input.title, input.kind, input.areaNoun, JSON.stringify(input.sources), person.id, serviceId],
        );
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
        const updated = await tx.query(
          'UPDATE plans SET title = $2, kind = $3, area_noun = $4, sources = $5::jsonb, updated_at = now() WHERE id = $1 RETURNING id',
          [planId, input.title, input.kind, input.areaNoun, JSON.stringify(input.sources)],
        );
        if (updated.length === 0)
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
        const [plan] = await tx.query('SELECT id FROM plans WHERE id = $1 FOR UPDATE', [planId]);
        if (!plan) throw appError('not_found', 'There is no such plan. It may have been removed.');
        await assertFreeReference(tx, planId, input.reference, null);
        await tx.query(
          `INSERT INTO plan_areas (id, plan_id, reference, title, theme, source, timescale, timescale_date, position,
             recurrence, recurrence_start, outcomes)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb)`,
          [
            id,
            planId,
            input.reference,
            input.title,
            input.theme,
            input.source,
            input.timescale,
            input.timescale === 'by-date' ? input.timescaleDate : null,
            await nextPosition(tx, 'plan_areas', planId),
            ...areaExtras(input),
          ],
        );
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
        await assertFreeReference(tx, planId, input.reference, areaId);
        const updated = await tx.query(
          `UPDATE plan_areas SET reference = $3, title = $4, theme = $5, source = $6, timescale = $7, timescale_date = $8,
             recurrence = $9, recurrence_start = $10, outcomes = $11::jsonb
           WHERE id = $1 AND plan_id = $2 RETURNING id`,
          [
            areaId,
            planId,
            input.reference,
            input.title,
            input.theme,
            input.source,
            input.timescale,
            input.timescale === 'by-date' ? input.timescaleDate : null,
            ...areaExtras(input),
          ],
        );
        if (updated.length === 0) throw appError('not_found', 'There is no such area in this plan.');
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
        const params: unknown[] = [input.fromPlanId, planId];
        const [from] = await tx.query(
          `SELECT id FROM plans WHERE id = $1 AND id <> $2 AND ${inScope(scope, { service: 'service_id' }, params)}`,
          params,
        );
        if (!from) throw invalid('fromPlanId', 'Choose another plan of your service to carry actions from.');
        const [area] = await tx.query('SELECT id FROM plan_areas WHERE id = $1 AND plan_id = $2', [
          input.areaId,
          planId,
        ]);
        if (!area) throw invalid('areaId', 'Choose an area of this plan.');
        const olds = await tx.query<{
          id: string;
          number: string;
          description: string;
          owner: string;
          target_date: string | null;
          timescale: string | null;
          recurrence: string | null;
          recurrence_start: string | null;
        }>(
          `SELECT a.id, a.number, a.description, a.owner, a.target_date, a.timescale, a.recurrence, a.recurrence_start
           FROM plan_actions a WHERE a.plan_id = $1 AND a.id = ANY($2::uuid[])
             AND NOT EXISTS (SELECT 1 FROM plan_actions n WHERE n.carried_from = a.id)
           ORDER BY a.position, a.number FOR UPDATE`,
          [input.fromPlanId, [...new Set(input.actionIds)]],
        );
        if (olds.length !== new Set(input.actionIds).size)
          throw invalid(
            'actionIds',
            'Choose actions of that plan that have not been carried forward already.',
          );
        for (const old of olds) {
          const [clash] = await tx.query('SELECT id FROM plan_actions WHERE plan_id = $1 AND number = $2', [
            planId,
            old.number,
          ]);
          const id = randomUUID();
          await tx.query(
            `INSERT INTO plan_actions (id, plan_id, area_id, number, description, owner, target_date, position,
               timescale, recurrence, recurrence_start, carried_from)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
            [
              id,
              planId,
              input.areaId,
              clash ? `${old.number} (carried)` : old.number,
              old.description,
              old.owner,
              old.target_date,
              await nextPosition(tx, 'plan_actions', planId),
              old.timescale,
              old.recurrence,
              old.recurrence_start,
              old.id,
            ],
          );
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
        const [taken] = await tx.query('SELECT id FROM people WHERE email = $1', [input.email]);
        if (taken) throw invalid('email', 'Someone already has this e-mail address.');
        const id = randomUUID();
        await tx.query(
          `INSERT INTO people (id, email, display_name, job_title, service_id, roles, agency, organisation,
             guest_plan_id, guest_until)
           VALUES ($1, $2, $3, $4, NULL, '{}', $5, $6, $7, $8)`,
          [
            id,
            input.email,
            input.name,
            `Partner owner from ${input.organisation}`.slice(0, 200),
            input.agency,
            input.organisation,
            planId,
            input.lastDay,
          ],
        );
        await assignOwner(tx, planId, id, input.actionIds);
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
          passwordLink: { path: result.link.path, expiresAt: result.link.expiresAt },
          plan: await loadPlanView(deps.db, planId, null, londonToday()),
        },
        201,
      );
    });
}

const invalid = (path: string, message: string) =>
  appError('validation_failed', 'Some fields need correcting.', [{ path, message }]);

/** The extra columns of an area: recurrence, its start month, and the outcome statements. */
function areaExtras(input: {
  timescale: string;
  recurrence?: string | undefined;
  recurrenceStart?: string | undefined;
  outcomes: string[];
}): unknown[] {
  const recurring = input.timescale === 'recurring';
  return [
    recurring ? input.recurrence : null,
    recurring ? input.recurrenceStart : null,
    JSON.stringify(input.outcomes),
  ];
}

/** Makes a partner (a guest of the plan) the owner of the plan's actions named. */
async function assignOwner(tx: Queryable, planId: string, personId: string, actionIds: string[]) {
  if (actionIds.length === 0) return;
  const updated = await tx.query(
    'UPDATE plan_actions SET owner_person_id = $3 WHERE plan_id = $1 AND id = ANY($2::uuid[]) RETURNING id',
    [planId, [...new Set(actionIds)], personId],
  );
  if (updated.length !== new Set(actionIds).size) throw invalid('actionIds', 'Choose actions of this plan.');
}

async function assertFreeReference(
  tx: { query: AppDeps['db']['query'] },
  planId: string,
  reference: string,
  exceptAreaId: string | null,
): Promise<void> {
  const [clash] = await tx.query(
    'SELECT id FROM plan_areas WHERE plan_id = $1 AND reference = $2 AND ($3::uuid IS NULL OR id <> $3::uuid)',
    [planId, reference, exceptAreaId],
  );
  if (clash)
    throw appError('validation_failed', 'Some fields need correcting.', [
      {
        path: 'reference',
        message: `This plan already has an area “${reference}”. Choose another reference.`,
      },
    ]);
}
