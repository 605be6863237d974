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
import { areaInputSchema, planImportSchema, planInputSchema } from '../../shared/plans/plan-schemas';
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
          `INSERT INTO plan_areas (id, plan_id, reference, title, theme, source, timescale, timescale_date, position)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
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
          `UPDATE plan_areas SET reference = $3, title = $4, theme = $5, source = $6, timescale = $7, timescale_date = $8
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
          ],
        );
        if (updated.length === 0) throw appError('not_found', 'There is no such area in this plan.');
        await touchPlan(tx, planId);
        await logChange(c, deps, tx, 'plan-item', areaId, { area: 'updated', planId });
      });
      return c.json(await loadPlanView(deps.db, planId, null, londonToday()));
    });
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
